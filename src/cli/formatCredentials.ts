import type { ObtainedCredentials } from '../aws/sessions/obtainCredentials.js';
import { VaultGitError } from '../shared/errors.js';
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
export type EnvStyle = 'env' | 'export-env' | 'powershell' | 'windows-cmd' | 'fish';

function variablePairs(credentials: ObtainedCredentials, region: string | undefined): Array<[string, string]> {
  const pairs: Array<[string, string]> = [['AWS_ACCESS_KEY_ID', credentials.accessKeyId], ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey]];
  if (credentials.sessionToken) pairs.push(['AWS_SESSION_TOKEN', credentials.sessionToken]);
  if (credentials.expiration) pairs.push(['AWS_CREDENTIAL_EXPIRATION', rfc3339(credentials.expiration)]);
  if (region) pairs.push(['AWS_REGION', region], ['AWS_DEFAULT_REGION', region]);
  return pairs;
}

/** PowerShell single-quoted string: nothing expands; a quote is written twice. */
const powershellQuote = (value: string) => `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (quote) => quote + quote)}'`;
/** fish single-quoted string: only backslash and quote are special inside. */
const fishQuote = (value: string) => `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;

/**
 * cmd.exe has no quoting that stops `%VAR%` and `!VAR!` expansion, so a value holding them (or a quote or a
 * line break) is refused rather than written; credentials never hold them (they were checked on arrival).
 */
function windowsCmdLine(key: string, value: string): string {
  if (/["%!\r\n^&|<>]/.test(value)) throw new VaultGitError(`${key} holds a character cmd.exe would interpret; not writing it in windows-cmd format`);
  return `set "${key}=${value}"\r\n`;
}

/**
 * Lines that set the variables: `env` (KEY=value, for env files and docker --env-file, quoting only what a
 * shell would not read back as is), `export-env` (for `eval` in POSIX shells, every value single-quoted),
 * and the AWS CLI's `configure export-credentials` formats `powershell` and `windows-cmd`, plus `fish`.
 */
export function formatEnvLines(credentials: ObtainedCredentials, region: string | undefined, style: EnvStyle): string {
  return variablePairs(credentials, region)
    .map(([key, value]) => {
      if (style === 'export-env') return `export ${key}=${shellQuote(value)}\n`;
      if (style === 'powershell') return `$Env:${key}=${powershellQuote(value)}\n`;
      if (style === 'windows-cmd') return windowsCmdLine(key, value);
      if (style === 'fish') return `set -gx ${key} ${fishQuote(value)}\n`;
      return `${key}=${shellQuoteIfNeeded(value)}\n`;
    })
    .join('');
}

/** A credentials-file section under the plain profile name, as aws-vault prints it. */
export function formatIni(profile: string, credentials: ObtainedCredentials, region: string | undefined): string {
  const lines = [`[${profile}]`, `aws_access_key_id=${credentials.accessKeyId}`, `aws_secret_access_key=${credentials.secretAccessKey}`];
  if (credentials.sessionToken) lines.push(`aws_session_token=${credentials.sessionToken}`);
  if (credentials.expiration) lines.push(`aws_credential_expiration=${rfc3339(credentials.expiration)}`);
  if (region) lines.push(`region=${region}`);
  return lines.join('\n') + '\n';
}
