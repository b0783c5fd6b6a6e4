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
  /**
   * The SigV4 signing key for this date's UTC day and this region, when the caller has it already (the hot
   * record keeps it): it spares four of the five HMACs, most of the hashing a cold process does in JavaScript.
   */
  readonly signingKey?: Uint8Array | undefined;
}

/** SHA-256 and HMAC-SHA-256, from node:crypto on the full path and from sha256-js on the hot path. */
export interface HashPrimitives {
  sha256Hex(text: string): string;
  hmac(key: Uint8Array | string, text: string): Uint8Array;
  hmacHex(key: Uint8Array | string, text: string): string;
}

/** SigV4's key for one UTC day (YYYYMMDD), one region and the codecommit service. */
export function deriveSigningKey(hash: HashPrimitives, secretAccessKey: string, day: string, region: string): Uint8Array {
  return hash.hmac(hash.hmac(hash.hmac(hash.hmac(`AWS4${secretAccessKey}`, day), region), 'codecommit'), 'aws4_request');
}

/**
 * SigV4 over CodeCommit's made-up GIT request, byte for byte as `aws codecommit credential-helper` does it.
 * The trap: the timestamp in the string to sign has no trailing `Z`; the `Z` appears only in the password.
 * Textbook SigV4 (and any general-purpose signer) puts it in both and gets every signature wrong.
 */
export function signCodeCommitPasswordWith(hash: HashPrimitives, input: CodeCommitSigningInput): string {
  const timestamp = formatSigningTimestamp(input.date);
  const day = timestamp.slice(0, 8);
  const scope = `${day}/${input.region}/codecommit/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${timestamp}\n${scope}\n${hash.sha256Hex(canonicalCodeCommitRequest(input.hostname, input.path))}`;
  const signingKey = input.signingKey ?? deriveSigningKey(hash, input.secretAccessKey, day, input.region);
  return `${timestamp}Z${hash.hmacHex(signingKey, stringToSign)}`;
}
