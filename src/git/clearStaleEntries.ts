import { createHash } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { attribute, type CredentialRecord } from '../protocol/CredentialRecord.js';
import { sessionKeyDirectory } from '../vault/file/sessionKeyFile.js';
import { mayHaveStorageHelper } from './mayHaveStorageHelper.js';

const RECHECK_MS = 5 * 60 * 1000;

function recentlyChecked(marker: string): boolean {
  try {
    return Date.now() - statSync(marker).mtimeMs < RECHECK_MS;
  } catch {
    return false;
  }
}

function markChecked(marker: string): void {
  try {
    mkdirSync(dirname(marker), { recursive: true, mode: 0o700 });
    writeFileSync(marker, '', { mode: 0o600 });
  } catch {
    // Without a marker we simply check again next time.
  }
}

/**
 * The cure for the stale-password 403: git erases stored passwords only after a 401, and CodeCommit answers
 * an expired SigV4 password with 403, so a password some storage helper (osxkeychain, libsecret, wincred,
 * store, cache) saved earlier would be offered forever. Before answering `get`, ask every configured storage
 * helper to erase what it holds for this exact host (and path). Cheap when nothing could have stored one:
 * a look at the config files, no process. Our own helper is never called; other hosts are never touched.
 */
export async function clearStaleEntries(record: CredentialRecord, env: NodeJS.ProcessEnv): Promise<string[]> {
  if (!mayHaveStorageHelper(env)) return [];
  // A stored password turns stale only after ~15 minutes, so checking a host once every few minutes
  // is enough; on macOS (osxkeychain in the system config) this keeps the erase off most requests.
  const marker = join(sessionKeyDirectory(env), `stale-check-${createHash('sha256').update(`${attribute(record, 'host')}`).digest('hex').slice(0, 16)}`);
  if (recentlyChecked(marker)) return [];
  const { eraseFromStorageHelpers } = await import('./eraseFromStorageHelpers.js');
  const erased = await eraseFromStorageHelpers(record, env);
  markChecked(marker);
  return erased;
}
