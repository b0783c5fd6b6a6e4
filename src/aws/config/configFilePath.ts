import { homedir } from 'node:os';
import { configFilePathIn } from './configFilePathIn.js';

/** AWS_CONFIG_FILE, else ~/.aws/config, as every AWS tool reads it. */
export function configFilePath(env: NodeJS.ProcessEnv): string {
  return configFilePathIn(env, env.HOME || homedir());
}
