import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CodeCommitSigningInput } from '../../src/codecommit/signCodeCommitPassword.js';
import { canonicalCodeCommitRequest } from '../../src/codecommit/canonicalCodeCommitRequest.js';
import { formatSigningTimestamp } from '../../src/codecommit/formatSigningTimestamp.js';

/**
 * The design card's signer (@smithy/signature-v4 with @aws-crypto/sha256-js), with the same signature as
 * the node:crypto one, so `npm run bench` can build the helper both ways and compare whole-process time.
 */
export async function signCodeCommitPassword(input: CodeCommitSigningInput): Promise<string> {
  const timestamp = formatSigningTimestamp(input.date);
  const hash = new Sha256();
  hash.update(canonicalCodeCommitRequest(input.hostname, input.path));
  const canonicalHash = Buffer.from(await hash.digest()).toString('hex');
  const signer = new SignatureV4({
    service: 'codecommit',
    region: input.region,
    credentials: { accessKeyId: 'unused', secretAccessKey: input.secretAccessKey },
    sha256: Sha256,
  });
  const stringToSign = `AWS4-HMAC-SHA256\n${timestamp}\n${timestamp.slice(0, 8)}/${input.region}/codecommit/aws4_request\n${canonicalHash}`;
  return `${timestamp}Z${await signer.sign(stringToSign, { signingDate: input.date })}`;
}
