import { randomBytes } from 'node:crypto';
import { linkSync, unlinkSync } from 'node:fs';
import { readRegularFileIfExists } from './readRegularFile.js';
import { writeFileAtomic } from './writeFileAtomic.js';

/** A 32-byte key file in a private directory; undefined when absent, not ours to read, or not a key. */
export function readKeyFile(path: string): Buffer | undefined {
  try {
    const key = readRegularFileIfExists(path, { maxBytes: 64, noFollow: true });
    return key?.length === 32 ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The key at `path`, created with 32 random bytes when missing. Written to a temp file and hard-linked into
 * place: link() fails if another process created the key first, so every process ends up with the same key.
 */
export function readOrCreateKeyFile(path: string): Buffer | undefined {
  const existing = readKeyFile(path);
  if (existing) return existing;
  const temp = `${path}.${process.pid}.tmp`;
  writeFileAtomic(temp, randomBytes(32), 0o600);
  try {
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  return readKeyFile(path);
}
