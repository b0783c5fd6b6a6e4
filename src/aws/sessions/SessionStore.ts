import { forgetHotRecords } from '../../hot/writeHotRecord.js';
import type { Backend } from '../../vault/Backend.js';
import type { StsCredentials } from '../sts/StsCredentials.js';
import { formatCachedSession, parseCachedSession } from './CachedSession.js';
import type { CacheSlot, SessionType } from './CredentialPlan.js';

/** A cached session as `list`, `clear` and housekeeping see it: whose it is, what kind, until when. */
export interface SessionInfo {
  readonly type: SessionType;
  readonly profile: string;
  readonly sourceProfile: string;
  readonly fingerprint: string;
  readonly expiresAt: number;
  /** The backend's item name, for deletion. */
  readonly item: string;
}

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const decode = (text: string) => Buffer.from(text, 'base64url').toString('utf8');

/**
 * One item per cache slot, named `v2,<type>,<profile>,<source profile>,<fingerprint>` (the profile names
 * base64url-encoded), so reading a slot is a single `get`, and a new session replaces the old one in place.
 * The slot's meaning (MFA serial, role ARN, duration, …) is in the fingerprint (see planCredentials).
 */
function itemName(slot: Omit<CacheSlot, 'keyedBy'>): string {
  return `v2,${slot.type},${encode(slot.profile)},${encode(slot.sourceProfile)},${slot.fingerprint}`;
}

function parseItemName(item: string): Omit<SessionInfo, 'expiresAt'> & { legacyExpiresAt?: number } | undefined {
  const parts = item.split(',');
  const isType = (type: string | undefined): type is SessionType => type === 'GetSessionToken' || type === 'AssumeRole' || type === 'GetRoleCredentials';
  if (parts.length === 5 && parts[0] === 'v2' && isType(parts[1]) && /^[0-9a-f]+$/.test(parts[4]!)) {
    return { type: parts[1], profile: decode(parts[2]!), sourceProfile: decode(parts[3]!), fingerprint: parts[4]!, item };
  }
  // Items of vault-git 0.1 carried the expiry in the name: still listed and cleared, never read.
  if (parts.length === 5 && isType(parts[0]) && /^[0-9a-f]+$/.test(parts[3]!) && /^\d+$/.test(parts[4]!)) {
    return { type: parts[0], profile: decode(parts[1]!), sourceProfile: decode(parts[2]!), fingerprint: parts[3]!, item, legacyExpiresAt: Number(parts[4]) };
  }
  return undefined;
}

/**
 * The only owner of what a cached session is: its item name, its payload (STS's own JSON), listing by
 * profile, kind and expiry, and clearing by what a session was made from. Commands and the helper use only
 * this; backends store opaque items with an optional expiry and never parse names.
 */
export class SessionStore {
  /** `env` locates the hot records (see hot/HotRecord.ts), which every forget and clear invalidates. */
  constructor(
    private readonly backend: Backend,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** The slot's session when its expiry is later than `notBefore` (unix seconds). */
  async read(slot: CacheSlot, notBefore: number): Promise<StsCredentials | undefined> {
    const text = await this.backend.get('session', itemName(slot));
    const session = text === undefined ? undefined : parseCachedSession(text);
    return session && session.expiration.getTime() / 1000 > notBefore ? session : undefined;
  }

  async write(slot: CacheSlot, credentials: StsCredentials): Promise<void> {
    await this.backend.set('session', itemName(slot), formatCachedSession(credentials), { expiresAt: Math.floor(credentials.expiration.getTime() / 1000) });
  }

  /** Drops the slot's session; true when there was one. */
  async forget(slot: CacheSlot): Promise<boolean> {
    forgetHotRecords(this.env);
    return this.backend.delete('session', itemName(slot));
  }

  /** Every cached session, expired ones included (callers decide what to show). */
  async list(): Promise<SessionInfo[]> {
    const sessions: SessionInfo[] = [];
    for (const item of await this.backend.list('session')) {
      const parsed = parseItemName(item);
      if (!parsed) continue;
      const { legacyExpiresAt, ...info } = parsed;
      let expiresAt = legacyExpiresAt;
      if (expiresAt === undefined) {
        const text = await this.backend.get('session', item);
        const session = text === undefined ? undefined : parseCachedSession(text);
        expiresAt = session ? Math.floor(session.expiration.getTime() / 1000) : 0;
      }
      sessions.push({ ...info, expiresAt });
    }
    return sessions;
  }

  /** Deletes every session the predicate selects; how many went. */
  async clear(select: (session: SessionInfo) => boolean): Promise<number> {
    // Whatever goes, the helper's shortcut must not keep answering with it (or with a replaced key's session).
    forgetHotRecords(this.env);
    let count = 0;
    for (const session of await this.list()) {
      if (select(session) && (await this.backend.delete('session', session.item))) count++;
    }
    return count;
  }

  /** Sessions of a profile, or made from it (its key, or its session, is their source). */
  clearProfile(profile: string): Promise<number> {
    return this.clear((session) => session.profile === profile || session.sourceProfile === profile);
  }
}
