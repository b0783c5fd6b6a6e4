import { readSync } from 'node:fs';
import { MAX_INPUT_BYTES } from '../protocol/parseCredentialRecord.js';

/**
 * Reads the credential request from fd 0 synchronously (cheaper at start-up than a stream), stopping one
 * byte past the size limit so a hostile or runaway writer cannot make us buffer without bound.
 * Falls back to the async stream if stdin is non-blocking (EAGAIN), as it can be under some parents.
 */
export async function readStandardInput(limit = MAX_INPUT_BYTES + 1): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.allocUnsafe(64 * 1024);
  try {
    for (;;) {
      const count = readSync(0, buffer, 0, buffer.length, null);
      if (count === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, count)));
      total += count;
      if (total >= limit) break;
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
    if (total >= limit) break;
  }
  return Buffer.concat(chunks);
}
