import { createHash } from 'node:crypto';
import { statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { privateRuntimeDirectory } from '../shared/runtimeDirectory.js';
import { writeFileAtomic } from '../shared/writeFileAtomic.js';
import { fileVaultDirectory } from '../vault/fileVaultDirectory.js';

/** A stored password turns stale only ~15 minutes after it was made, so looking once every few minutes is enough. */
export const RECHECK_MS = 5 * 60 * 1000;

export interface CredentialUrl {
  readonly protocol: string;
  readonly host: string;
  readonly path?: string | undefined;
}

/** One marker per vault and per repository URL, in the private runtime directory (undefined if there is none). */
function markerPath(url: CredentialUrl, env: NodeJS.ProcessEnv): string | undefined {
  const dir = privateRuntimeDirectory(env);
  if (dir === undefined) return undefined;
  const id = createHash('sha256').update(`${fileVaultDirectory(env)}\0${url.protocol}://${url.host}/${url.path ?? ''}`).digest('hex').slice(0, 24);
  return join(dir, `stale-check-${id}`);
}

/** True when the cure already ran for this URL within RECHECK_MS. Without a private directory: never throttled. */
export function checkedRecently(url: CredentialUrl, env: NodeJS.ProcessEnv, now = Date.now()): boolean {
  const marker = markerPath(url, env);
  if (marker === undefined) return false;
  try {
    const stat = statSync(marker);
    return stat.isFile() && now - stat.mtimeMs < RECHECK_MS;
  } catch {
    return false;
  }
}

export function markChecked(url: CredentialUrl, env: NodeJS.ProcessEnv): void {
  const marker = markerPath(url, env);
  if (marker === undefined) return;
  try {
    // A temp file renamed into place: a link planted at the marker's name is replaced, never followed.
    writeFileAtomic(marker, '');
  } catch {
    // Without a marker we simply check again next time.
  }
}

/** setup --write and doctor reset it, so "the next fetch removes it" is true right away. */
export function resetChecked(url: CredentialUrl, env: NodeJS.ProcessEnv): void {
  const marker = markerPath(url, env);
  if (marker === undefined) return;
  try {
    unlinkSync(marker);
  } catch {
    // Nothing to reset.
  }
}
