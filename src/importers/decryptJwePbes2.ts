import { createDecipheriv, pbkdf2Sync, type CipherGCMTypes, type DecipherGCM } from 'node:crypto';
import { VaultGitError } from '../shared/errors.js';

export class WrongFilePassphraseError extends VaultGitError {}

const b64url = (text: string) => Buffer.from(text, 'base64url');

/** Each PBES2 variant: the PBKDF2 hash, and the AES key-wrap size that follows. */
const KEY_MANAGEMENT: Readonly<Record<string, { hash: string; kekBytes: number }>> = {
  'PBES2-HS256+A128KW': { hash: 'sha256', kekBytes: 16 },
  'PBES2-HS384+A192KW': { hash: 'sha384', kekBytes: 24 },
  'PBES2-HS512+A256KW': { hash: 'sha512', kekBytes: 32 },
};
const CONTENT: Readonly<Record<string, number>> = { A128GCM: 16, A192GCM: 24, A256GCM: 32 };
/** Beyond what any writer uses; a header asking for more is a way to make us spin. */
const MAX_ITERATIONS = 10_000_000;

/**
 * Decrypts a JWE in compact form sealed with a passphrase (RFC 7518 §4.8 PBES2 key wrapping, AES-GCM
 * content encryption): the format of aws-vault's file backend (its keyring library writes it with
 * PBES2-HS256+A128KW and A256GCM). Only node:crypto; a wrong passphrase fails the key unwrap's integrity
 * check and is reported as such; anything malformed is reported as a damaged file.
 */
export function decryptJwePbes2(compact: string, passphrase: string, file: string): string {
  const damaged = (why: string) => new VaultGitError(`${file} is not an aws-vault file item (${why})`);
  const parts = compact.trim().split('.');
  if (parts.length !== 5) throw damaged('not a JWE in compact form');
  const [protectedHeader, encryptedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  let header: { alg?: unknown; enc?: unknown; p2s?: unknown; p2c?: unknown; zip?: unknown };
  try {
    header = JSON.parse(b64url(protectedHeader).toString('utf8')) as typeof header;
  } catch {
    throw damaged('unreadable header');
  }
  const management = typeof header.alg === 'string' ? KEY_MANAGEMENT[header.alg] : undefined;
  const contentBytes = typeof header.enc === 'string' ? CONTENT[header.enc] : undefined;
  if (!management || !contentBytes) throw damaged(`alg ${String(header.alg)} / enc ${String(header.enc)} is not PBES2 with AES-GCM`);
  if (header.zip !== undefined) throw damaged('compressed payloads are not supported');
  if (typeof header.p2s !== 'string' || typeof header.p2c !== 'number' || !Number.isInteger(header.p2c) || header.p2c < 1 || header.p2c > MAX_ITERATIONS) throw damaged('bad PBES2 parameters');

  // RFC 7518 §4.8.1.1: the salt is the algorithm name, a zero byte, then p2s.
  const salt = Buffer.concat([Buffer.from(header.alg as string, 'utf8'), Buffer.from([0]), b64url(header.p2s)]);
  const kek = pbkdf2Sync(passphrase, salt, header.p2c, management.kekBytes, management.hash);
  let cek: Buffer;
  try {
    const unwrap = createDecipheriv(`id-aes${management.kekBytes * 8}-wrap`, kek, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
    cek = Buffer.concat([unwrap.update(b64url(encryptedKey)), unwrap.final()]);
  } catch {
    throw new WrongFilePassphraseError(`wrong passphrase for aws-vault's file store (${file} does not open with it)`, { hint: 'give the passphrase aws-vault uses: AWS_VAULT_FILE_PASSPHRASE, or type it when asked' });
  }
  if (cek.length !== contentBytes) throw damaged('content key of the wrong size');
  try {
    const decipher = createDecipheriv(`aes-${contentBytes * 8}-gcm` as CipherGCMTypes, cek, b64url(iv)) as DecipherGCM;
    decipher.setAAD(Buffer.from(protectedHeader, 'ascii'));
    decipher.setAuthTag(b64url(tag));
    return Buffer.concat([decipher.update(b64url(ciphertext)), decipher.final()]).toString('utf8');
  } catch {
    throw damaged('its content fails the integrity check');
  }
}
