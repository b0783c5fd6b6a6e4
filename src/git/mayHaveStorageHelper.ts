import { lstatSync } from 'node:fs';
import { readRegularFileIfExists } from '../shared/readRegularFile.js';

const STORAGE_WORDS = /\b(store|cache|osxkeychain|libsecret|wincred|manager|manager-core|gnome-keyring|netrc)\b/;

const SMALL_FILE = { maxBytes: 4096 };
const isAbsolutePath = (path: string) => path.startsWith('/');
const inside = (dir: string, path: string) => (isAbsolutePath(path) ? path : `${dir}/${path}`);

/** A small pointer file's first line (`.git` of a linked worktree or submodule, `commondir`); throws when unreadable. */
function readPointer(path: string): string | undefined {
  const bytes = readRegularFileIfExists(path, SMALL_FILE);
  return bytes === undefined ? undefined : bytes.toString('utf8').split('\n')[0]!.trim();
}

/**
 * The repository's own config files. Git runs helpers at the top of the work tree, with GIT_DIR set when
 * they come through git-remote-https. A linked worktree's git directory (`.git/worktrees/NAME`) holds no
 * `config` of its own: the repository's is in the common directory its `commondir` names, which is where a
 * storing helper set with `git config credential.helper` in that repository lives; `config.worktree` may
 * add more. A submodule's `.git` is a file naming its git directory.
 */
function repositoryFiles(env: NodeJS.ProcessEnv): string[] {
  let gitDir = env.GIT_DIR || '.git';
  if (!env.GIT_DIR && lstatSync('.git', { throwIfNoEntry: false })?.isFile()) {
    const pointer = readPointer('.git') ?? '';
    // Not a form git writes: leave the answer to `git config`.
    if (!pointer.startsWith('gitdir:')) throw new Error('.git is a file without a gitdir line');
    gitDir = pointer.slice('gitdir:'.length).trim();
  }
  const files = [`${gitDir}/config`, `${gitDir}/config.worktree`];
  if (env.GIT_COMMON_DIR) files.push(`${env.GIT_COMMON_DIR}/config`);
  else if (lstatSync(`${gitDir}/commondir`, { throwIfNoEntry: false })) files.push(`${inside(gitDir, readPointer(`${gitDir}/commondir`) ?? '.')}/config`);
  return files;
}

/** Places git reads configuration from, as far as they can be known without running git (string paths: hot path). */
function candidateFiles(env: NodeJS.ProcessEnv, home: string): string[] {
  const files = [env.GIT_CONFIG_GLOBAL || `${home}/.gitconfig`, `${env.XDG_CONFIG_HOME || `${home}/.config`}/git/config`, ...repositoryFiles(env)];
  if (!env.GIT_CONFIG_NOSYSTEM) {
    files.push(env.GIT_CONFIG_SYSTEM || '/etc/gitconfig');
    // Where macOS and Homebrew gits keep theirs (Apple's sets credential.helper = osxkeychain).
    if (process.platform === 'darwin') {
      files.push('/Library/Developer/CommandLineTools/usr/share/git-core/gitconfig', '/Applications/Xcode.app/Contents/Developer/usr/share/git-core/gitconfig');
      files.push('/opt/homebrew/etc/gitconfig');
    }
    files.push('/usr/local/etc/gitconfig');
  }
  return files;
}

/**
 * `git -c` settings (GIT_CONFIG_PARAMETERS) and GIT_CONFIG_COUNT's KEY_n/VALUE_n pairs, read by number as git
 * reads them: enumerating the whole environment costs the hot path a third of a millisecond.
 */
function inlineSettingsMayStore(env: NodeJS.ProcessEnv): boolean {
  let inline = env.GIT_CONFIG_PARAMETERS ?? '';
  if (env.GIT_CONFIG_COUNT) {
    const count = Number(env.GIT_CONFIG_COUNT);
    // git refuses such a count; whatever it then does is not ours to guess.
    if (!Number.isInteger(count) || count < 0 || count > 100_000) return true;
    for (let index = 0; index < count; index++) inline += `\n${env[`GIT_CONFIG_KEY_${index}`] ?? ''}=${env[`GIT_CONFIG_VALUE_${index}`] ?? ''}`;
  }
  return inline !== '' && /helper/i.test(inline) && STORAGE_WORDS.test(inline);
}

/**
 * A cheap first look, with no process started: could any configured credential helper be one that stores
 * passwords? Reads the config files git would read and `-c` settings. When a file includes others, or the
 * system file cannot be located (Windows), it answers yes and leaves the real answer to `git config`.
 */
export function mayHaveStorageHelper(env: NodeJS.ProcessEnv): boolean {
  // Without HOME the global config cannot be found by name: leave the answer to git.
  if (process.platform === 'win32' || !env.HOME) return true;
  if (inlineSettingsMayStore(env)) return true;
  let files;
  try {
    files = candidateFiles(env, env.HOME);
  } catch {
    // A `.git` or `commondir` that cannot be read as a small file: leave the answer to `git config`.
    return true;
  }
  for (const file of files) {
    let text: string;
    try {
      // Never readFileSync: a FIFO or a device in a config path would block or never end.
      const bytes = readRegularFileIfExists(file, { maxBytes: 4 * 1024 * 1024 });
      if (bytes === undefined) continue;
      text = bytes.toString('utf8');
    } catch {
      // Unreadable as a plain file: leave the real answer to `git config`.
      return true;
    }
    // Most config files name neither: a plain search first spares compiling the patterns on every get.
    const lower = text.toLowerCase();
    if (lower.includes('include') && /^\s*\[\s*include(If\s[^\]]*)?\s*\]/im.test(text)) return true;
    if (!lower.includes('helper')) continue;
    // A value continued on the next line (`helper = \` then `store`) is one value to git.
    const joined = text.includes('\\') ? text.replace(/\\\r?\n/g, '') : text;
    for (const line of joined.split('\n')) {
      if (/^\s*helper\s*=/i.test(line) && STORAGE_WORDS.test(line)) return true;
    }
  }
  return false;
}
