import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Argv } from 'yargs';
import { loadAwsConfig } from '../../aws/config/loadAwsConfig.js';
import { resolveProfile } from '../../aws/config/resolveProfile.js';
import { codeCommitHttpsUrl, parseCodeCommitRemoteUrl } from '../../codecommit/parseCodeCommitRemoteUrl.js';
import { gitConfig, runGit } from '../../git/runGit.js';
import { resetChecked } from '../../git/staleCheckMarker.js';
import { UsageError, VaultGitError } from '../../shared/errors.js';
import { assertValidProfileName } from '../../shared/validateProfileName.js';
import { applySetup } from '../../setup/applySetup.js';
import { formatGitConfigValue, formatHelperValue } from '../../setup/formatHelperValue.js';
import { readRemoteSetups } from '../../setup/readRemoteSetups.js';
import { chooseSetupProfile, type ChosenProfile } from '../../setup/chooseSetupProfile.js';
import { readTeamFile, repositoryRoot, saveTeamRemote, TEAM_FILE, type TeamRemote } from '../../setup/teamFile.js';
import type { AwsConfigFile } from '../../aws/config/AwsConfigFile.js';
import { isVaultHelper } from '../../git/classifyHelper.js';
import { formatErrorForUser } from '../../shared/formatErrorForUser.js';
import type { CliContext } from '../CliContext.js';
import { formatTable } from '../formatTable.js';

export interface SetupOptions {
  readonly remote?: string | undefined;
  readonly profile?: string | undefined;
  readonly repo?: string | undefined;
  readonly region?: string | undefined;
  readonly url?: string | undefined;
  readonly fips: boolean;
  readonly write: boolean;
  readonly list: boolean;
  /** Every remote of the team file (.vault-git). */
  readonly all?: boolean | undefined;
  /** Record the remote in the team file. */
  readonly save?: boolean | undefined;
  /** Undo what setup wrote for the remote's URL. */
  readonly remove?: boolean | undefined;
  /** Where git-credential-vault lives; the running vault-git's own directory by default. */
  readonly helperPath?: string | undefined;
}

export const setupCommand = {
  command: 'setup [remote]',
  describe: 'print (or --write) the .git/config for a CodeCommit remote: URL, and a credential section that only vault-git answers',
  builder: (yargs: Argv) =>
    yargs
      .positional('remote', { type: 'string', describe: 'the remote name, e.g. origin or cc-env1' })
      .option('profile', { alias: 'p', type: 'string', describe: 'the profile whose credentials push to this remote' })
      .option('repo', { type: 'string', describe: 'CodeCommit repository name (with --region)' })
      .option('region', { type: 'string', describe: 'AWS region of the repository' })
      .option('url', { type: 'string', describe: 'an https CodeCommit URL, or codecommit://profile@repo, codecommit::REGION://repo' })
      .option('fips', { type: 'boolean', default: false, describe: 'use the FIPS endpoint (with --repo/--region)' })
      .option('write', { type: 'boolean', default: false, describe: 'apply it to the current repository with git config' })
      .option('list', { type: 'boolean', default: false, describe: 'show every CodeCommit remote with its profile and whether its setup is complete' })
      .option('all', { type: 'boolean', default: false, describe: 'set up every remote the team file (.vault-git at the repository root) names, adding missing ones' })
      .option('save', { type: 'boolean', default: false, describe: 'record the remote, its URL, profile and role ARN in the team file' })
      .option('remove', { type: 'boolean', default: false, describe: "remove the credential section setup wrote for the remote's URL (nothing else)" })
      .example('$0 setup prj1 --write', "a remote that already points at CodeCommit: its URL, and the profile from the URL, the team file or AWS_PROFILE")
      .example('$0 setup cc-env1 --profile env1 --repo demo --region eu-west-1 --write', 'add a CodeCommit remote that pushes as env1')
      .example('$0 setup --all --write', 'after git clone: every remote of the team file'),
};

/** Git's own rules are looser; this keeps remote names to what can sit in a config header and a refspec. */
const REMOTE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * A narrow alphabet, and then git's own verdict (a remote name must make a valid refspec, so `cc..prod`
 * and `x.lock` are refused): a name git refuses would break every git command in the repository.
 */
async function assertUsableRemoteName(remote: string, env: NodeJS.ProcessEnv): Promise<void> {
  const refuse = () => new UsageError(`${JSON.stringify(remote.slice(0, 80))} is not a usable remote name: use letters, digits and . _ - (at most 100), as git allows in a remote name`);
  if (!REMOTE_NAME.test(remote) || remote.includes('..') || remote.endsWith('.lock') || remote.endsWith('.')) throw refuse();
  const check = await runGit(['check-ref-format', `refs/remotes/${remote}/HEAD`], { env });
  if (check.code !== 0) throw refuse();
}

