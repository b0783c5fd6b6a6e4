import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeFileSystemError } from './describeFileSystemError.js';
import { VaultGitError } from './errors.js';

export class FileWriteError extends VaultGitError {}

function quietly(action: () => void): void {
  try {
    action();
  } catch {
    // Cleaning up after a failure that is already being reported.
  }
}

/**
 * Replaces a file so that a reader (or a crash at any instant) sees the old bytes or the new ones, never a
 * mix: write a temp file in the same directory with the final mode, fsync it, rename over the target,
 * then fsync the directory so the rename itself survives a power cut. On any failure (a full disk, a
 * read-only file system) the temp file is removed, the old file is untouched, and the error says why.
 */
export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): void {
  const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) quietly(() => closeSync(fd!));
    quietly(() => unlinkSync(temp));
    throw new FileWriteError(`cannot write ${path}: ${describeFileSystemError(error)}; the previous version is unchanged`, { cause: error });
  }
  syncDirectory(dirname(path));
}

function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
