import { writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { VaultGitError } from '../shared/errors.js';
import { closeTerminal, openTerminal } from './openTerminal.js';

export class PromptCancelledError extends VaultGitError {}

/**
 * Asks one question on the controlling terminal and reads the answer in raw mode, echoing it only when it
 * is not secret. Enter ends the answer, Backspace edits, Ctrl-C or Ctrl-D cancels; the terminal's mode is
 * restored whatever happens.
 */
export function promptOnTerminal(question: string, options: { secret: boolean; purpose: string }): Promise<string> {
  const fd = openTerminal(options.purpose);
  const stream = new ReadStream(fd);
  // Raw mode before the question appears: an answer typed ahead must not be echoed by the terminal.
  stream.setRawMode(true);
  writeSync(fd, question);
  const bytes: number[] = [];
  return new Promise<string>((resolve, reject) => {
    const finish = (error?: Error) => {
      stream.setRawMode(false);
      stream.removeAllListeners('data');
      stream.pause();
      stream.destroy();
      closeTerminal(fd);
      if (error) reject(error);
      else resolve(Buffer.from(bytes).toString('utf8').trim());
    };
    stream.on('data', (chunk: Buffer) => {
      for (const byte of chunk) {
        if (byte === 0x0d || byte === 0x0a) {
          writeSync(fd, '\r\n');
          finish();
          return;
        }
        if (byte === 0x03 || byte === 0x04) {
          writeSync(fd, '\r\n');
          finish(new PromptCancelledError(`cancelled while asking for ${options.purpose}`));
          return;
        }
        if (byte === 0x7f || byte === 0x08) {
          if (bytes.length > 0) {
            bytes.pop();
            if (!options.secret) writeSync(fd, '\b \b');
          }
          continue;
        }
        bytes.push(byte);
        if (!options.secret) writeSync(fd, Buffer.from([byte]));
      }
    });
    stream.on('error', (error) => finish(error));
  });
}
