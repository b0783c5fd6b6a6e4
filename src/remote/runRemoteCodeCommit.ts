import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadAwsConfig } from '../aws/config/loadAwsConfig.js';
import { resolveProfile } from '../aws/config/resolveProfile.js';
import { codeCommitHttpsUrl, parseCodeCommitRemoteUrl } from '../codecommit/parseCodeCommitRemoteUrl.js';
import { parseCodeCommitHost } from '../codecommit/parseCodeCommitHost.js';
import { UsageError, VaultGitError } from '../shared/errors.js';
import { formatErrorForUser } from '../shared/formatErrorForUser.js';
import { writeAll } from '../shared/writeAll.js';
import { formatHelperValue } from '../setup/formatHelperValue.js';

/** VAULT_GIT_CODECOMMIT_ENDPOINT or a profile's vault_git_codecommit_endpoint: an interface VPC endpoint, say. */
function checkEndpoint(value: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${where} = ${value.slice(0, 200)} is not a URL`);
  }
  if (url.protocol !== 'https:' || !parseCodeCommitHost(url.host) || (url.pathname !== '/' && url.pathname !== '') || url.search || url.username) {
    throw new UsageError(`${where} must be https://HOST[:PORT] of a CodeCommit git endpoint (for example https://vpce-0123-abcd.git-codecommit.eu-west-1.vpce.amazonaws.com), not ${value.slice(0, 200)}`);
  }
  return `https://${url.host}`;
}

/** git's per-process configuration: appended after whatever the caller already passes this way. */
function withConfig(env: NodeJS.ProcessEnv, entries: ReadonlyArray<readonly [string, string]>): NodeJS.ProcessEnv {
  const out = { ...env };
  const start = Number(env.GIT_CONFIG_COUNT ?? '0') || 0;
  entries.forEach(([key, value], index) => {
    out[`GIT_CONFIG_KEY_${start + index}`] = key;
    out[`GIT_CONFIG_VALUE_${start + index}`] = value;
  });
  out.GIT_CONFIG_COUNT = String(start + entries.length);
  return out;
}

/**
 * `git-remote-codecommit <remote> <address>`, run by git for codecommit:// URLs. It works out the HTTPS URL
 * (region from the URL or the profile; FIPS and VPC endpoints from the config or environment) and hands over
 * to git's own HTTPS transport, `git remote-https`, with a credential section for that URL in git's
 * per-process configuration: a `helper =` reset, then git-credential-vault for the profile. So the password
 * is signed by the credential helper and travels over git's credential protocol; it is never on a command
 * line (git-remote-codecommit puts user:password in the URL it passes on argv).
 */
export async function runRemoteCodeCommit(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [remote, address] = argv;
  if (remote === undefined || address === undefined) {
    throw new UsageError('git runs this for codecommit:// remotes: git clone codecommit://PROFILE@REPO', 'git-remote-codecommit REMOTE codecommit://[profile@]repo');
  }
  const config = await loadAwsConfig(env);
  // git hands over `codecommit://…` whole, and for `codecommit::REGION://…` only what follows `codecommit::`:
  // put that back, and read it as setup reads these URLs. The region, when the URL names none, is the
  // profile's; the profile, when it names none, AWS_PROFILE's, then default's (git-remote-codecommit's rules).
  const implied = env.AWS_PROFILE || 'default';
  const parsed = parseCodeCommitRemoteUrl(address.startsWith('codecommit://') ? address : `codecommit::${address}`, (named) => {
    const name = named ?? implied;
    const region = config.profiles.has(name) ? resolveProfile(name, { config, env }).region : undefined;
    if (!region) throw new VaultGitError(`${address} names no region and profile ${name} has none`, { hint: `use codecommit::REGION://…, or add region to [profile ${name}]` });
    return region;
  });
  const profile = parsed.profile ?? implied;
  const section = config.profiles.get(profile) ?? {};
  const fips = (env.AWS_USE_FIPS_ENDPOINT ?? section.use_fips_endpoint ?? '').toLowerCase() === 'true';
  // Ours first; then git-remote-codecommit's own CODE_COMMIT_ENDPOINT (a host name), so its users' setups keep working.
  const configured: Array<[string | undefined, string]> = [
    [env.VAULT_GIT_CODECOMMIT_ENDPOINT, 'VAULT_GIT_CODECOMMIT_ENDPOINT'],
    [section.vault_git_codecommit_endpoint, `vault_git_codecommit_endpoint of profile ${profile}`],
    [env.CODE_COMMIT_ENDPOINT ? `https://${env.CODE_COMMIT_ENDPOINT}` : undefined, 'CODE_COMMIT_ENDPOINT'],
  ];
  const chosen = configured.find(([value]) => value);
  const endpoint = chosen ? checkEndpoint(chosen[0]!, chosen[1]) : undefined;
  const url = endpoint ? `${endpoint}/v1/repos/${parsed.repository}` : fips ? codeCommitHttpsUrl(parsed.region, parsed.repository, true) : parsed.url;

  const helper = join(dirname(realpathSync(process.argv[1]!)), 'git-credential-vault');
  const childEnv = withConfig(env, [
    [`credential.${url}.helper`, ''],
    [`credential.${url}.helper`, formatHelperValue(helper, profile)],
    [`credential.${url}.useHttpPath`, 'true'],
  ]);
  return new Promise<number>((resolve) => {
    const child = spawn('git', ['remote-https', remote === address ? url : remote, url], { env: childEnv, stdio: 'inherit' });
    child.on('error', (error) => {
      writeAll(2, `vault-git: cannot run git remote-https: ${error.message}\n`);
      resolve(128);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

export async function main(): Promise<void> {
  let code: number;
  try {
    code = await runRemoteCodeCommit(process.argv.slice(2), process.env);
  } catch (error) {
    for (const line of formatErrorForUser(error, process.env.VAULT_GIT_DEBUG === '1')) writeAll(2, `${line}\n`);
    code = 128;
  }
  process.exit(code);
}