function defaultHelperPath(): string {
  return join(dirname(realpathSync(process.argv[1]!)), 'git-credential-vault');
}

async function listSetups(context: CliContext): Promise<void> {
  const setups = await readRemoteSetups({ env: context.env });
  const codecommit = setups.filter((setup) => setup.codecommit);
  if (codecommit.length === 0) {
    context.err('No CodeCommit remotes in this repository.\n');
    return;
  }
  context.out(
    formatTable(
      ['Remote', 'URL', 'Profile', 'Credential section'],
      codecommit.map((setup) => [setup.remote, setup.url, setup.profile ?? '-', setup.problems.length === 0 ? 'complete' : `incomplete: ${setup.problems.join('; ')}`]),
    ),
  );
}

interface SetupTarget {
  readonly url: string;
  readonly profile: string;
  readonly from: ChosenProfile['from'];
  readonly roleArn?: string | undefined;
}

/**
 * Where a remote points and which profile pushes to it: the flags first; else the remote's existing URL
 * (https or codecommit://), else the team file's; the profile as chooseSetupProfile decides.
 */
async function resolveTarget(remote: string, options: SetupOptions, config: AwsConfigFile, team: TeamRemote | undefined, context: CliContext): Promise<SetupTarget> {
  if (options.url && (options.repo || options.region)) throw new UsageError('give either --url, or --repo with --region');
  if ((options.repo === undefined) !== (options.region === undefined) && !options.url) {
    throw new UsageError('give --repo together with --region', `vault-git setup ${remote} --repo NAME --region REGION`);
  }
  // git-remote-codecommit's rule for codecommit://repo: AWS_PROFILE, then default.
  const implied = context.env.AWS_PROFILE || 'default';
  let text = options.url;
  let origin = '--url';
  if (!text && !options.repo) {
    const existing = (await runGit(['config', '--get', `remote.${remote}.url`], { env: context.env })).stdout.trim();
    text = existing || team?.url;
    origin = existing ? `remote ${remote}'s URL` : `the team file's URL for ${remote}`;
    if (!text) {
      throw new UsageError(`remote ${remote} does not exist here, and no team file names a URL for it`, `vault-git setup ${remote} --profile NAME --url https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME`);
    }
  }
  let url: string;
  let region: string;
  let fromUrl: string | undefined;
  if (text) {
    let parsed: ReturnType<typeof parseCodeCommitRemoteUrl>;
    try {
      parsed = parseCodeCommitRemoteUrl(text, (named) => options.region ?? resolveProfile(named ?? options.profile ?? implied, { config, env: context.env }).region);
    } catch (error) {
      if (origin === '--url' || !(error instanceof UsageError)) throw error;
      throw new UsageError(`${origin} is not one vault-git can set up: ${error.message}`, 'give the CodeCommit URL with --url');
    }
    if (parsed.profile && options.profile && parsed.profile !== options.profile) {
      throw new UsageError(`the URL names profile ${parsed.profile} and --profile names ${options.profile}; a remote pushes with one profile`, `use one of them: --profile ${parsed.profile}, or a URL without a profile`);
    }
    url = parsed.url;
    region = parsed.region;
    fromUrl = parsed.profile ?? (text.startsWith('codecommit') ? implied : undefined);
  } else {
    url = codeCommitHttpsUrl(options.region!, options.repo!, options.fips);
    region = options.region!;
  }
  const chosen = chooseSetupProfile({ remote, region, flag: options.profile, fromUrl, team, envProfile: context.env.AWS_PROFILE || undefined, config });
  assertValidProfileName(chosen.profile);
  const roleArn = config.profiles.has(chosen.profile) ? resolveProfile(chosen.profile, { config, env: context.env }).roleArn : undefined;
  return { url, profile: chosen.profile, from: chosen.from, roleArn };
}

async function setUpRemote(remote: string, target: SetupTarget, options: SetupOptions, context: CliContext): Promise<void> {
  const helperValue = formatHelperValue(options.helperPath ?? defaultHelperPath(), target.profile);
  if (!options.write) {
    context.out(
      [
        `[remote ${formatGitConfigValue(remote)}]`,
        `\turl = ${target.url}`,
        `\tfetch = +refs/heads/*:refs/remotes/${remote}/*`,
        `[credential ${formatGitConfigValue(target.url)}]`,
        '\thelper =',
        `\thelper = ${formatGitConfigValue(helperValue)}`,
        '\tuseHttpPath = true',
        '',
      ].join('\n'),
    );
    return;
  }
  await applySetup({ remote, url: target.url, helperValue }, { env: context.env });
  // A stale entry found before setup must be erased by the very next fetch, not a few minutes later.
  const written = new URL(target.url);
  resetChecked({ protocol: written.protocol.slice(0, -1), host: written.host, path: written.pathname.slice(1) }, context.env);
  const why = target.from === 'flag' ? '' : ` (from ${target.from === 'url' ? 'the URL' : target.from})`;
  context.err(`Remote ${remote} -> ${target.url} now pushes with profile ${target.profile}${why}; only vault-git answers for it.\n`);
}

