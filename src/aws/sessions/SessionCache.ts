import type { Backend } from '../../vault/Backend.js';
import { formatSessionItemName, parseSessionItemName, sessionSlotPrefix } from '../../vault/sessionItemName.js';
import type { StsCredentials } from '../sts/StsCredentials.js';
import { formatCachedSession, parseCachedSession } from './CachedSession.js';
import type { CacheSlot } from './CredentialPlan.js';

/**
 * Cached STS sessions, one slot per (type, profile, source, fingerprint). Item names carry the expiry, so
 * picking the newest entry and dropping superseded ones needs no decryption. The listing is read once per
 * process: the helper makes at most one round trip to the keychain to find its session.
 */
export class SessionCache {
  private names: string[] | undefined;

  constructor(private readonly backend: Backend) {}

  private async allNames(): Promise<string[]> {
    this.names ??= await this.backend.list('session');
    return this.names;
  }

  /** The newest cached session of a slot whose expiry is later than `notBefore` (unix seconds). */
  async read(slot: CacheSlot, notBefore: number): Promise<StsCredentials | undefined> {
    const prefix = sessionSlotPrefix(slot);
    const candidates = (await this.allNames())
      .filter((name) => name.startsWith(prefix))
      .map((name) => ({ name, expiresAt: parseSessionItemName(name)?.expiresAt ?? 0 }))
      .filter((entry) => entry.expiresAt > notBefore)
      .sort((a, b) => b.expiresAt - a.expiresAt);
    for (const candidate of candidates) {
      const text = await this.backend.get('session', candidate.name);
      const session = text === undefined ? undefined : parseCachedSession(text);
      if (session) return session;
    }
    return undefined;
  }

  /** Re-reads the listing (after waiting for another process's refresh). */
  invalidate(): void {
    this.names = undefined;
  }

  async write(slot: CacheSlot, credentials: StsCredentials): Promise<void> {
    const name = formatSessionItemName({ ...slot, expiresAt: Math.floor(credentials.expiration.getTime() / 1000) });
    await this.backend.set('session', name, formatCachedSession(credentials));
    const prefix = sessionSlotPrefix(slot);
    for (const old of await this.allNames()) {
      if (old.startsWith(prefix) && old !== name) await this.backend.delete('session', old);
    }
    this.invalidate();
  }

  /** Drops every cached session of a slot; true when something went. */
  async forget(slot: CacheSlot): Promise<boolean> {
    const prefix = sessionSlotPrefix(slot);
    let removed = false;
    for (const name of await this.allNames()) {
      if (name.startsWith(prefix) && (await this.backend.delete('session', name))) removed = true;
    }
    this.invalidate();
    return removed;
  }
}
