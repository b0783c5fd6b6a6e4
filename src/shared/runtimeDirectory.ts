import { lstatSync, mkdirSync } from 'node:fs';
import { UsageError, VaultGitError } from './errors.js';

// String paths, not node:path or node:os: the credential helper's hot path reads this module and loads
// no other built-in than node:fs.
const isAbsolute = (path: string) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
const join = (dir: string, name: string) => `${dir.replace(/[\\/]+$/, '')}/${name}`;
/** os.tmpdir() on POSIX: TMPDIR, TMP or TEMP, else /tmp, without a trailing slash. */
const tmpdir = (env: NodeJS.ProcessEnv) => (env.TMPDIR || env.TMP || env.TEMP || '/tmp').replace(/(.)\/+$/, '$1');

export class RuntimeDirectoryError extends VaultGitError {}

const HINT = 'set XDG_RUNTIME_DIR (or VAULT_GIT_RUNTIME_DIR) to a directory only you can read';

/**
 * Where vault-git keeps what must not outlive the login session and must be readable by this user only:
 * the file vault's session key, refresh locks, the stale-password throttle. VAULT_GIT_RUNTIME_DIR as it
 * is; else $XDG_RUNTIME_DIR/vault-git (a per-user tmpfs); else vault-git-<uid> under the temp directory
 * (cron, su, containers). A relative XDG_RUNTIME_DIR is ignored, as the XDG spec asks.
 */
export function runtimeDirectoryPath(env: NodeJS.ProcessEnv): string {
  const own = env.VAULT_GIT_RUNTIME_DIR;
  if (own) {
    if (!isAbsolute(own)) throw new UsageError(`VAULT_GIT_RUNTIME_DIR=${JSON.stringify(own.slice(0, 200))} is not an absolute path`);
    return own;
  }
  const xdg = env.XDG_RUNTIME_DIR;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'vault-git');
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return join(tmpdir(env), `vault-git-${uid}`);
}

/** Why a directory cannot be trusted with private files, or undefined when it can. */
function distrust(dir: string): string | undefined {
  let stat;
  try {
    stat = lstatSync(dir, { throwIfNoEntry: false });
  } catch (error) {
    return `cannot be examined (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  if (stat === undefined) return 'does not exist';
  if (stat.isSymbolicLink()) return 'is a symbolic link';
  if (!stat.isDirectory()) return 'is not a directory';
  if (process.platform === 'win32') return undefined;
  const uid = process.getuid!();
  if (stat.uid !== uid) return `belongs to uid ${stat.uid}, not to us (uid ${uid})`;
  if ((stat.mode & 0o077) !== 0) return `has mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')}; it must be 0700`;
  return undefined;
}

/**
 * The runtime directory, created 0700 when missing and checked before every use: ours, a real directory
 * (not a link), and closed to everyone else. In a shared /tmp another user can create vault-git-<uid>
 * first, or plant links in it; such a directory is refused, never used.
 */
export function requirePrivateRuntimeDirectory(env: NodeJS.ProcessEnv): string {
  const dir = runtimeDirectoryPath(env);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new RuntimeDirectoryError(`cannot create the runtime directory ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { hint: HINT });
  }
  const problem = distrust(dir);
  if (problem) throw new RuntimeDirectoryError(`the runtime directory ${dir} ${problem}; refusing to use it`, { hint: HINT });
  return dir;
}

/** The same, for callers that can do without it: undefined instead of an error. */
export function privateRuntimeDirectory(env: NodeJS.ProcessEnv): string | undefined {
  try {
    return requirePrivateRuntimeDirectory(env);
  } catch {
    return undefined;
  }
}

/**
 * The runtime directory if it exists and passes the same checks, else undefined; never creates it. For
 * readers (the helper's hot path): where there is no directory there is nothing to read, and creating it
 * would cost every git request a call into node:fs's mkdir.
 */
export function existingPrivateRuntimeDirectory(env: NodeJS.ProcessEnv): string | undefined {
  let dir;
  try {
    dir = runtimeDirectoryPath(env);
  } catch {
    return undefined;
  }
  return distrust(dir) === undefined ? dir : undefined;
}

/** A private subdirectory (locks/): created 0700 and held to the same rules. */
export function requirePrivateSubdirectory(env: NodeJS.ProcessEnv, name: string): string {
  const dir = join(requirePrivateRuntimeDirectory(env), name);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new RuntimeDirectoryError(`cannot create ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { hint: HINT });
    }
  }
  const problem = distrust(dir);
  if (problem) throw new RuntimeDirectoryError(`the runtime directory ${dir} ${problem}; refusing to use it`, { hint: HINT });
  return dir;
}
