import { parseCodeCommitHost } from '../codecommit/parseCodeCommitHost.js';
import { isVaultHelper } from '../git/classifyHelper.js';
import { listCredentialHelpers, type ConfiguredHelper } from '../git/listCredentialHelpers.js';
import { matchCredentialUrl } from '../git/matchCredentialUrl.js';
import { runGit } from '../git/runGit.js';
import { profileOfHelper } from './formatHelperValue.js';
import type { RemoteSetup } from './RemoteSetup.js';

/** The helpers git will ask for a URL, in order, after every `helper =` reset (git's own rule). */
export function effectiveHelpers(helpers: readonly ConfiguredHelper[], url: string): string[] {
  let list: string[] = [];
  for (const helper of helpers) {
    if (helper.url !== undefined && !matchCredentialUrl(helper.url, url)) continue;
    list = helper.value === '' ? [] : [...list, helper.value];
  }
  return list;
}

export function isCodeCommitUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parseCodeCommitHost(parsed.host) !== undefined;
  } catch {
    return false;
  }
}

/** Every remote of the repository and, for CodeCommit ones, whether git will use vault-git, and only it. */
export async function readRemoteSetups(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RemoteSetup[]> {
  const remotes = await runGit(['config', '-z', '--get-regexp', '^remote\\..*\\.url$'], options);
  const helpers = await listCredentialHelpers(options);
  const setups: RemoteSetup[] = [];
  for (const entry of remotes.stdout.split('\0').filter(Boolean)) {
    const newline = entry.indexOf('\n');
    const remote = entry.slice('remote.'.length, newline).replace(/\.url$/, '');
    const url = entry.slice(newline + 1);
    if (!isCodeCommitUrl(url)) {
      setups.push({ remote, url, codecommit: false, profile: undefined, problems: [] });
      continue;
    }
    const effective = effectiveHelpers(helpers, url);
    const ours = effective.filter(isVaultHelper);
    const others = effective.filter((value) => !isVaultHelper(value));
    const problems: string[] = [];
    if (ours.length === 0) problems.push('no vault-git helper for this URL');
    if (others.length > 0) problems.push(`other helpers also answer and store for it: ${others.join(', ')} (no "helper =" reset before vault-git)`);
    const useHttpPath = await runGit(['config', '--type=bool', '--get-urlmatch', 'credential.usehttppath', url], options);
    if (useHttpPath.stdout.trim() !== 'true') problems.push('credential.useHttpPath is not true for this URL');
    setups.push({ remote, url, codecommit: true, profile: ours.map(profileOfHelper).find(Boolean), problems });
  }
  return setups;
}
