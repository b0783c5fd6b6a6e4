import { UsageError } from '../shared/errors.js';

/** Long-term IAM user keys: AKIA followed by 16 upper-case letters or digits, and a 40-character secret. */
export function assertLongTermKeyShape(accessKeyId: string, secretAccessKey: string): void {
  if (/^ASIA/.test(accessKeyId)) {
    throw new UsageError('that access key id starts with ASIA: it belongs to temporary credentials, which cannot be stored as a long-term key');
  }
  if (!/^AKIA[A-Z0-9]{16}$/.test(accessKeyId)) {
    throw new UsageError('the access key id does not look like an IAM user key (AKIA followed by 16 letters or digits)');
  }
  if (!/^[A-Za-z0-9/+=]{40}$/.test(secretAccessKey)) {
    throw new UsageError('the secret access key does not look like one (40 characters of letters, digits, / + =)');
  }
}
