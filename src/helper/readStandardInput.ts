import { readSync } from 'node:fs';
import { MAX_INPUT_BYTES } from '../protocol/parseCredentialRecord.js';

/** A request ends at its first blank line; git sends nothing after it (and may keep the pipe open). */
function endsRequest(data: Uint8Array, length: number): boolean {
  if (length === 0) return false;
  if (data[0] === 0x0a || (length > 1 && data[0] === 0x0d && data[1] === 0x0a)) return true;
  for (let index = 1; index < length; index++) {
    if (data[index] !== 0x0a) continue;
    if (data[index - 1] === 0x0a || (index >= 2 && data[index - 1] === 0x0d && data[index - 2] === 0x0a)) return true;
  }
  return false;
}

/**
 * Reads the credential request from fd 0 (the code cache's warm-up passes a file) synchronously (cheaper at start-up than a stream), stopping at
 * the blank line that ends it, at end of input, or one byte past the size limit, so neither a writer that
 * keeps the pipe open nor a runaway one can keep us waiting or buffering. One buffer, read into in place:
 * a request is a few hundred bytes. Falls back to the async stream if stdin is non-blocking (EAGAIN), as
 * it can be under some parents.
 */
export async function readStandardInput(limit = MAX_INPUT_BYTES + 1, fd = 0): Promise<Buffer> {
  let buffer = Buffer.allocUnsafe(Math.min(16 * 1024, limit));
  let total = 0;
  try {
    for (;;) {
      if (total === buffer.length) {
        const larger = Buffer.allocUnsafe(Math.min(buffer.length * 4, limit));
        buffer.copy(larger, 0, 0, total);
        buffer = larger;
      }
      const count = readSync(fd, buffer, total, buffer.length - total, null);
      if (count === 0) break;
      total += count;
      if (total >= limit || endsRequest(buffer, total)) break;
    }
    return buffer.subarray(0, total);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EOF') return buffer.subarray(0, total);
    if (code !== 'EAGAIN' || fd !== 0) throw error;
  }
  const chunks: Buffer[] = [buffer.subarray(0, total)];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total >= limit || endsRequest(Buffer.concat(chunks), total)) break;
  }
  return Buffer.concat(chunks);
}
