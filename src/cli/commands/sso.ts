import type { Argv } from 'yargs';
import type { AwsConfigFile } from '../../aws/config/AwsConfigFile.js';
import { appendProfileSection } from '../../aws/config/appendProfileSection.js';
import { loadAwsConfig } from '../../aws/config/loadAwsConfig.js';
import { resolveProfile } from '../../aws/config/resolveProfile.js';
import { SessionStore } from '../../aws/sessions/SessionStore.js';
import { obtainSsoAccessToken } from '../../aws/sso/obtainSsoAccessToken.js';
import { readNamedSsoSession, REGION_NAME } from '../../aws/sso/readSsoSession.js';
import { describeSsoSession, type SsoSessionConfig } from '../../aws/sso/SsoSessionConfig.js';
import { SsoTokenStore } from '../../aws/sso/SsoTokenStore.js';
import { UsageError } from '../../shared/errors.js';
import { requirePrivateSubdirectory } from '../../shared/runtimeDirectory.js';
import { assertValidProfileName, isValidProfileName } from '../../shared/validateProfileName.js';
import type { Backend } from '../../vault/Backend.js';
import type { CliContext } from '../CliContext.js';
import { createSsoSignIn } from '../ssoSignIn.js';

export interface SsoTarget {
  readonly ssoSession?: string | undefined;
  readonly profile?: string | undefined;
  readonly backend?: string | undefined;
}

const targetOptions = <T>(yargs: Argv<T>) =>
  yargs
    .option('sso-session', { type: 'string', describe: 'the [sso-session NAME] of the AWS config' })
    .option('profile', { type: 'string', describe: 'a profile that signs in (its sso_session, or its sso_start_url)' })
    .conflicts('sso-session', 'profile');

export const ssoLoginCommand = {
  command: 'login',
  describe: 'sign in to IAM Identity Center in the browser (the device code flow); keeps the tokens in the vault',
  builder: (yargs: Argv) =>
    targetOptions(yargs)
      .option('browser', { type: 'boolean', default: true, describe: 'use --no-browser to only print the address and the code (headless machines)' })
      .example('$0 sso login --sso-session corp', 'sign in once; git, exec and credential_process then renew silently')
      .example('$0 sso login --profile dev --no-browser', 'sign in from an SSH session: open the printed address on another device'),
};

export const ssoLogoutCommand = {
  command: 'logout [name]',
  describe: 'sign out of an sso-session (all of them without a name): revokes the tokens and removes them and their role sessions',
  builder: (yargs: Argv) => yargs.positional('name', { type: 'string', describe: 'the sso-session (or the start URL of a legacy profile)' }).example('$0 sso logout corp', 'sign out of sso-session corp'),
};

export const ssoProfilesCommand = {
  command: 'profiles',
  describe: 'list every account and role the sign-in reaches, as AWS config profiles (named <account name>.<role name>)',
  builder: (yargs: Argv) =>
    targetOptions(yargs)
      .option('write', { type: 'boolean', default: false, describe: 'append the missing profiles to the AWS config (existing sections are never touched)' })
      .option('region', { type: 'string', describe: 'region = for the new profiles (default: the sso_region)' })
      .example('$0 sso profiles --sso-session corp', 'print the profiles as config text')
      .example('$0 sso profiles --sso-session corp --write', 'add them to ~/.aws/config'),
};

/** Which sign-in a command means: the named sso-session, the profile's, AWS_PROFILE's, or the only one there is. */
export function chooseSsoSession(target: SsoTarget, config: AwsConfigFile, env: NodeJS.ProcessEnv): { session: SsoSessionConfig; profile?: string | undefined } {
  if (target.ssoSession !== undefined) return { session: readNamedSsoSession(target.ssoSession, config) };
  const profile = target.profile ?? (env.AWS_PROFILE || undefined);
  if (profile !== undefined) {
    assertValidProfileName(profile);
    if (target.profile !== undefined && !config.profiles.has(profile)) throw new UsageError(`profile ${profile} is not in ${config.path}`);
    const resolved = resolveProfile(profile, { config, env });
    if (resolved.sso) return { session: resolved.sso, profile };
    if (target.profile !== undefined) throw new UsageError(`profile ${profile} does not sign in to IAM Identity Center (it has no sso_session or sso_start_url)`);
  }
  const names = [...config.ssoSessions.keys()];
  if (names.length === 1) return { session: readNamedSsoSession(names[0]!, config) };
  throw new UsageError(
    names.length === 0 ? `${config.path} has no [sso-session] section` : `name the sso-session to use: ${names.join(', ')}`,
    names.length === 0 ? 'add one with sso_start_url and sso_region (see docs/sso.md)' : `vault-git sso login --sso-session ${names[0]}`,
  );
}

