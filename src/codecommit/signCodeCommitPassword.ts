import { createHash, createHmac } from 'node:crypto';
import { signCodeCommitPasswordWith, type CodeCommitSigningInput, type HashPrimitives } from './codeCommitSignature.js';

export type { CodeCommitSigningInput } from './codeCommitSignature.js';

const nodeCrypto: HashPrimitives = {
  sha256Hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
  hmac: (key, text) => createHmac('sha256', key).update(text, 'utf8').digest(),
  hmacHex: (key, text) => createHmac('sha256', key).update(text, 'utf8').digest('hex'),
};

/** The CodeCommit password, signed with node:crypto (the full path, which loads it anyway). */
export function signCodeCommitPassword(input: CodeCommitSigningInput): string {
  return signCodeCommitPasswordWith(nodeCrypto, input);
}