async function requireRepository(context: CliContext, what: string): Promise<string> {
  const root = await repositoryRoot(context.env);
  if (!root) throw new VaultGitError(`not inside a git work tree; ${what} changes the current repository`, { hint: 'cd into the repository, or leave out --write to print the snippet' });
  return root;
}

/** `setup --remove R`: exactly the credential section setup wrote for R's URL, and only when it is vault-git's. */
async function removeSetup(remote: string, context: CliContext): Promise<void> {
  await requireRepository(context, '--remove');
  const current = (await runGit(['config', '--get', `remote.${remote}.url`], { env: context.env })).stdout.trim();
  if (!current) throw new UsageError(`remote ${remote} does not exist here`);
  const config = await loadAwsConfig(context.env);
  const url = parseCodeCommitRemoteUrl(current, (named) => resolveProfile(named ?? (context.env.AWS_PROFILE || 'default'), { config, env: context.env }).region ?? 'us-east-1').url;
  const section = `credential.${url}`;
  const helpers = await runGit(['config', '--local', '-z', '--get-all', `${section}.helper`], { env: context.env });
  if (helpers.code !== 0) {
    context.err(`Remote ${remote} has no vault-git credential section; nothing to remove.\n`);
    return;
  }
  const values = helpers.stdout.split('\0').slice(0, -1);
  if (!values.every((value) => value === '' || isVaultHelper(value))) {
    throw new VaultGitError(`the credential section for ${url} names helpers other than vault-git; it was not written by setup and is left alone`);
  }
  await gitConfig(['--local', '--remove-section', section], { env: context.env });
  context.err(`Removed vault-git's credential section for ${url}; remote ${remote} itself is unchanged.\n`);
}

/** `setup --all`: every remote the team file names, each set up (and added when missing) on its own. */
async function setUpAll(options: SetupOptions, context: CliContext): Promise<void> {
  const root = await repositoryRoot(context.env);
  if (!root) throw new VaultGitError('not inside a git work tree; --all reads the team file at its root');
  const team = await readTeamFile(root, context.env);
  if (team.length === 0) throw new UsageError(`${join(root, TEAM_FILE)} names no remotes`, 'record one: vault-git setup REMOTE --profile P --save');
  const config = await loadAwsConfig(context.env);
  let failed = 0;
  for (const entry of team) {
    try {
      await assertUsableRemoteName(entry.remote, context.env);
      // The team file's URL, so a new clone gets every remote it lists.
      const target = await resolveTarget(entry.remote, { ...options, url: entry.url, profile: options.profile }, config, entry, context);
      await setUpRemote(entry.remote, target, options, context);
    } catch (error) {
      failed++;
      for (const line of formatErrorForUser(error, false)) context.err(`${line}\n`);
    }
  }
  if (!options.write && failed < team.length) context.err('Paste this into .git/config, or run the same command with --write.\n');
  if (failed > 0) throw new VaultGitError(`${failed} of ${team.length} remotes of the team file could not be set up; the others were`);
}

export async function runSetup(options: SetupOptions, context: CliContext): Promise<void> {
  if (options.list) return listSetups(context);
  if (options.all) {
    if (options.remote) throw new UsageError('--all sets up every remote of the team file; name no remote with it');
    if (options.write) await requireRepository(context, '--write');
    return setUpAll(options, context);
  }
  if (!options.remote) throw new UsageError('name the remote to set up (or use --all, or --list)', 'vault-git setup origin --profile env1 --url https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME');
  await assertUsableRemoteName(options.remote, context.env);
  if (options.remove) return removeSetup(options.remote, context);
  const config = await loadAwsConfig(context.env);
  const root = await repositoryRoot(context.env);
  const team = root ? (await readTeamFile(root, context.env)).find((entry) => entry.remote === options.remote) : undefined;
  const target = await resolveTarget(options.remote, options, config, team, context);
  if (options.write || options.save) await requireRepository(context, options.save ? '--save' : '--write');
  await setUpRemote(options.remote, target, options, context);
  if (!options.write) context.err('Paste this into .git/config, or run the same command with --write.\n');
  if (options.save) {
    await saveTeamRemote(root!, { remote: options.remote, url: target.url, profile: target.profile, roleArn: target.roleArn }, context.env);
    context.err(`Recorded remote ${options.remote} (profile ${target.profile}${target.roleArn ? `, role ${target.roleArn}` : ''}) in ${join(root!, TEAM_FILE)}; commit it so the team gets it.\n`);
  }
}
