import { statSync } from 'node:fs';
import { configFilePathIn } from '../aws/config/configFilePathIn.js';

/**
 * What the credential helper's hot path answers from: the final credentials one profile's `get` signs
 * with (a role session, an MFA session, or credential_process output: temporary by construction, never a
 * long-term key and never the MFA session under a role), their expiry, and what makes them the right
 * answer: the config file's identity and every environment variable that changes the answer.
 * One file per profile in the private runtime directory; see docs/security.md.
 */
export interface HotRecord {
  readonly v: 1;
  readonly profile: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Unix seconds. */
  readonly expiresAt: number;
  readonly config: string;
  readonly env: string;
  /**
   * SigV4 signing keys derived from this secret, hex, by `DAY/REGION` (UTC day YYYYMMDD): for the regions
   * the writer knew (the request's, the profile's) and each day the credentials live into. Optional: a
   * missing key is derived as usual.
   */
  readonly signingKeys?: Readonly<Record<string, string>>;
}

/** The `signingKeys` entry for a day and region. */
export const signingKeyName = (day: string, region: string) => `${day}/${region}`;

/** The file as written: plain JSON on a per-user tmpfs, else sealed (see sealHotRecord.ts). */
export interface HotRecordFile {
  readonly v: 1;
  readonly sealed: boolean;
  /** The record's JSON when plain; base64 of nonce, ciphertext and tag when sealed. */
  readonly data: string;
}

/** A record is a few kilobytes; a larger file is not one of ours. */
export const MAX_HOT_RECORD_BYTES = 64 * 1024;

/**
 * Variables that change what `get` answers for a profile (resolution, regions, durations, endpoints,
 * which vault): a record made under other values is not used.
 */
const ANSWER_VARIABLES = [
  'HOME', 'AWS_CONFIG_FILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_MFA_SERIAL', 'AWS_ROLE_ARN', 'AWS_ROLE_SESSION_NAME',
  'AWS_SESSION_TAGS', 'AWS_TRANSITIVE_TAGS', 'AWS_SOURCE_IDENTITY', 'AWS_ASSUME_ROLE_TTL', 'AWS_SESSION_TOKEN_TTL',
  'AWS_CHAINED_SESSION_TOKEN_TTL', 'AWS_STS_REGIONAL_ENDPOINTS', 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_SSO', 'AWS_ENDPOINT_URL_SSO_OIDC',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'VAULT_GIT_BACKEND', 'VAULT_GIT_FILE_DIR', 'AWS_VAULT_BACKEND', 'AWS_VAULT_FILE_DIR',
];

export function answerFingerprint(env: NodeJS.ProcessEnv): string {
  return ANSWER_VARIABLES.map((name) => `${name}=${env[name] ?? ''}`).join('\n');
}

/**
 * The config file as the record saw it: path, size, modification and change times, inode ("missing" when
 * absent). The change time catches an edit whose modification time was put back (`touch -r`, some sync
 * tools). Plain Stats, not BigInt ones: their times carry sub-microsecond fractions already, and the BigInt
 * variant is more of Node's code to compile on every git request.
 */
export function configIdentity(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.HOME) return undefined;
  const path = configFilePathIn(env, env.HOME);
  try {
    const stat = statSync(path);
    return `${path}\n${stat.size}\n${stat.mtimeMs}\n${stat.ctimeMs}\n${stat.ino}`;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? `${path}\nmissing` : undefined;
  }
}

export function hotRecordPath(runtimeDirectory: string, profile: string): string {
  // Profile names are validated to [A-Za-z0-9_.@+-], safe as a file name.
  return `${runtimeDirectory}/hot-${profile}.json`;
}
