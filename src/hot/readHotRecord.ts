import { lstatSync } from 'node:fs';
import { parseMinTtl } from '../aws/sessions/parseMinTtl.js';
import { assertUsableCredentials } from '../shared/assertUsableCredentials.js';
import type { AwsCredentials } from '../shared/AwsCredentials.js';
import { readRegularFile } from '../shared/readRegularFile.js';
import { existingPrivateRuntimeDirectory } from '../shared/runtimeDirectory.js';
import { answerFingerprint, configIdentity, hotRecordPath, MAX_HOT_RECORD_BYTES, signingKeyName, type HotRecord, type HotRecordFile } from './HotRecord.js';

/** What a usable record answers with: the credentials, and the signing key it keeps for a day and region, if any. */
export interface HotAnswer {
  readonly credentials: AwsCredentials;
  signingKey(day: string, region: string): Uint8Array | undefined;
}

const SIGNING_KEY = /^[0-9a-f]{64}$/;

function parseRecord(text: string): HotRecord | undefined {
  try {
    const record = JSON.parse(text) as Partial<HotRecord>;
    const strings = ['profile', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'config', 'env'] as const;
    if (record.v !== 1 || typeof record.expiresAt !== 'number' || strings.some((key) => typeof record[key] !== 'string')) return undefined;
    return record as HotRecord;
  } catch {
    return undefined;
  }
}

/**
 * The profile's hot record when it may answer now: ours (owner, mode, not a link, a sane size), made
 * under this config file and these environment values, and with more than AWS_MIN_TTL left. Anything
 * else (missing, damaged, foreign, stale) is undefined, never an error: the full path answers then.
 */
export async function readHotRecord(env: NodeJS.ProcessEnv, profile: string, now: Date): Promise<HotAnswer | undefined> {
  const dir = existingPrivateRuntimeDirectory(env);
  if (dir === undefined) return undefined;
  const path = hotRecordPath(dir, profile);
  let file: HotRecordFile;
  try {
    const stat = lstatSync(path);
    if (!stat.isFile() || stat.uid !== process.getuid?.() || (stat.mode & 0o077) !== 0 || stat.size > MAX_HOT_RECORD_BYTES) return undefined;
    file = JSON.parse(readRegularFile(path, { maxBytes: MAX_HOT_RECORD_BYTES, noFollow: true }).toString('utf8')) as HotRecordFile;
  } catch {
    return undefined;
  }
  if (file?.v !== 1 || typeof file.data !== 'string') return undefined;
  let text = file.data;
  if (file.sealed) {
    // Only where the runtime directory is not a tmpfs; this costs loading node:crypto (see the README).
    const { openHotRecord } = await import('./sealHotRecord.js');
    const opened = openHotRecord(dir, file.data);
    if (opened === undefined) return undefined;
    text = opened;
  }
  const record = parseRecord(text);
  if (!record || record.profile !== profile) return undefined;
  if (record.env !== answerFingerprint(env) || record.config !== configIdentity(env)) return undefined;
  if (record.expiresAt - parseMinTtl(env) <= now.getTime() / 1000) return undefined;
  const credentials = { accessKeyId: record.accessKeyId, secretAccessKey: record.secretAccessKey, sessionToken: record.sessionToken, expiration: new Date(record.expiresAt * 1000) };
  try {
    assertUsableCredentials(credentials, 'the hot record', now);
  } catch {
    return undefined;
  }
  const keys = record.signingKeys;
  return {
    credentials,
    signingKey(day, region) {
      // A key that is not 32 bytes of hex is no key: the signer derives one.
      const hex = typeof keys === 'object' && keys !== null ? keys[signingKeyName(day, region)] : undefined;
      return typeof hex === 'string' && SIGNING_KEY.test(hex) ? Buffer.from(hex, 'hex') : undefined;
    },
  };
}
