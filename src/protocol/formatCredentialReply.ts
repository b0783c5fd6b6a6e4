import { CredentialProtocolError } from './CredentialProtocolError.js';

export type ReplyField = readonly [key: string, value: string];

const SAFE_KEY = /^[a-z_]+(\[\])?$/;

/**
 * Formats the helper's answer. A value holding LF, CR or NUL could smuggle extra attributes into git
 * (the CVE-2020-5260 class), so such a reply is refused as a whole instead of being written.
 */
export function formatCredentialReply(fields: readonly ReplyField[]): string {
  let out = '';
  for (const [key, value] of fields) {
    if (!SAFE_KEY.test(key)) throw new CredentialProtocolError(`refusing to write credential attribute with key ${JSON.stringify(key)}`);
    if (value.includes('\n') || value.includes('\r') || value.includes('\0')) throw new CredentialProtocolError(`refusing to write a ${key} value that contains a line break or NUL`);
    out += `${key}=${value}\n`;
  }
  return out;
}
