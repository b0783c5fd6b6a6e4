import { homedir } from 'node:os';
import { join } from 'node:path';

/** AWS_CONFIG_FILE, else ~/.aws/config, as every AWS tool reads it. */
export function configFilePath(env: NodeJS.ProcessEnv): string {
  const configured = env.AWS_CONFIG_FILE;
  if (configured) return configured.startsWith('~/') ? join(env.HOME || homedir(), configured.slice(2)) : configured;
  return join(env.HOME || homedir(), '.aws', 'config');
}
