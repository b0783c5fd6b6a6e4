import type { AwsCredentials } from '../../shared/AwsCredentials.js';
import { assertUsableCredentials } from '../../shared/assertUsableCredentials.js';
import { childEnvironment } from '../../shared/childEnvironment.js';
import { VaultGitError } from '../../shared/errors.js';
import { runCommand } from '../../shared/runCommand.js';

export class CredentialProcessError extends VaultGitError {}

/**
 * Runs a profile's credential_process (through the shell, as the AWS CLI does) and reads its Version 1
 * JSON. Its stderr goes to ours so prompts and errors stay visible; its stdout is never passed on. What it
 * prints is checked like an STS answer: the right alphabets, and not already expired.
 */
export async function runCredentialProcess(profile: string, command: string, env: NodeJS.ProcessEnv, now: Date = new Date()): Promise<AwsCredentials> {
  const result = await runCommand('/bin/sh', ['-c', command], { env: childEnvironment(env), stderr: 'inherit', maxOutputBytes: 256 * 1024 });
  if (result.startError) throw new CredentialProcessError(`profile ${profile}: credential_process could not start: ${result.startError.message}`);
  if (result.code !== 0) throw new CredentialProcessError(`profile ${profile}: credential_process exited with status ${result.code}`);
  let credentials: AwsCredentials;
  try {
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    const missing = ['AccessKeyId', 'SecretAccessKey'].filter((key) => typeof json[key] !== 'string' || json[key] === '');
    if (json.Version !== 1 || missing.length > 0) throw new Error(missing.length ? `missing ${missing.join(', ')}` : 'Version is not 1');
    credentials = {
      accessKeyId: json.AccessKeyId as string,
      secretAccessKey: json.SecretAccessKey as string,
      sessionToken: typeof json.SessionToken === 'string' && json.SessionToken !== '' ? json.SessionToken : undefined,
      expiration: typeof json.Expiration === 'string' ? new Date(json.Expiration) : undefined,
    };
  } catch (error) {
    // Never the parser's own message: V8 quotes a piece of the input, which may be a secret.
    const why = error instanceof SyntaxError ? 'its output is not JSON' : (error as Error).message;
    throw new CredentialProcessError(`profile ${profile}: credential_process printed no valid credentials (${why})`);
  }
  assertUsableCredentials(credentials, `profile ${profile}: credential_process`, now);
  return credentials;
}
