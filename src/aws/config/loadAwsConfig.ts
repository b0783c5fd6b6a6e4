import { readFileSync } from 'node:fs';
import type { AwsConfigFile } from './AwsConfigFile.js';
import { ConfigFileError } from './ConfigFileError.js';
import { configFilePath } from './configFilePath.js';
import { parseAwsConfig } from './parseAwsConfig.js';

/** Reads ~/.aws/config (or AWS_CONFIG_FILE). A missing file is an empty config; an unreadable one is an error. */
export async function loadAwsConfig(env: NodeJS.ProcessEnv): Promise<AwsConfigFile> {
  const path = configFilePath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { path, exists: false, profiles: new Map(), ssoSessions: new Map() };
    throw new ConfigFileError(`cannot read the AWS config file ${path} (${code ?? 'error'})`, { cause: error });
  }
  return parseAwsConfig(text, path);
}
