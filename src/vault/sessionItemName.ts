/**
 * Cached sessions are named `<type>,<profile>,<source profile>,<fingerprint>,<unix expiry>` with the two
 * profile names base64url-encoded, so `list` and `clear` can show and select them, and housekeeping can
 * drop expired ones, without decrypting anything. The fingerprint hashes everything else that changes a
 * session's meaning (MFA serial, role ARN, region, duration, ...), so editing the config misses the old entry.
 */
export type SessionType = 'GetSessionToken' | 'AssumeRole';

export interface SessionItemName {
  readonly type: SessionType;
  readonly profile: string;
  readonly sourceProfile: string;
  readonly fingerprint: string;
  readonly expiresAt: number;
}

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const decode = (text: string) => Buffer.from(text, 'base64url').toString('utf8');

/** Everything but the expiry: all items of one session slot share it. */
export function sessionSlotPrefix(name: Omit<SessionItemName, 'expiresAt'>): string {
  return `${name.type},${encode(name.profile)},${encode(name.sourceProfile)},${name.fingerprint},`;
}

export function formatSessionItemName(name: SessionItemName): string {
  return `${sessionSlotPrefix(name)}${name.expiresAt}`;
}

export function parseSessionItemName(text: string): SessionItemName | undefined {
  const parts = text.split(',');
  if (parts.length !== 5) return undefined;
  const [type, profile, source, fingerprint, expiry] = parts as [string, string, string, string, string];
  if ((type !== 'GetSessionToken' && type !== 'AssumeRole') || !/^\d+$/.test(expiry) || !/^[0-9a-f]+$/.test(fingerprint)) return undefined;
  return { type, profile: decode(profile), sourceProfile: decode(source), fingerprint, expiresAt: Number(expiry) };
}
