import { assertUsableCredentials } from '../../shared/assertUsableCredentials.js';
import type { StsCredentials } from '../sts/StsCredentials.js';

/** The JSON kept in a session item: STS's own field names, as aws-vault and credential_process use them. */
export interface CachedSessionJson {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly SessionToken: string;
  readonly Expiration: string;
  readonly Account?: string | undefined;
  readonly Arn?: string | undefined;
}

export function formatCachedSession(credentials: StsCredentials): string {
  const json: CachedSessionJson = {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: credentials.expiration.toISOString(),
    Account: credentials.account,
    Arn: credentials.arn,
  };
  return JSON.stringify(json);
}

export function parseCachedSession(text: string): StsCredentials | undefined {
  try {
    const json = JSON.parse(text) as Partial<CachedSessionJson>;
    if (!json.AccessKeyId || !json.SecretAccessKey || !json.SessionToken || !json.Expiration) return undefined;
    const expiration = new Date(json.Expiration);
    if (Number.isNaN(expiration.getTime())) return undefined;
    const session = {
      accessKeyId: json.AccessKeyId,
      secretAccessKey: json.SecretAccessKey,
      sessionToken: json.SessionToken,
      expiration,
      account: json.Account,
      arn: json.Arn,
    };
    // Written by an older version, or by hand: a session that would break the protocol is no session.
    // (Its expiry is the caller's to judge, against AWS_MIN_TTL.)
    assertUsableCredentials({ ...session, expiration: undefined }, 'a cached session', new Date());
    return session;
  } catch {
    return undefined;
  }
}
