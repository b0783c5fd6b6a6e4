import { signCodeCommitPasswordWith, type CodeCommitSigningInput } from './codeCommitSignature.js';
import { hashPrimitives } from './hashPrimitivesSha256Js.js';

/**
 * The CodeCommit password signed without node:crypto (about 5 ms of start-up on its own), for the hot
 * path: with the design card's @aws-crypto/sha256-js, bundled. `npm run bench` also measures our own
 * minimal SHA-256 in its place (hashPrimitivesMinimal.ts); the README says which won and why.
 */
export function signCodeCommitPasswordPortable(input: CodeCommitSigningInput): string {
  return signCodeCommitPasswordWith(hashPrimitives, input);
}
