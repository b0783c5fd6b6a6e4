import type { AwsCredentials } from '../shared/AwsCredentials.js';

/**
 * The standard variables every AWS SDK reads, as set by `vault-git exec` and `aws-vault exec`.
 * AWS_CREDENTIAL_EXPIRATION (RFC 3339) is what both tools export, so the helper can cap the password's
 * expiry at the session's.
 */
export function readEnvironmentCredentials(env: NodeJS.ProcessEnv): AwsCredentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = env.AWS_SESSION_TOKEN || env.AWS_SECURITY_TOKEN || undefined;
  const expirationText = env.AWS_CREDENTIAL_EXPIRATION;
  const expiration = expirationText ? new Date(expirationText) : undefined;
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken,
    expiration: expiration && !Number.isNaN(expiration.getTime()) ? expiration : undefined,
  };
}
