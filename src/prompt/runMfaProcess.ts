import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { childEnvironment } from '../shared/childEnvironment.js';
import { VaultGitError } from '../shared/errors.js';

export class MfaProcessError extends VaultGitError {}

/**
 * Runs a profile's mfa_process and takes its stdout as the code. Its stdin and stderr are the terminal
 * when there is one, so "Touch your YubiKey" reaches the user even under git or credential_process.
 */
export function runMfaProcess(profile: string, command: string, env: NodeJS.ProcessEnv): Promise<string> {
  let tty: number | undefined;
  try {
    tty = openSync('/dev/tty', 'r+');
  } catch {
    tty = undefined;
  }
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { env: childEnvironment(env), stdio: [tty ?? 'ignore', 'pipe', tty ?? 'inherit'] as const });
    const chunks: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error) => reject(new MfaProcessError(`profile ${profile}: mfa_process could not start: ${error.message}`)));
    child.on('close', (code) => {
      if (tty !== undefined) closeSync(tty);
      if (code !== 0) reject(new MfaProcessError(`profile ${profile}: mfa_process exited with status ${code}`));
      else resolve(Buffer.concat(chunks).toString('utf8').trim());
    });
  });
}
