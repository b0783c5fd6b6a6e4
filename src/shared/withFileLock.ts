import { closeSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { VaultGitError } from './errors.js';

export class LockTimeoutError extends VaultGitError {}

export interface LockOptions {
  /** How long to wait for another holder before giving up. */
  readonly timeoutMs?: number;
  /** A lock older than this, or whose holder has died, is taken over. */
  readonly staleMs?: number;
}

function holderIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The lock file appears with its owner's pid already in it (written to a temp file, then hard-linked into
 * place, which fails if the lock exists), so a holder killed at any instant never leaves an empty,
 * ownerless lock behind.
 */
function tryAcquire(path: string): boolean {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${process.pid} ${Date.now()}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

function isStale(path: string, staleMs: number): boolean {
  try {
    const [pidText] = readFileSync(path, 'utf8').split(' ');
    const pid = Number(pidText);
    if (!Number.isInteger(pid) || pid <= 0) return true;
    if (!holderIsAlive(pid)) return true;
    return Date.now() - statSync(path).mtimeMs > staleMs;
  } catch {
    // Vanished between our open and our read: not stale, just retry.
    return false;
  }
}

/**
 * Runs `work` while holding an exclusive lock file (O_EXCL create), so that processes started by git in
 * parallel, or by Terraform for each provider, take turns. A holder that died, or that has held the lock
 * for longer than `staleMs`, is taken over; waiting longer than `timeoutMs` is an error naming the lock.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const staleMs = options.staleMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  while (!tryAcquire(path)) {
    if (isStale(path, staleMs)) {
      try {
        unlinkSync(path);
      } catch {
        // Someone else cleared it first.
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new LockTimeoutError(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for the lock ${path}`, {
        hint: `if no other vault-git is running, remove ${path}`,
      });
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 200);
  }
  try {
    return await work();
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // Already taken over as stale; nothing to release.
    }
  }
}
