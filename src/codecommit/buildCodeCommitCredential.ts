import type { AwsCredentials } from '../shared/AwsCredentials.js';
import type { CodeCommitHost } from './parseCodeCommitHost.js';
import type { CodeCommitSigningInput } from './codeCommitSignature.js';

/**
 * AWS documents the password only as temporary ("stops working after about 15 minutes"). We tell git a
 * minute less, so a storage helper that honours the expiry never offers one at the edge of the window.
 */
export const PASSWORD_LIFETIME_SECONDS = 15 * 60 - 60;

export interface CodeCommitCredential {
  readonly username: string;
  readonly password: string;
  /** Unix seconds: the earlier of the password's useful life and the credentials' own expiry. */
  readonly passwordExpiryUtc: number;
}

/** node:crypto's on the full path, sha256-js's on the hot path; async for the benchmark's smithy signer. */
export type PasswordSigner = (input: CodeCommitSigningInput) => string | Promise<string>;

export async function buildCodeCommitCredential(
  credentials: AwsCredentials,
  host: CodeCommitHost,
  path: string,
  now: Date,
  sign: PasswordSigner,
  signingKey?: Uint8Array,
): Promise<CodeCommitCredential> {
  const password = await sign({
    secretAccessKey: credentials.secretAccessKey,
    hostname: host.hostname,
    region: host.region,
    path,
    date: now,
    signingKey,
  });
  // The raw token, not URL-encoded: git passes it through as the Basic-auth user, as the AWS CLI does.
  const username = credentials.sessionToken ? `${credentials.accessKeyId}%${credentials.sessionToken}` : credentials.accessKeyId;
  const signedAt = Math.floor(now.getTime() / 1000);
  let expiry = signedAt + PASSWORD_LIFETIME_SECONDS;
  if (credentials.expiration) expiry = Math.min(expiry, Math.floor(credentials.expiration.getTime() / 1000));
  return { username, password, passwordExpiryUtc: expiry };
}
