import { spawn } from 'node:child_process';
import type { AwsCredentials } from '../../codecommit/AwsCredentials.js';
import { VaultGitError } from '../../shared/errors.js';

export class CredentialProcessError extends VaultGitError {}

/**
 * Runs a profile's credential_process (through the shell, as the AWS CLI does) and reads its Version 1
 * JSON. Its stderr goes to ours so prompts and errors stay visible; its stdout is never passed on.
 */
export function runCredentialProcess(profile: string, command: string, env: NodeJS.ProcessEnv): Promise<AwsCredentials> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error) => reject(new CredentialProcessError(`profile ${profile}: credential_process could not start: ${error.message}`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new CredentialProcessError(`profile ${profile}: credential_process exited with status ${code}`));
      try {
        const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        const missing = ['AccessKeyId', 'SecretAccessKey'].filter((key) => typeof json[key] !== 'string' || json[key] === '');
        if (json.Version !== 1 || missing.length > 0) throw new Error(missing.length ? `missing ${missing.join(', ')}` : 'Version is not 1');
        resolve({
          accessKeyId: json.AccessKeyId as string,
          secretAccessKey: json.SecretAccessKey as string,
          sessionToken: typeof json.SessionToken === 'string' ? json.SessionToken : undefined,
          expiration: typeof json.Expiration === 'string' ? new Date(json.Expiration) : undefined,
        });
      } catch (error) {
        reject(new CredentialProcessError(`profile ${profile}: credential_process printed no valid credentials (${(error as Error).message})`));
      }
    });
  });
}
