import { readSync, writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { VaultGitError } from '../shared/errors.js';
import { closeTerminal, openTerminal } from './openTerminal.js';

export class PromptCancelledError extends VaultGitError {}

/**
 * Asks one question on the controlling terminal and reads the answer, with echo off for secrets. Raw mode
 * is used so the answer is read byte by byte: Enter ends it, Backspace edits, Ctrl-C or Ctrl-D cancels.
 */
export function promptOnTerminal(question: string, options: { secret: boolean; purpose: string }): string {
  const fd = openTerminal(options.purpose);
  const stream = new ReadStream(fd);
  try {
    writeSync(fd, question);
    if (options.secret) stream.setRawMode(true);
    const bytes: number[] = [];
    const one = Buffer.alloc(1);
    for (;;) {
      const count = readSync(fd, one, 0, 1, null);
      if (count === 0) break;
      const byte = one[0]!;
      if (byte === 0x0d || byte === 0x0a) break;
      if (byte === 0x03 || byte === 0x04) {
        if (options.secret) writeSync(fd, '\n');
        throw new PromptCancelledError(`cancelled while asking for ${options.purpose}`);
      }
      if (byte === 0x7f || byte === 0x08) {
        bytes.pop();
        continue;
      }
      bytes.push(byte);
    }
    if (options.secret) writeSync(fd, '\n');
    return Buffer.from(bytes).toString('utf8').trim();
  } finally {
    if (options.secret) stream.setRawMode(false);
    stream.destroy();
    closeTerminal(fd);
  }
}
