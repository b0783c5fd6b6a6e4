import type { ObtainedCredentials } from '../aws/sessions/obtainCredentials.js';
import { shellQuote, shellQuoteIfNeeded } from '../shared/shellQuote.js';

const rfc3339 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** credential_process Version 1, keys in the order the AWS docs list them. */
export function formatCredentialProcessJson(credentials: ObtainedCredentials): string {
  const json: Record<string, unknown> = { Version: 1, AccessKeyId: credentials.accessKeyId, SecretAccessKey: credentials.secretAccessKey };
  if (credentials.sessionToken) json.SessionToken = credentials.sessionToken;
  if (credentials.expiration) json.Expiration = rfc3339(credentials.expiration);
  return JSON.stringify(json, null, 2) + '\n';
}

/**
 * `KEY=value` lines. `export-env` is made for `eval "$(vault-git export P --format export-env)"`, so every
 * value is single-quoted; `env` (for env files, docker --env-file) quotes only a value a shell would not
 * read back as it is. Values were validated when they arrived, so quoting is the second line of defence.
 */
export function formatEnvLines(credentials: ObtainedCredentials, region: string | undefined, style: 'env' | 'export-env'): string {
  const pairs: Array<[string, string]> = [['AWS_ACCESS_KEY_ID', credentials.accessKeyId], ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey]];
  if (credentials.sessionToken) pairs.push(['AWS_SESSION_TOKEN', credentials.sessionToken]);
  if (credentials.expiration) pairs.push(['AWS_CREDENTIAL_EXPIRATION', rfc3339(credentials.expiration)]);
  if (region) pairs.push(['AWS_REGION', region], ['AWS_DEFAULT_REGION', region]);
  return pairs.map(([key, value]) => (style === 'export-env' ? `export ${key}=${shellQuote(value)}\n` : `${key}=${shellQuoteIfNeeded(value)}\n`)).join('');
}

/** A credentials-file section under the plain profile name, as aws-vault prints it. */
export function formatIni(profile: string, credentials: ObtainedCredentials, region: string | undefined): string {
  const lines = [`[${profile}]`, `aws_access_key_id=${credentials.accessKeyId}`, `aws_secret_access_key=${credentials.secretAccessKey}`];
  if (credentials.sessionToken) lines.push(`aws_session_token=${credentials.sessionToken}`);
  if (credentials.expiration) lines.push(`aws_credential_expiration=${rfc3339(credentials.expiration)}`);
  if (region) lines.push(`region=${region}`);
  return lines.join('\n') + '\n';
}
