import { createHash, randomBytes } from 'node:crypto';
import { linkSync, lstatSync, mkdirSync, readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../shared/writeFileAtomic.js';

/**
 * Cached STS sessions in the file vault are encrypted under a random key that lives outside the vault,
 * in the per-user runtime directory (XDG_RUNTIME_DIR: a tmpfs that is emptied at logout and reboot). The
 * helper reads it without a passphrase or KDF, so a git request costs one AES-GCM decryption; a backup or
 * a stolen disk image of the vault directory holds only ciphertext. See docs/security.md.
 */
export function sessionKeyDirectory(env: NodeJS.ProcessEnv): string {
  if (env.VAULT_GIT_RUNTIME_DIR) return env.VAULT_GIT_RUNTIME_DIR;
  if (env.XDG_RUNTIME_DIR) return join(env.XDG_RUNTIME_DIR, 'vault-git');
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return join(tmpdir(), `vault-git-${uid}`);
}

function ensurePrivateDirectory(dir: string): boolean {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  // In a shared /tmp another user could have made the directory first; then we must not use it.
  const ownedByUs = typeof process.getuid !== 'function' || stat.uid === process.getuid();
  return stat.isDirectory() && ownedByUs && (process.platform === 'win32' || (stat.mode & 0o077) === 0);
}

export interface SessionKey {
  readonly key: Buffer;
  /** Short fingerprint written beside each session so files sealed under an older key are recognised. */
  readonly id: string;
}

function keyFilePath(dir: string, vaultDir: string): string {
  const vaultTag = createHash('sha256').update(vaultDir).digest('hex').slice(0, 16);
  return join(dir, `session-key-${vaultTag}`);
}

function asSessionKey(key: Buffer): SessionKey {
  return { key, id: createHash('sha256').update(key).digest('hex').slice(0, 12) };
}

export function readSessionKey(env: NodeJS.ProcessEnv, vaultDir: string): SessionKey | undefined {
  try {
    const key = readFileSync(keyFilePath(sessionKeyDirectory(env), vaultDir));
    return key.length === 32 ? asSessionKey(key) : undefined;
  } catch {
    return undefined;
  }
}

/** Returns the existing key or creates one; undefined when no private runtime directory can be had. */
export function readOrCreateSessionKey(env: NodeJS.ProcessEnv, vaultDir: string): SessionKey | undefined {
  const existing = readSessionKey(env, vaultDir);
  if (existing) return existing;
  const dir = sessionKeyDirectory(env);
  if (!ensurePrivateDirectory(dir)) return undefined;
  // Written to a temp file and then hard-linked into place: link() fails if another process created the
  // key first, so every process ends up using the same key and nobody's sessions become unreadable.
  const final = keyFilePath(dir, vaultDir);
  const temp = `${final}.${process.pid}.tmp`;
  writeFileAtomic(temp, randomBytes(32), 0o600);
  try {
    linkSync(temp, final);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  return readSessionKey(env, vaultDir);
}
