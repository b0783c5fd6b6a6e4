import type { HashPrimitives } from './codeCommitSignature.js';
import { bytesOf, hexOf } from './hexAndBytes.js';
import { hmacSha256, sha256 } from './minimalSha256.js';

/** Our own SHA-256 (minimalSha256.ts). */
export const hashPrimitives: HashPrimitives = {
  sha256Hex: (text) => hexOf(sha256(bytesOf(text))),
  hmac: (key, text) => hmacSha256(bytesOf(key), bytesOf(text)),
  hmacHex: (key, text) => hexOf(hmacSha256(bytesOf(key), bytesOf(text))),
};
