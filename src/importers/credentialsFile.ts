import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { externalDataInterceptor, loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { readRegularFileIfExists } from '../shared/readRegularFile.js';
import { isValidProfileName } from '../shared/validateProfileName.js';
import { writeFileAtomic } from '../shared/writeFileAtomic.js';
import type { FoundKey } from './FoundKey.js';

export function credentialsFilePath(env: NodeJS.ProcessEnv): string {
  return env.AWS_SHARED_CREDENTIALS_FILE || join(env.HOME || homedir(), '.aws', 'credentials');
}

/** The file's text, or undefined when there is none. */
export function readCredentialsText(path: string): string | undefined {
  return readRegularFileIfExists(path, { maxBytes: 4 * 1024 * 1024 })?.toString('utf8');
}

/**
 * Long-term keys in ~/.aws/credentials, read with the AWS SDK's own loader (as the SDKs read it): sections
 * with aws_access_key_id and aws_secret_access_key and no session token (temporary credentials are not
 * worth importing).
 */
export async function findCredentialsFileKeys(text: string, path: string, only: string | undefined): Promise<FoundKey[]> {
  const key = `vault-git-import:${path}`;
  externalDataInterceptor.interceptFile(key, text);
  externalDataInterceptor.interceptFile(`${key}:config`, '');
  const { credentialsFile } = await loadSharedConfigFiles({ filepath: key, configFilepath: `${key}:config`, ignoreCache: true });
  const found: FoundKey[] = [];
  for (const [profile, section] of Object.entries(credentialsFile)) {
    if (only !== undefined && profile !== only) continue;
    const lower = Object.fromEntries(Object.entries(section).map(([name, value]) => [name.toLowerCase(), value]));
    const accessKeyId = lower.aws_access_key_id?.trim();
    const secretAccessKey = lower.aws_secret_access_key?.trim();
    if (!isValidProfileName(profile) || !accessKeyId || !secretAccessKey || lower.aws_session_token) continue;
    found.push({ profile, accessKeyId, secretAccessKey, from: path });
  }
  return found;
}

const KEY_LINE = /^\s*aws_(access_key_id|secret_access_key)\s*=/i;

/**
 * Removes the key lines of the given profiles and nothing else: other keys, other sections, comments and
 * blank lines stay byte for byte. A 0600 copy of the original is written first; the file is replaced
 * atomically with its own permissions. Returns the backup's path.
 */
export function scrubCredentialsFile(path: string, text: string, profiles: ReadonlySet<string>, now: Date): string {
  const backup = `${path}.vault-git-backup-${now.toISOString().replace(/[:.]/g, '-')}`;
  writeFileAtomic(backup, text, 0o600);
  let current: string | undefined;
  const kept: string[] = [];
  for (const line of text.split(/(?<=\n)/)) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:[#;].*)?$/.exec(line.replace(/\r?\n$/, ''));
    if (header) current = header[1]!.replace(/^profile\s+/, '');
    if (current !== undefined && profiles.has(current) && KEY_LINE.test(line)) continue;
    kept.push(line);
  }
  writeFileAtomic(path, kept.join(''), statSync(path).mode & 0o777);
  return backup;
}
