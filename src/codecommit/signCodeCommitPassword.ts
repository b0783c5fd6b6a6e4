import { createHash, createHmac } from 'node:crypto';
import { canonicalCodeCommitRequest } from './canonicalCodeCommitRequest.js';
import { formatSigningTimestamp } from './formatSigningTimestamp.js';

export interface CodeCommitSigningInput {
  readonly secretAccessKey: string;
  /** The host name without port. */
  readonly hostname: string;
  readonly region: string;
  /** git's `path` attribute exactly as received (normally `v1/repos/NAME`, no leading slash). */
  readonly path: string;
  readonly date: Date;
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}


/**
 * SigV4 over CodeCommit's made-up GIT request, byte for byte as `aws codecommit credential-helper` does it.
 * The trap: the timestamp in the string to sign has no trailing `Z`; the `Z` appears only in the password.
 * Textbook SigV4 (and any general-purpose signer) puts it in both and gets every signature wrong.
 */
export function signCodeCommitPassword(input: CodeCommitSigningInput): string {
  const timestamp = formatSigningTimestamp(input.date);
  const day = timestamp.slice(0, 8);
  const scope = `${day}/${input.region}/codecommit/aws4_request`;
  const canonicalHash = createHash('sha256').update(canonicalCodeCommitRequest(input.hostname, input.path), 'utf8').digest('hex');
  const stringToSign = `AWS4-HMAC-SHA256\n${timestamp}\n${scope}\n${canonicalHash}`;
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), 'codecommit'), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `${timestamp}Z${signature}`;
}
