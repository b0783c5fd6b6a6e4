import { readSync } from 'node:fs';
import { MAX_INPUT_BYTES } from '../protocol/parseCredentialRecord.js';

/** A request ends at its first blank line; git sends nothing after it (and may keep the pipe open). */
function endsRequest(data: Buffer): boolean {
  return data.length > 0 && (data[0] === 0x0a || data.includes('\n\n') || data.includes('\n\r\n') || (data[0] === 0x0d && data[1] === 0x0a));
}

/**
 * Reads the credential request from fd 0 synchronously (cheaper at start-up than a stream), stopping at
 * the blank line that ends it, at end of input, or one byte past the size limit, so neither a writer that
 * keeps the pipe open nor a runaway one can keep us waiting or buffering.
 * Falls back to the async stream if stdin is non-blocking (EAGAIN), as it can be under some parents.
 */
export async function readStandardInput(limit = MAX_INPUT_BYTES + 1): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.allocUnsafe(64 * 1024);
  const done = () => total >= limit || endsRequest(Buffer.concat(chunks));
  try {
    for (;;) {
      const count = readSync(0, buffer, 0, buffer.length, null);
      if (count === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, count)));
      total += count;
      if (done()) break;
    }
    return Buffer.concat(chunks);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EOF') return Buffer.concat(chunks);
    if (code !== 'EAGAIN') throw error;
  }
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (done()) break;
  }
  return Buffer.concat(chunks);
}
