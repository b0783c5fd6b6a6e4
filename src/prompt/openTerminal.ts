import { closeSync, openSync } from 'node:fs';
import { VaultGitError } from '../shared/errors.js';

export class NoTerminalError extends VaultGitError {}

/**
 * Opens the controlling terminal for a prompt. Never stdin/stdout: under git they carry the credential
 * protocol, under credential_process they carry JSON, and reading a code from them is how other tools
 * ended up sending "protocol=https" to STS as an MFA code.
 */
export function openTerminal(purpose: string): number {
  const path = process.platform === 'win32' ? '\\\\.\\CON' : '/dev/tty';
  try {
    return openSync(path, 'r+');
  } catch {
    throw new NoTerminalError(`no terminal to ask for ${purpose}`);
  }
}

export function closeTerminal(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}
