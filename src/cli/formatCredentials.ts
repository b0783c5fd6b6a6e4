import type { ObtainedCredentials } from '../aws/sessions/obtainCredentials.js';

const rfc3339 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** credential_process Version 1, keys in the order the AWS docs list them. */
export function formatCredentialProcessJson(credentials: ObtainedCredentials): string {
  const json: Record<string, unknown> = { Version: 1, AccessKeyId: credentials.accessKeyId, SecretAccessKey: credentials.secretAccessKey };
  if (credentials.sessionToken) json.SessionToken = credentials.sessionToken;
  if (credentials.expiration) json.Expiration = rfc3339(credentials.expiration);
  return JSON.stringify(json, null, 2) + '\n';
}

export function formatEnvLines(credentials: ObtainedCredentials, region: string | undefined, prefix = ''): string {
  const lines = [`AWS_ACCESS_KEY_ID=${credentials.accessKeyId}`, `AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}`];
  if (credentials.sessionToken) lines.push(`AWS_SESSION_TOKEN=${credentials.sessionToken}`);
  if (credentials.expiration) lines.push(`AWS_CREDENTIAL_EXPIRATION=${rfc3339(credentials.expiration)}`);
  if (region) lines.push(`AWS_REGION=${region}`, `AWS_DEFAULT_REGION=${region}`);
  return lines.map((line) => `${prefix}${line}\n`).join('');
}

/** A credentials-file section under the plain profile name, as aws-vault prints it. */
export function formatIni(profile: string, credentials: ObtainedCredentials, region: string | undefined): string {
  const lines = [`[${profile}]`, `aws_access_key_id=${credentials.accessKeyId}`, `aws_secret_access_key=${credentials.secretAccessKey}`];
  if (credentials.sessionToken) lines.push(`aws_session_token=${credentials.sessionToken}`);
  if (credentials.expiration) lines.push(`aws_credential_expiration=${rfc3339(credentials.expiration)}`);
  if (region) lines.push(`region=${region}`);
  return lines.join('\n') + '\n';
}
