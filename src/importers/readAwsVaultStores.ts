import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { childEnvironment } from '../shared/childEnvironment.js';
import { readRegularFile } from '../shared/readRegularFile.js';
import { runCommand } from '../shared/runCommand.js';
import { decryptJwePbes2 } from './decryptJwePbes2.js';
import type { FoundKey } from './FoundKey.js';
import { parseAwsVaultItem } from './parseAwsVaultItem.js';

export interface StoreReport {
  readonly found: FoundKey[];
  /** One line per store or item that could not be read, for the user. */
  readonly problems: string[];
}

/** aws-vault's file store: AWS_VAULT_FILE_DIR, else ~/.awsvault/keys. */
export function awsVaultFileDirectory(env: NodeJS.ProcessEnv): string {
  return env.AWS_VAULT_FILE_DIR || join(env.HOME || homedir(), '.awsvault', 'keys');
}

/**
 * Every long-term key in aws-vault's file store: one JWE file per item, named by the item's key
 * percent-encoded. The passphrase is asked for only if there is a file to open. Left as it is.
 */
export async function readAwsVaultFileStore(directory: string, passphrase: () => Promise<string>, only: string | undefined): Promise<StoreReport> {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return { found: [], problems: [] };
  }
  const found: FoundKey[] = [];
  const problems: string[] = [];
  let secret: string | undefined;
  for (const name of names.sort()) {
    let key: string;
    try {
      key = decodeURIComponent(name);
    } catch {
      continue;
    }
    // Sessions and tokens: names aws-vault gives them never look like a profile.
    if (/[,:]/.test(key) || (only !== undefined && key !== only)) continue;
    const file = join(directory, name);
    let text: string;
    try {
      text = readRegularFile(file, { maxBytes: 1024 * 1024 }).toString('utf8');
    } catch (error) {
      problems.push(`skipped ${file}: ${(error as Error).message}`);
      continue;
    }
    secret ??= await passphrase();
    // A wrong passphrase is the same for every file: it ends the import (WrongFilePassphraseError).
    const item = parseAwsVaultItem(decryptJwePbes2(text, secret, file), `aws-vault file store ${directory}`);
    if (item) found.push(item);
  }
  return { found, problems };
}

/**
 * aws-vault's keys in the Secret Service (its `awsvault` collection; each item's attribute `profile` is the
 * key), read with libsecret's secret-tool for each profile name: aws-vault names keys after profiles, and a
 * listing of the collection would need D-Bus calls of our own.
 */
export async function readAwsVaultSecretService(profiles: readonly string[], env: NodeJS.ProcessEnv): Promise<StoreReport> {
  const found: FoundKey[] = [];
  const problems: string[] = [];
  for (const profile of profiles) {
    const result = await runCommand('secret-tool', ['search', '--all', '--unlock', 'profile', profile], { env: childEnvironment(env), timeoutMs: 30_000, stderr: 'capture', maxOutputBytes: 1024 * 1024 });
    if (result.startError) return { found, problems: ['secret-tool (libsecret-tools) is not installed; aws-vault keys in the Secret Service cannot be read'] };
    if (result.timedOut) return { found, problems: [...problems, 'the Secret Service did not answer within 30 s; its aws-vault keys were not read'] };
    for (const line of result.stdout.split('\n')) {
      const secret = /^secret = (.*)$/.exec(line)?.[1];
      const item = secret === undefined ? undefined : parseAwsVaultItem(secret, 'aws-vault Secret Service collection awsvault');
      if (item && item.profile === profile) {
        found.push(item);
        break;
      }
    }
  }
  return { found, problems };
}
