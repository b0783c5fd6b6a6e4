import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash } from 'node:crypto';

/**
 * An independent CodeCommit signer built on the design card's libraries (@smithy/signature-v4, the new home
 * of @aws-sdk/signature-v4, and @aws-crypto/sha256-js). Tests and the fake server use it as an oracle;
 * the product signs with node:crypto (see README, "Why node:crypto signs").
 */
export async function signWithSmithyOracle(input: {
  accessKeyId: string;
  secretAccessKey: string;
  hostname: string;
  region: string;
  path: string;
  timestamp: string; // YYYYMMDDTHHMMSS
}): Promise<string> {
  const signer = new SignatureV4({
    service: 'codecommit',
    region: input.region,
    credentials: { accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey },
    sha256: Sha256,
  });
  const canonical = `GIT\n/${input.path}\n\nhost:${input.hostname}\n\nhost\n`;
  const hash = createHash('sha256').update(canonical).digest('hex');
  const day = input.timestamp.slice(0, 8);
  // No `Z` after the timestamp here: CodeCommit's scheme differs from textbook SigV4 in exactly this spot.
  const stringToSign = `AWS4-HMAC-SHA256\n${input.timestamp}\n${day}/${input.region}/codecommit/aws4_request\n${hash}`;
  const signingDate = new Date(
    `${input.timestamp.slice(0, 4)}-${input.timestamp.slice(4, 6)}-${input.timestamp.slice(6, 8)}T${input.timestamp.slice(9, 11)}:${input.timestamp.slice(11, 13)}:${input.timestamp.slice(13, 15)}Z`,
  );
  return signer.sign(stringToSign, { signingDate });
}