export async function runSsoLogin(options: SsoTarget & { readonly browser: boolean }, context: CliContext): Promise<void> {
  const config = await loadAwsConfig(context.env);
  const { session, profile } = chooseSsoSession(options, config, context.env);
  const { backend } = await context.openBackend(options.backend);
  const store = new SsoTokenStore(backend, context.env);
  const previous = await store.read(session);
  // An explicit login always signs in afresh (a new user, new permissions); the registration is reused.
  await createSsoSignIn(backend, context, { browser: options.browser, requireTerminal: false })(session, previous, profile ?? session.id);
}

/** Profiles whose sessions were made from a sign-in: every profile signing in there, and the roles on top. */
function profilesOfSession(config: AwsConfigFile, env: NodeJS.ProcessEnv, sessionIds: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  for (const name of config.profiles.keys()) {
    try {
      const signsIn = isValidProfileName(name) ? resolveProfile(name, { config, env }).sso : undefined;
      if (signsIn && sessionIds.has(signsIn.id)) names.add(name);
    } catch {
      // A profile that does not resolve made no session.
    }
  }
  return names;
}

export async function runSsoLogout(options: { readonly name?: string | undefined; readonly backend?: string | undefined }, context: CliContext): Promise<void> {
  const config = await loadAwsConfig(context.env);
  const { backend } = await context.openBackend(options.backend);
  const store = new SsoTokenStore(backend, context.env);
  const signIns = await store.list();
  const chosen = options.name === undefined ? signIns : signIns.filter((signIn) => signIn.id === options.name);
  if (options.name !== undefined && chosen.length === 0) {
    context.err(`vault-git: no sign-in for ${options.name} in the ${backend.name} vault; nothing to do\n`);
    return;
  }
  for (const { id, token } of chosen) {
    if (token?.accessToken && token.accessTokenExpiresAt! * 1000 > context.now().getTime()) {
      const session: SsoSessionConfig = { id, name: config.ssoSessions.has(id) ? id : undefined, startUrl: token.startUrl, region: token.region, scopes: token.scopes, endpointUrl: config.ssoSessions.get(id)?.endpoint_url };
      try {
        const sso = await import('../../aws/sso/ssoCalls.js');
        await sso.logout(session, token.accessToken, context.env);
      } catch (error) {
        // Removing the tokens here still signs this machine out; say the portal may keep the sign-in.
        context.err(`vault-git: could not end the sign-in at the portal (${(error as Error).message}); removing it here anyway\n`);
      }
    }
    await store.delete({ id });
  }
  const sessions = new SessionStore(backend, context.env);
  const profiles = profilesOfSession(config, context.env, new Set(chosen.map((signIn) => signIn.id)));
  const cleared = await sessions.clear((session) => profiles.has(session.sourceProfile));
  context.err(`Signed out of ${chosen.length} sso-session${chosen.length === 1 ? '' : 's'}; cleared ${cleared} role session${cleared === 1 ? '' : 's'}.\n`);
}

/** `<account name>.<role name>`, with anything a profile name may not hold turned into `-`. */
export function ssoProfileName(accountName: string, roleName: string): string {
  const clean = (text: string) => text.replace(/[^A-Za-z0-9_.@+-]+/g, '-').replace(/^[^A-Za-z0-9]+|-+$/g, '');
  return `${clean(accountName) || 'account'}.${clean(roleName) || 'role'}`.slice(0, 64);
}

