import { readRegularFile, UnreadableFileError } from '../../shared/readRegularFile.js';
import type { AwsConfigFile } from './AwsConfigFile.js';
import { ConfigFileError } from './ConfigFileError.js';
import { configFilePath } from './configFilePath.js';
import { parseAwsConfig } from './parseAwsConfig.js';

/** Far beyond any real config; a larger "file" is a device or a mistake, and is not read. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * Reads ~/.aws/config (or AWS_CONFIG_FILE). A missing file is an empty config; anything that is not a
 * readable regular file of sane size (a FIFO that would block, /dev/zero that never ends) is an error.
 */
export async function loadAwsConfig(env: NodeJS.ProcessEnv): Promise<AwsConfigFile> {
  const path = configFilePath(env);
  let text: string;
  try {
    text = readRegularFile(path, { maxBytes: MAX_CONFIG_BYTES }).toString('utf8');
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    if (error.reason === 'missing') return { path, exists: false, profiles: new Map(), ssoSessions: new Map() };
    const why =
      error.reason === 'not-a-file' ? 'it is not a regular file' : error.reason === 'too-large' ? `it is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB` : `it cannot be read (${error.code ?? 'error'})`;
    throw new ConfigFileError(`cannot use the AWS config file ${path}: ${why}`, { hint: 'point AWS_CONFIG_FILE at your config file, or unset it' });
  }
  return parseAwsConfig(text, path);
}
