import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readKeyFile, readOrCreateKeyFile } from '../shared/privateKeyFile.js';

/**
 * Hot records on a runtime directory that is not a tmpfs (the temp-directory fallback under cron, su, a
 * container) are sealed with AES-256-GCM under a random key kept in that directory, `hot-key`. It keeps a
 * record that is copied or backed up on its own from being usable; it does not protect against someone who
 * can read the whole directory (who could read the file vault's session key there too). See docs/security.md.
 */
function keyPath(dir: string): string {
  return `${dir}/hot-key`;
}

export function sealHotRecord(dir: string, text: string): string | undefined {
  const key = readOrCreateKeyFile(keyPath(dir));
  if (!key) return undefined;
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from('vault-git hot record'));
  return Buffer.concat([nonce, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
}

export function openHotRecord(dir: string, data: string): string | undefined {
  const key = readKeyFile(keyPath(dir));
  if (!key) return undefined;
  try {
    const bytes = Buffer.from(data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from('vault-git hot record'));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
