import { join } from 'node:path';
import { gitConfig, runGit } from '../git/runGit.js';
import { VaultGitError } from '../shared/errors.js';

/** What the team file says of one remote. Untrusted: it came with the repository; every value is checked where used. */
export interface TeamRemote {
  readonly remote: string;
  readonly url?: string | undefined;
  readonly profile?: string | undefined;
  readonly roleArn?: string | undefined;
}

export const TEAM_FILE = '.vault-git';

/** The repository's top directory, or undefined outside a work tree. */
export async function repositoryRoot(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const top = await runGit(['rev-parse', '--show-toplevel'], { env });
  return top.code === 0 ? top.stdout.trim() : undefined;
}

/**
 * Reads `.vault-git` at the repository root with `git config -f` (git-config syntax, so git reads and writes
 * it and no parser of ours is involved; `include.path` is not followed without --includes). Remotes in file order.
 */
export async function readTeamFile(root: string, env: NodeJS.ProcessEnv): Promise<TeamRemote[]> {
  const result = await runGit(['config', '-f', join(root, TEAM_FILE), '-z', '--get-regexp', '^remote\\.'], { env });
  // 1: no such key or no file; anything else is a file git cannot read.
  if (result.code === 1) return [];
  if (result.code !== 0) throw new VaultGitError(`cannot read ${join(root, TEAM_FILE)}: ${result.stderr.trim().split('\n')[0] ?? `git config exit ${result.code}`}`);
  const remotes = new Map<string, { url?: string; profile?: string; roleArn?: string }>();
  for (const entry of result.stdout.split('\0')) {
    const newline = entry.indexOf('\n');
    if (newline < 0) continue;
    const key = entry.slice(0, newline);
    const value = entry.slice(newline + 1);
    const match = /^remote\.(.+)\.(url|profile|role-arn)$/.exec(key);
    if (!match) continue;
    const [, remote, field] = match;
    const known = remotes.get(remote!) ?? {};
    if (field === 'url') known.url = value;
    else if (field === 'profile') known.profile = value;
    else known.roleArn = value;
    remotes.set(remote!, known);
  }
  return [...remotes].map(([remote, fields]) => ({ remote, ...fields }));
}

/** Records a remote in the team file (creating it), replacing what it said of that remote. */
export async function saveTeamRemote(root: string, entry: TeamRemote, env: NodeJS.ProcessEnv): Promise<void> {
  const file = join(root, TEAM_FILE);
  const set = async (field: string, value: string | undefined) => {
    if (value === undefined) await gitConfig(['-f', file, '--unset-all', `remote.${entry.remote}.${field}`], { env });
    else await gitConfig(['-f', file, `remote.${entry.remote}.${field}`, value], { env });
  };
  await set('url', entry.url);
  await set('profile', entry.profile);
  await set('role-arn', entry.roleArn);
}