async function signedInAccessToken(session: SsoSessionConfig, profile: string, backend: Backend, context: CliContext): Promise<string> {
  return obtainSsoAccessToken(
    { session, profile },
    {
      store: new SsoTokenStore(backend, context.env),
      env: context.env,
      now: () => context.now(),
      lockDirectory: () => requirePrivateSubdirectory(context.env, 'locks'),
      loadSso: () => import('../../aws/sso/ssoCalls.js'),
      signIn: createSsoSignIn(backend, context, { browser: true, requireTerminal: true }),
    },
  );
}

export async function runSsoProfiles(options: SsoTarget & { readonly write: boolean; readonly region?: string | undefined }, context: CliContext): Promise<void> {
  const config = await loadAwsConfig(context.env);
  const { session, profile } = chooseSsoSession(options, config, context.env);
  if (options.region !== undefined && !REGION_NAME.test(options.region)) throw new UsageError(`--region ${options.region.slice(0, 40)} is not an AWS region name`);
  const { backend } = await context.openBackend(options.backend);
  const accessToken = await signedInAccessToken(session, profile ?? session.id, backend, context);
  const sso = await import('../../aws/sso/ssoCalls.js');
  const reachable: Array<{ name: string; accountId: string; accountName: string; roleName: string }> = [];
  for (const account of await sso.listAccounts(session, accessToken, context.env)) {
    // What the portal says ends up in the config file: anything that is not an account id or an IAM role name is left out.
    if (!/^\d{12}$/.test(account.accountId)) {
      context.err(`vault-git: skipped an account whose id is not 12 digits: ${JSON.stringify(account.accountId.slice(0, 40))}\n`);
      continue;
    }
    for (const roleName of await sso.listAccountRoles(session, accessToken, account.accountId, context.env)) {
      if (!/^[\w+=,.@-]{1,64}$/.test(roleName)) {
        context.err(`vault-git: skipped a role of ${account.accountId} whose name is not an IAM role name: ${JSON.stringify(roleName.slice(0, 80))}\n`);
        continue;
      }
      reachable.push({ name: ssoProfileName(account.accountName, roleName), accountId: account.accountId, accountName: account.accountName, roleName });
    }
  }
  reachable.sort((a, b) => a.name.localeCompare(b.name));

  const region = options.region ?? session.region;
  const sessionKeys: Record<string, string> = session.name !== undefined ? { sso_session: session.name } : { sso_start_url: session.startUrl, sso_region: session.region };
  const existing = (accountId: string, roleName: string) =>
    [...config.profiles].find(([, section]) => section.sso_account_id === accountId && section.sso_role_name === roleName && (section.sso_session === session.name || section.sso_start_url === session.startUrl))?.[0];

  let written = 0;
  for (const item of reachable) {
    const keys = { ...sessionKeys, sso_account_id: item.accountId, sso_role_name: item.roleName, region };
    const already = existing(item.accountId, item.roleName);
    if (!options.write) {
      context.out(`# ${item.accountName.replace(/[\r\n]/g, ' ')} (${item.accountId}), ${item.roleName}${already ? `: already in the config as profile ${already}` : ''}\n`);
      context.out(`[profile ${item.name}]\n${Object.entries(keys).map(([key, value]) => `${key} = ${value}`).join('\n')}\n\n`);
      continue;
    }
    if (already) {
      context.err(`vault-git: kept profile ${already} (${item.accountId}, ${item.roleName})\n`);
    } else if (config.profiles.has(item.name)) {
      context.err(`vault-git: a different profile ${item.name} exists; left it alone and skipped ${item.accountId}, ${item.roleName}\n`);
    } else if (appendProfileSection(config.path, item.name, keys)) {
      context.err(`vault-git: added profile ${item.name} (${item.accountId}, ${item.roleName})\n`);
      written++;
    }
  }
  if (reachable.length === 0) context.err(`vault-git: the ${describeSsoSession(session)} reaches no account\n`);
  if (options.write) context.err(`Added ${written} profile${written === 1 ? '' : 's'} to ${config.path}.\n`);
}

