import { readdirSync, statfsSync, unlinkSync } from 'node:fs';
import type { ObtainedCredentials } from '../aws/sessions/obtainCredentials.js';
import type { PreparedProfile } from '../aws/sessions/prepareProfile.js';
import { signingDay } from '../codecommit/formatSigningTimestamp.js';
import { isRegionName } from '../codecommit/knownRegions.js';
import { codeCommitSigningKey } from '../codecommit/signCodeCommitPassword.js';
import { environmentForProfile } from '../credentials/environmentForProfile.js';
import { privateRuntimeDirectory } from '../shared/runtimeDirectory.js';
import { writeFileAtomic } from '../shared/writeFileAtomic.js';
import { answerFingerprint, configIdentity, hotRecordPath, signingKeyName, type HotRecord, type HotRecordFile } from './HotRecord.js';

const TMPFS_MAGIC = 0x01021994;

/** A per-user tmpfs (XDG_RUNTIME_DIR): emptied at logout and reboot, never on a disk. */
function isTmpfs(dir: string): boolean {
  try {
    return statfsSync(dir).type === TMPFS_MAGIC;
  } catch {
    return false;
  }
}

const DAY_MS = 86_400_000;

/** Each UTC day from now until the credentials expire (two at most for a 12-hour session), a week at most. */
function daysUntil(now: number, expiresAt: number): string[] {
  const days = new Set([signingDay(new Date(now))]);
  for (let time = now + DAY_MS; time < expiresAt && days.size < 7; time += DAY_MS) days.add(signingDay(new Date(time)));
  if (days.size < 7) days.add(signingDay(new Date(expiresAt)));
  return [...days];
}

/** Signing keys for each region and each day the credentials live into. */
function signingKeysFor(secretAccessKey: string, regions: ReadonlyArray<string | undefined>, now: number, expiresAt: number): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const region of new Set(regions)) {
    if (region === undefined || !isRegionName(region)) continue;
    for (const day of daysUntil(now, expiresAt)) keys[signingKeyName(day, region)] = codeCommitSigningKey(secretAccessKey, day, region).toString('hex');
  }
  return keys;
}

/**
 * Records what the helper's `get` for this profile answers with, after the full path resolved it. Only
 * for the helper's own resolution (no --region, --duration or --no-session) and only for temporary
 * credentials with an expiry: a long-term key is never written here. Failures are silent (the full path
 * simply runs again next time).
 */
export async function writeHotRecord(prepared: PreparedProfile, credentials: ObtainedCredentials, env: NodeJS.ProcessEnv, requestRegion?: string): Promise<void> {
  const { options } = prepared;
  if (options.flags?.region || options.flags?.durationSeconds || options.noSession) return;
  if (!credentials.sessionToken || !credentials.expiration || prepared.plan.steps.length === 0 && prepared.plan.base.kind === 'stored-keys') return;
  const own = environmentForProfile(env, options.profile);
  const dir = privateRuntimeDirectory(own);
  const config = configIdentity(own);
  if (dir === undefined || config === undefined) return;
  const record: HotRecord = {
    v: 1,
    profile: options.profile,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    expiresAt: Math.floor(credentials.expiration.getTime() / 1000),
    config,
    env: answerFingerprint(own),
    // The region of the request being answered, and the profile's own (where exec expects its pushes).
    signingKeys: signingKeysFor(credentials.secretAccessKey, [requestRegion, prepared.resolved.region], Date.now(), credentials.expiration.getTime()),
  };
  try {
    let file: HotRecordFile = { v: 1, sealed: false, data: JSON.stringify(record) };
    if (!isTmpfs(dir)) {
      const { sealHotRecord } = await import('./sealHotRecord.js');
      const sealed = sealHotRecord(dir, file.data);
      if (sealed === undefined) return;
      file = { v: 1, sealed: true, data: sealed };
    }
    writeFileAtomic(hotRecordPath(dir, options.profile), JSON.stringify(file), 0o600);
  } catch {
    // Without a record the next get takes the full path; nothing is lost.
  }
}

/** Drops every hot record (a session was forgotten or cleared, a key added, removed or moved). */
export function forgetHotRecords(env: NodeJS.ProcessEnv): void {
  const dir = privateRuntimeDirectory(env);
  if (dir === undefined) return;
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return;
  }
  for (const file of files) {
    if (!/^hot-.+\.json$/.test(file)) continue;
    try {
      unlinkSync(`${dir}/${file}`);
    } catch {
      // Gone already.
    }
  }
}
