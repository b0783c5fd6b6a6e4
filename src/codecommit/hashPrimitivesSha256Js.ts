import { Sha256 } from '@aws-crypto/sha256-js';
import type { HashPrimitives } from './codeCommitSignature.js';
import { bytesOf, hexOf } from './hexAndBytes.js';

function digest(key: Uint8Array | string | undefined, text: string): Uint8Array {
  // sha256-js computes an HMAC when constructed with a secret.
  const hash = key === undefined ? new Sha256() : new Sha256(bytesOf(key));
  hash.update(bytesOf(text));
  return hash.digestSync();
}

/** The design card's @aws-crypto/sha256-js. */
export const hashPrimitives: HashPrimitives = {
  sha256Hex: (text) => hexOf(digest(undefined, text)),
  hmac: (key, text) => digest(key, text),
  hmacHex: (key, text) => hexOf(digest(key, text)),
};
