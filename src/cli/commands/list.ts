import type { Argv } from 'yargs';
import { loadAwsConfig } from '../../aws/config/loadAwsConfig.js';
import { formatTimeLeft } from '../../shared/formatTimeLeft.js';
import { maskKeyId } from '../../shared/redact.js';
import { readStoredCredentials } from '../../vault/StoredCredentials.js';
import { SessionStore } from '../../aws/sessions/SessionStore.js';
import { SsoTokenStore } from '../../aws/sso/SsoTokenStore.js';
import type { CliContext } from '../CliContext.js';
import { formatTable } from '../formatTable.js';
import { isConfirmationRequired } from '../../aws/config/isConfirmationRequired.js';

export interface ListOptions {
  readonly json: boolean;
  /** One name per line, as aws-vault's list --profiles / --credentials / --sessions. */
  readonly only?: 'profiles' | 'credentials' | 'sessions' | undefined;
  readonly backend: string | undefined;
}

export const listCommand = {
  command: ['list', 'ls'],
  describe: 'show profiles, stored keys (masked), cached sessions and IAM Identity Center sign-ins',
  builder: (yargs: Argv) =>
    yargs
      .option('json', { type: 'boolean', default: false, describe: 'print JSON instead of a table' })
      .option('profiles', { type: 'boolean', describe: 'only the profile names of the AWS config, one per line' })
      .option('credentials', { type: 'boolean', describe: 'only the profiles with a stored key, one per line' })
      .option('sessions', { type: 'boolean', describe: 'only the cached sessions and sign-ins, one per line: PROFILE:TYPE:TIME-LEFT (sso:NAME:TIME-LEFT)' })
      .example('$0 list', 'profiles, keys (masked), sessions with time left')
      .example('$0 list --profiles', 'one profile name per line, for scripts'),
};

interface ProfileRow {
  profile: string;
  inConfig: boolean;
  credentials: string | null;
  confirm: boolean;
  sessions: Array<{ type: string; expiresAt: string; timeLeft: string }>;
}

export async function runList(options: ListOptions, context: CliContext): Promise<void> {
  const config = await loadAwsConfig(context.env);
  if (options.only === 'profiles') {
    // From the config alone: no vault is opened (no keychain probe, no passphrase).
    for (const name of config.profiles.keys()) context.out(`${name}\n`);
    return;
  }
  const { backend, reason } = await context.openBackend(options.backend);
  const now = context.now();
  const stored = await backend.list('credentials');
  if (options.only === 'credentials') {
    for (const name of stored) context.out(`${name}\n`);
    return;
  }
  const names = [...new Set([...config.profiles.keys(), ...stored])];
  const sessions = (await new SessionStore(backend, context.env).list()).filter((s) => s.expiresAt * 1000 > now.getTime());

  const rows: ProfileRow[] = [];
  for (const profile of names) {
    const credentials = stored.includes(profile) ? await readStoredCredentials(backend, profile) : undefined;
    rows.push({
      profile,
      inConfig: config.profiles.has(profile),
      credentials: credentials ? maskKeyId(credentials.accessKeyId) : null,
      confirm: isConfirmationRequired(profile, config, context.env),
      sessions: sessions
        .filter((s) => s.profile === profile)
        .map((s) => ({ type: s.type, expiresAt: new Date(s.expiresAt * 1000).toISOString(), timeLeft: formatTimeLeft(s.expiresAt, now) })),
    });
  }

  const ssoSessions = (await new SsoTokenStore(backend, context.env).list()).map(({ id, token }) => {
    const expiresAt = token?.accessTokenExpiresAt;
    const live = expiresAt !== undefined && expiresAt * 1000 > now.getTime();
    return {
      name: id,
      startUrl: token?.startUrl ?? null,
      accessTokenExpiresAt: live ? new Date(expiresAt * 1000).toISOString() : null,
      timeLeft: live ? formatTimeLeft(expiresAt, now) : 'expired',
      // With a refresh token the helper renews the access token itself; without, sso login is needed once it ends.
      renewable: token?.refreshToken !== undefined && token.registrationExpiresAt * 1000 > now.getTime(),
    };
  });

  if (options.only === 'sessions') {
    for (const session of sessions) context.out(`${session.profile}:${session.type}:${formatTimeLeft(session.expiresAt, now)}\n`);
    for (const session of ssoSessions) if (session.accessTokenExpiresAt) context.out(`sso:${session.name}:${session.timeLeft}\n`);
    return;
  }

  const unreadable = backend.unreadable?.() ?? [];
  for (const { file, reason: why } of unreadable) context.err(`vault-git: skipped ${file} in ${backend.location}: ${why}\n`);
  if (options.json) {
    context.out(JSON.stringify({ backend: backend.name, location: backend.location, reason, profiles: rows, ssoSessions, unreadable }, null, 2) + '\n');
    return;
  }
  context.out(`Vault: ${backend.name} (${backend.location}); ${reason}\n\n`);
  context.out(
    formatTable(
      ['Profile', 'Credentials', 'Sessions'],
      rows.map((row) => [
        row.profile + (row.confirm ? ' (confirm)' : ''),
        row.credentials ?? '-',
        row.sessions.length === 0 ? '-' : row.sessions.map((s) => `${s.type}:${s.timeLeft}`).join(', '),
      ]),
    ),
  );
  if (ssoSessions.length > 0) {
    context.out('\n');
    context.out(
      formatTable(
        ['SSO session', 'Start URL', 'Access token', 'Renews'],
        ssoSessions.map((session) => [session.name, session.startUrl ?? '-', session.timeLeft, session.renewable ? 'silently' : 'needs sso login']),
      ),
    );
  }
}
