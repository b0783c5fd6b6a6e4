import type { AwsCredentials } from './AwsCredentials.js';
import { VaultGitError } from './errors.js';

export class UnusableCredentialsError extends VaultGitError {}

// The alphabets AWS issues: key ids are upper-case letters and digits (AKIA…, ASIA…), secrets and session
// tokens are base64. Anything else (a newline, a quote, `$(…)`) did not come from AWS and would break the
// git protocol, a shell that evals `export`, or every later request once cached.
const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
const SECRET_ACCESS_KEY = /^[A-Za-z0-9/+=]{16,256}$/;
const SESSION_TOKEN = /^[A-Za-z0-9/+=]{16,16384}$/;

/**
 * Checks credentials from STS or a credential_process before they are cached, printed or handed on:
 * every value in the alphabet AWS uses, and an expiry (when there is one) still in the future. The
 * message says which value is wrong, never the value.
 */
export function assertUsableCredentials(credentials: AwsCredentials, from: string, now: Date): void {
  const refuse = (what: string) => new UnusableCredentialsError(`${from} gave credentials with ${what}; they were not used or cached`);
  if (!ACCESS_KEY_ID.test(credentials.accessKeyId)) throw refuse('an access key id that is not one (16 to 128 upper-case letters and digits)');
  if (!SECRET_ACCESS_KEY.test(credentials.secretAccessKey)) throw refuse('a secret access key outside the base64 alphabet');
  if (credentials.sessionToken !== undefined && !SESSION_TOKEN.test(credentials.sessionToken)) throw refuse('a session token outside the base64 alphabet');
  const expiration = credentials.expiration;
  if (expiration !== undefined) {
    if (Number.isNaN(expiration.getTime())) throw refuse('an Expiration that is not a date');
    if (expiration.getTime() <= now.getTime()) {
      throw new UnusableCredentialsError(`${from} gave credentials that expired at ${expiration.toISOString()}; they were not used`, {
        hint: 'check the clock (vault-git doctor), or what the source hands out',
      });
    }
  }
}
