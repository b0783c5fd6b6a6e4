import { createHash, randomBytes } from 'node:crypto';
import { linkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { readRegularFileIfExists } from '../../shared/readRegularFile.js';
import { privateRuntimeDirectory } from '../../shared/runtimeDirectory.js';
import { writeFileAtomic } from '../../shared/writeFileAtomic.js';

/**
 * Cached STS sessions in the file vault are encrypted under a random key that lives outside the vault,
 * in the private runtime directory (normally XDG_RUNTIME_DIR: a tmpfs emptied at logout and reboot). The
 * helper reads it without a passphrase or KDF, so a git request costs one AES-GCM decryption; a backup or
 * a stolen disk image of the vault directory holds only ciphertext. See docs/security.md.
 */
export interface SessionKey {
  readonly key: Buffer;
  /** Short fingerprint written beside each session so files sealed under an older key are recognised. */
  readonly id: string;
}

function keyFileName(vaultDir: string): string {
  return `session-key-${createHash('sha256').update(vaultDir).digest('hex').slice(0, 16)}`;
}

function asSessionKey(key: Buffer): SessionKey {
  return { key, id: createHash('sha256').update(key).digest('hex').slice(0, 12) };
}

function readKeyIn(dir: string, vaultDir: string): SessionKey | undefined {
  try {
    const key = readRegularFileIfExists(join(dir, keyFileName(vaultDir)), { maxBytes: 64, noFollow: true });
    return key?.length === 32 ? asSessionKey(key) : undefined;
  } catch {
    return undefined;
  }
}

/** The key, or undefined when there is none or the runtime directory cannot be trusted (then no session is read). */
export function readSessionKey(env: NodeJS.ProcessEnv, vaultDir: string): SessionKey | undefined {
  const dir = privateRuntimeDirectory(env);
  return dir === undefined ? undefined : readKeyIn(dir, vaultDir);
}

/** Returns the existing key or creates one; undefined when no private runtime directory can be had. */
export function readOrCreateSessionKey(env: NodeJS.ProcessEnv, vaultDir: string): SessionKey | undefined {
  const dir = privateRuntimeDirectory(env);
  if (dir === undefined) return undefined;
  const existing = readKeyIn(dir, vaultDir);
  if (existing) return existing;
  // Written to a temp file and then hard-linked into place: link() fails if another process created the
  // key first, so every process ends up using the same key and nobody's sessions become unreadable.
  const final = join(dir, keyFileName(vaultDir));
  const temp = `${final}.${process.pid}.tmp`;
  writeFileAtomic(temp, randomBytes(32), 0o600);
  try {
    linkSync(temp, final);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  return readKeyIn(dir, vaultDir);
}
