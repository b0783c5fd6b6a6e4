import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';

export type UnreadableReason = 'missing' | 'not-a-file' | 'too-large' | 'symlink' | 'unreadable';

export class UnreadableFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: UnreadableReason,
    readonly code: string | undefined,
  ) {
    super(`${path}: ${reason}${code ? ` (${code})` : ''}`);
  }
}

export interface ReadOptions {
  /** A file larger than this is refused rather than read. */
  readonly maxBytes: number;
  /** Refuse a symbolic link in the last path component (files in directories that must be ours). */
  readonly noFollow?: boolean;
}

/** Why a file was not read, with the system's error code when there was one. */
export interface Unreadable {
  readonly reason: UnreadableReason;
  readonly code: string | undefined;
}

const unreadable = (reason: UnreadableReason, code?: string): Unreadable => ({ reason, code });

/**
 * Reads a whole regular file, refusing what would block or never end: a FIFO (opened non-blocking, so
 * open() returns at once), a device such as /dev/zero, or a file over the size limit. Answers the bytes,
 * or why not, without an exception of its own: this is the code the credential helper's loader runs on
 * every git request, and a small body with no error class to set up is cheaper to start.
 */
export function tryReadRegularFile(path: string, options: ReadOptions): Buffer | Unreadable {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return unreadable('missing', code);
    return unreadable(code === 'ELOOP' && options.noFollow ? 'symlink' : 'unreadable', code);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return unreadable('not-a-file');
    if (stat.size > options.maxBytes) return unreadable('too-large');
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, options.maxBytes) + 1);
    let length = 0;
    for (;;) {
      const count = readSync(fd, buffer, length, buffer.length - length, null);
      if (count === 0) break;
      length += count;
      // Grew while we read it: still bounded.
      if (length > options.maxBytes) return unreadable('too-large');
    }
    return buffer.subarray(0, length);
  } catch (error) {
    return unreadable('unreadable', (error as NodeJS.ErrnoException).code);
  } finally {
    closeSync(fd);
  }
}

/** The same, throwing UnreadableFileError with a reason the caller turns into its own message. */
export function readRegularFile(path: string, options: ReadOptions): Buffer {
  const read = tryReadRegularFile(path, options);
  if (Buffer.isBuffer(read)) return read;
  throw new UnreadableFileError(path, read.reason, read.code);
}

/** The same, answering undefined for a missing file. */
export function readRegularFileIfExists(path: string, options: ReadOptions): Buffer | undefined {
  // A missing file is the common case (most of git's config paths): asking first costs no exception,
  // which Node builds with a stack trace and which showed up in the helper's start-up profile.
  if (lstatSync(path, { throwIfNoEntry: false }) === undefined) return undefined;
  try {
    return readRegularFile(path, options);
  } catch (error) {
    if (error instanceof UnreadableFileError && error.reason === 'missing') return undefined;
    throw error;
  }
}
