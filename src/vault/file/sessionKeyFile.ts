import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readKeyFile, readOrCreateKeyFile } from '../../shared/privateKeyFile.js';
import { privateRuntimeDirectory } from '../../shared/runtimeDirectory.js';

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

/** The key, or undefined when there is none or the runtime directory cannot be trusted (then no session is read). */
export function readSessionKey(env: NodeJS.ProcessEnv, vaultDir: string): SessionKey | undefined {
  const dir = privateRuntimeDirectory(env);
  const key = dir === undefined ? undefined : readKeyFile(join(dir, keyFileName(vaultDir)));
  return key ? asSessionKey(key) : undefined;
}

/** Returns the existing key or creates one; undefined when no private runtime directory can be had. */
export function readOrCreateSessionKey(env: NodeJS.ProcessEnv, vaultDir: string): SessionKey | undefined {
  const dir = privateRuntimeDirectory(env);
  const key = dir === undefined ? undefined : readOrCreateKeyFile(join(dir, keyFileName(vaultDir)));
  return key ? asSessionKey(key) : undefined;
}
