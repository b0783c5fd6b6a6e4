import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { runGit } from '../git/runGit.js';
import type { Finding } from './Finding.js';

/** Where git finds `git-remote-codecommit`: its own exec-path first, then PATH (git's lookup order). */
function findOnPath(directories: readonly string[]): string | undefined {
  for (const directory of directories) {
    const candidate = join(directory, 'git-remote-codecommit');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

const real = (path: string): string => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

/**
 * Which git-remote-codecommit git runs for codecommit:// remotes: vault-git's, another one (the Python
 * git-remote-codecommit, which reads ~/.aws/credentials and puts the password on argv), or none.
 */
export async function checkRemoteHelper(cwd: string | undefined, env: NodeJS.ProcessEnv, ours: string = join(dirname(real(process.argv[1] ?? '')), 'git-remote-codecommit')): Promise<Finding[]> {
  const execPath = (await runGit(['--exec-path'], { cwd, env })).stdout.trim();
  const found = findOnPath([execPath, ...(env.PATH ?? '').split(delimiter)].filter(Boolean));
  const remotes = await runGit(['config', '-z', '--get-regexp', '^remote\\..*\\.url$'], { cwd, env });
  const usesCodecommitUrls = remotes.code === 0 && remotes.stdout.split('\0').some((entry) => /\ncodecommit:/.test(entry));
  if (found && real(found) === real(ours)) return [{ check: 'remote-helper', status: 'ok', message: `git runs vault-git's git-remote-codecommit (${found}) for codecommit:// URLs` }];
  if (found) {
    return [
      {
        check: 'remote-helper',
        status: usesCodecommitUrls ? 'problem' : 'info',
        message: `git runs ${found} for codecommit:// URLs, not vault-git's (${ours})`,
        fix: `put ${dirname(ours)} before ${dirname(found)} in PATH, or remove the other git-remote-codecommit`,
      },
    ];
  }
  return [
    {
      check: 'remote-helper',
      status: usesCodecommitUrls ? 'problem' : 'info',
      message: 'no git-remote-codecommit on PATH: codecommit:// URLs will not work',
      fix: `add ${dirname(ours)} to PATH (install.sh links it into ~/.local/bin)`,
    },
  ];
}
