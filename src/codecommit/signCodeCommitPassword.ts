import { createHash, createHmac } from 'node:crypto';
import { deriveSigningKey, signCodeCommitPasswordWith, type CodeCommitSigningInput, type HashPrimitives } from './codeCommitSignature.js';

export type { CodeCommitSigningInput } from './codeCommitSignature.js';

const nodeCrypto: HashPrimitives = {
  sha256Hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
  hmac: (key, text) => createHmac('sha256', key).update(text, 'utf8').digest(),
  hmacHex: (key, text) => createHmac('sha256', key).update(text, 'utf8').digest('hex'),
};

/** The signing key for a UTC day (YYYYMMDD) and region, with node:crypto (for the hot record). */
export function codeCommitSigningKey(secretAccessKey: string, day: string, region: string): Buffer {
  return Buffer.from(deriveSigningKey(nodeCrypto, secretAccessKey, day, region));
}

/** The CodeCommit password, signed with node:crypto (the full path, which loads it anyway). */
export function signCodeCommitPassword(input: CodeCommitSigningInput): string {
  return signCodeCommitPasswordWith(nodeCrypto, input);
}
