import type { Backend } from './Backend.js';
import { parseSessionItemName, type SessionItemName } from './sessionItemName.js';

/** Deletes every cached session the predicate selects; returns how many went. Names only, no decryption. */
export async function deleteSessions(backend: Backend, select: (session: SessionItemName) => boolean): Promise<number> {
  let count = 0;
  for (const name of await backend.list('session')) {
    const parsed = parseSessionItemName(name);
    if (parsed && select(parsed) && (await backend.delete('session', name))) count++;
  }
  return count;
}
