import { SessionStore } from '../aws/sessions/SessionStore.js';
import type { Backend } from './Backend.js';
import { formatStoredCredentials } from './StoredCredentials.js';

/**
 * Stores a profile's long-term key and drops the sessions made from the one it replaces (they would
 * outlive it). `add`, `import` and `rotate` all store keys through here. Returns how many sessions went.
 */
export async function storeLongTermKey(backend: Backend, env: NodeJS.ProcessEnv, profile: string, key: { accessKeyId: string; secretAccessKey: string }, now: Date): Promise<number> {
  await backend.set('credentials', profile, formatStoredCredentials({ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, addedAt: now.toISOString() }));
  return new SessionStore(backend, env).clearProfile(profile);
}
