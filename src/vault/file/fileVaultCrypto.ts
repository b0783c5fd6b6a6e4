import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, scrypt } from 'node:crypto';

export interface ScryptParameters {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's minimum for scrypt (N=2^17, r=8, p=1): about 0.6 s and 128 MiB here, paid once per unlock. */
export const DEFAULT_SCRYPT: ScryptParameters = { N: 2 ** 17, r: 8, p: 1 };

export interface SealedBox {
  readonly iv: string;
  readonly data: string; // base64 of ciphertext followed by the 16-byte GCM tag
}

export function deriveMasterKey(passphrase: string, salt: Buffer, params: ScryptParameters): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r + 32 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Separate keys for separate jobs, so no key both encrypts and names files. */
export function deriveSubkey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `vault-git ${purpose}`, 32));
}

/** AES-256-GCM with a fresh 96-bit nonce for every write; `context` is bound as associated data. */
export function seal(key: Buffer, plaintext: string, context: string): SealedBox {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { iv: iv.toString('base64'), data: data.toString('base64') };
}

/** Returns undefined when the key is wrong or the bytes were altered (GCM authentication failed). */
export function open(key: Buffer, box: SealedBox, context: string): string | undefined {
  try {
    const data = Buffer.from(box.data, 'base64');
    if (data.length < 16) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** A file id that reveals nothing about the item name without the naming key. */
export function fileIdFor(namingKey: Buffer, kind: string, name: string): string {
  return createHmac('sha256', namingKey).update(`${kind}\0${name}`).digest('hex').slice(0, 40);
}
