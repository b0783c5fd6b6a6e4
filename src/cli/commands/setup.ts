import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Argv } from 'yargs';
import { loadAwsConfig } from '../../aws/config/loadAwsConfig.js';
import { resolveProfile } from '../../aws/config/resolveProfile.js';
import { codeCommitHttpsUrl, parseCodeCommitRemoteUrl } from '../../codecommit/parseCodeCommitRemoteUrl.js';
import { runGit } from '../../git/runGit.js';
import { resetChecked } from '../../git/staleCheckMarker.js';
import { UsageError, VaultGitError } from '../../shared/errors.js';
import { assertValidProfileName } from '../../shared/validateProfileName.js';
import { applySetup } from '../../setup/applySetup.js';
import { formatGitConfigValue, formatHelperValue } from '../../setup/formatHelperValue.js';
import { readRemoteSetups } from '../../setup/readRemoteSetups.js';
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
      .example('$0 setup cc-env1 --profile env1 --repo demo --region eu-west-1 --write', 'add a CodeCommit remote that pushes as env1'),
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

export async function runSetup(options: SetupOptions, context: CliContext): Promise<void> {
  if (options.list) return listSetups(context);
  if (!options.remote) throw new UsageError('name the remote to set up (or use --list)', 'vault-git setup origin --profile env1 --url https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME');
  await assertUsableRemoteName(options.remote, context.env);
  if (options.url && (options.repo || options.region)) throw new UsageError('give either --url, or --repo with --region');

  let url: string;
  let profile = options.profile;
  if (options.url) {
    const config = await loadAwsConfig(context.env);
    // git-remote-codecommit's rule for codecommit://repo: AWS_PROFILE, then default.
    const implied = context.env.AWS_PROFILE || 'default';
    const parsed = parseCodeCommitRemoteUrl(options.url, (named) => options.region ?? resolveProfile(named ?? options.profile ?? implied, { config, env: context.env }).region);
    if (parsed.profile && options.profile && parsed.profile !== options.profile) {
      throw new UsageError(`the URL names profile ${parsed.profile} and --profile names ${options.profile}; a remote pushes with one profile`, `use one of them: --profile ${parsed.profile}, or a URL without a profile`);
    }
    url = parsed.url;
    profile ??= parsed.profile ?? (options.url.startsWith('codecommit') ? implied : undefined);
  } else {
    if (!options.repo || !options.region) throw new UsageError('give --url, or both --repo and --region');
    url = codeCommitHttpsUrl(options.region, options.repo, options.fips);
  }
  if (!profile) throw new UsageError('name the profile that pushes to this remote: --profile NAME');
  assertValidProfileName(profile);
  const helperValue = formatHelperValue(options.helperPath ?? defaultHelperPath(), profile);

  if (!options.write) {
    context.out(
      [
        `[remote ${formatGitConfigValue(options.remote)}]`,
        `\turl = ${url}`,
        `\tfetch = +refs/heads/*:refs/remotes/${options.remote}/*`,
        `[credential ${formatGitConfigValue(url)}]`,
        '\thelper =',
        `\thelper = ${formatGitConfigValue(helperValue)}`,
        '\tuseHttpPath = true',
        '',
      ].join('\n'),
    );
    context.err('Paste this into .git/config, or run the same command with --write.\n');
    return;
  }
  const inRepo = await runGit(['rev-parse', '--git-dir'], { env: context.env });
  if (inRepo.code !== 0) throw new VaultGitError('not inside a git repository; --write changes the current repository', { hint: 'cd into the repository, or leave out --write to print the snippet' });
  await applySetup({ remote: options.remote, url, helperValue }, { env: context.env });
  // A stale entry found before setup must be erased by the very next fetch, not a few minutes later.
  const written = new URL(url);
  resetChecked({ protocol: written.protocol.slice(0, -1), host: written.host, path: written.pathname.slice(1) }, context.env);
  context.err(`Remote ${options.remote} -> ${url} now pushes with profile ${profile}; only vault-git answers for it.\n`);
}
