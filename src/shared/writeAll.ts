import { writeSync } from 'node:fs';

/**
 * Writes all of `text` to a file descriptor synchronously. Synchronous on purpose: the process may exit
 * right after, and output still queued in a stream would be lost.
 */
export function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
}
