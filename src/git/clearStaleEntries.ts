import { attribute, type CredentialRecord } from '../protocol/CredentialRecord.js';
import { mayHaveStorageHelper } from './mayHaveStorageHelper.js';
import { checkedRecently, markChecked, type CredentialUrl } from './staleCheckMarker.js';

/**
 * The cure for the stale-password 403: git erases stored passwords only after a 401, and CodeCommit answers
 * an expired SigV4 password with 403, so a password some storage helper (osxkeychain, libsecret, wincred,
 * store, cache) saved earlier would be offered forever. Before answering `get`, remove such passwords for
 * this repository URL, and nothing else (see eraseFromStorageHelpers). Cheap when nothing could have stored
 * one: a look at the config files, no process; and at most once every few minutes per URL.
 */
/** Returns how many stale entries went. */
export async function clearStaleEntries(record: CredentialRecord, env: NodeJS.ProcessEnv): Promise<number> {
  if (!mayHaveStorageHelper(env)) return 0;
  const url: CredentialUrl = { protocol: attribute(record, 'protocol') ?? 'https', host: attribute(record, 'host') ?? '', path: attribute(record, 'path') };
  if (checkedRecently(url, env)) return 0;
  const { eraseFromStorageHelpers } = await import('./eraseFromStorageHelpers.js');
  const erased = await eraseFromStorageHelpers(url, env);
  markChecked(url, env);
  return erased;
}
