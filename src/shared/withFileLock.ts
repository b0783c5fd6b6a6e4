import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { VaultGitError } from './errors.js';
import { describeFileSystemError } from './describeFileSystemError.js';

export class LockTimeoutError extends VaultGitError {}

export interface LockOptions {
  /** How long to wait for another holder before giving up. */
  readonly timeoutMs?: number;
  /** A lock older than this, or whose holder has died, is taken over. */
  readonly staleMs?: number;
}

/** A takeover lock left by a process that died in the few instructions it is held. */
const TAKEOVER_STALE_MS = 10_000;

function holderIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Creates `path` holding `content`, or answers false if it exists. The content is written to a temp file
 * first and hard-linked into place (link fails if the lock exists), so a holder killed at any instant
 * never leaves an empty, ownerless lock behind.
 */
function tryCreate(path: string, content: string): boolean {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new VaultGitError(`cannot create the lock ${path}: ${describeFileSystemError(error)}`, { cause: error });
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // Never created.
    }
  }
}

function readContent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function isStale(content: string | undefined, path: string, staleMs: number): boolean {
  if (content === undefined) return false; // vanished: just retry
  const pid = Number(content.split(' ')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  if (!holderIsAlive(pid)) return true;
  try {
    return Date.now() - statSync(path).mtimeMs > staleMs;
  } catch {
    return false;
  }
}

/**
 * Removes a stale lock so that exactly one contender wins it. Contenders first take a second lock,
 * `<path>.takeover`, with the same exclusive create; the holder of that one reads the lock again and
 * removes it only if it is still the very lock judged stale (same content). Without this, two processes
 * that both saw the dead lock could each remove it, and the second would remove the first one's new lock.
 */
function takeOver(path: string, staleContent: string): void {
  const takeover = `${path}.takeover`;
  if (!tryCreate(takeover, `${process.pid} ${Date.now()}\n`)) {
    const holder = readContent(takeover);
    if (isStale(holder, takeover, TAKEOVER_STALE_MS) && readContent(takeover) === holder) {
      try {
        unlinkSync(takeover);
      } catch {
        // Someone else cleaned it up.
      }
    }
    return;
  }
  try {
    if (readContent(path) === staleContent) unlinkSync(path);
  } catch {
    // Already gone.
  } finally {
    try {
      unlinkSync(takeover);
    } catch {
      // Nothing to release.
    }
  }
}

/**
 * Runs `work` while holding an exclusive lock file, so that processes started by git in parallel, or by
 * Terraform for each provider, take turns. A holder that died, or that has held the lock for longer than
 * `staleMs`, is taken over (by one contender only); waiting longer than `timeoutMs` is an error naming the
 * lock. Release removes the lock only if it is still ours.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const staleMs = options.staleMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  const mine = `${process.pid} ${Date.now()} ${randomBytes(8).toString('hex')}\n`;
  let delay = 10;
  while (!tryCreate(path, mine)) {
    const content = readContent(path);
    if (content !== undefined && isStale(content, path, staleMs)) {
      takeOver(path, content);
      continue;
    }
    if (Date.now() > deadline) {
      throw new LockTimeoutError(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for the lock ${path}`, {
        hint: `if no other vault-git is running, remove ${path}`,
      });
    }
    await sleep(Math.max(1, Math.min(delay, deadline - Date.now())));
    delay = Math.min(delay * 2, 200);
  }
  try {
    return await work();
  } finally {
    if (readContent(path) === mine) {
      try {
        unlinkSync(path);
      } catch {
        // Already taken over as stale; nothing to release.
      }
    }
  }
}
