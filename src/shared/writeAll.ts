import { writeSync } from 'node:fs';

const closed = new Set<number>();
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to a file descriptor synchronously. Synchronous on purpose: the process may exit
 * right after, and output still queued in a stream would be lost. A non-blocking pipe to a slow reader
 * (EAGAIN) is waited on, not cut short; a reader that went away (`| head`, EPIPE) ends output quietly:
 * this and every later write to that descriptor are dropped. Returns false once the reader is gone.
 */
export function writeAll(fd: number, text: string): boolean {
  if (closed.has(fd)) return false;
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      if (code === 'EPIPE' || code === 'EBADF') {
        closed.add(fd);
        return false;
      }
      throw error;
    }
  }
  return true;
}
