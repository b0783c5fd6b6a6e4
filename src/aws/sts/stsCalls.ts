// The only module that imports the AWS SDK. It is bundled on its own (dist/sts.cjs) and loaded with
// `await import()` when a session must be made, so `git push` with a cached session never pays for it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
  type Credentials,
} from '@aws-sdk/client-sts';
import type { AwsCredentials } from '../../codecommit/AwsCredentials.js';
import { VaultGitError } from '../../shared/errors.js';
import { redact } from '../../shared/redact.js';
import type { StsCredentials, StsTarget } from './StsCredentials.js';

export class StsCallError extends VaultGitError {
  constructor(
    message: string,
    readonly code: string | undefined,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

function endpointFor(target: StsTarget, env: NodeJS.ProcessEnv): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
  return env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || target.endpointUrl || undefined;
}

function client(credentials: AwsCredentials, target: StsTarget, env: NodeJS.ProcessEnv): STSClient {
  const endpoint = endpointFor(target, env);
  return new STSClient({
    // Regional endpoints (sts.REGION.amazonaws.com) are the SDK's default; us-east-1 when no region is set.
    region: target.region || 'us-east-1',
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken },
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: 2,
  });
}

function toCredentials(result: Credentials | undefined, extra: { account?: string | undefined; arn?: string | undefined } = {}): StsCredentials {
  if (!result?.AccessKeyId || !result.SecretAccessKey || !result.SessionToken || !result.Expiration) {
    throw new StsCallError('STS answered without credentials', undefined);
  }
  return {
    accessKeyId: result.AccessKeyId,
    secretAccessKey: result.SecretAccessKey,
    sessionToken: result.SessionToken,
    expiration: new Date(result.Expiration),
    ...extra,
  };
}

async function send<T>(action: string, profile: string, work: () => Promise<T>, secrets: readonly string[]): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = (error as { name?: string; Code?: string }).Code ?? (error as { name?: string }).name;
    const detail = redact(error instanceof Error ? error.message : String(error), secrets);
    const hint =
      code === 'ExpiredToken' || code === 'InvalidClientTokenId'
        ? `vault-git clear ${profile} drops the cached session; if the key itself was rotated: vault-git add ${profile}`
        : code === 'AccessDenied' && /MultiFactor|MFA/i.test(detail)
          ? 'the role requires MFA: add mfa_serial to the profile'
          : undefined;
    throw new StsCallError(`profile ${profile}: STS ${action} failed: ${code ? `${code}: ` : ''}${detail}`, code, { hint, cause: error });
  }
}

function accountFromArn(arn: string | undefined): string | undefined {
  return arn?.split(':')[4] || undefined;
}

export async function getSessionToken(
  credentials: AwsCredentials,
  input: { profile: string; durationSeconds: number; mfaSerial?: string | undefined; tokenCode?: string | undefined },
  target: StsTarget,
  env: NodeJS.ProcessEnv,
): Promise<StsCredentials> {
  const sts = client(credentials, target, env);
  const result = await send(
    'GetSessionToken',
    input.profile,
    () =>
      sts.send(
        new GetSessionTokenCommand({
          DurationSeconds: input.durationSeconds,
          ...(input.mfaSerial ? { SerialNumber: input.mfaSerial, TokenCode: input.tokenCode } : {}),
        }),
      ),
    [credentials.secretAccessKey],
  );
  const session = toCredentials(result.Credentials);
  // GetSessionToken does not say whose session it is; one more cheap call records the account for exec's guard line.
  const identity = await getCallerIdentity(session, input.profile, target, env).catch(() => undefined);
  return { ...session, account: identity?.account, arn: identity?.arn };
}

export async function assumeRole(
  credentials: AwsCredentials,
  input: {
    profile: string;
    roleArn: string;
    durationSeconds: number;
    roleSessionName?: string | undefined;
    externalId?: string | undefined;
    mfaSerial?: string | undefined;
    tokenCode?: string | undefined;
    sessionTags?: Readonly<Record<string, string>> | undefined;
    transitiveSessionTags?: readonly string[] | undefined;
    sourceIdentity?: string | undefined;
  },
  target: StsTarget,
  env: NodeJS.ProcessEnv,
): Promise<StsCredentials> {
  const sts = client(credentials, target, env);
  const result = await send(
    'AssumeRole',
    input.profile,
    () =>
      sts.send(
        new AssumeRoleCommand({
          RoleArn: input.roleArn,
          // aws-vault's default: the current time in nanoseconds, unique per call and visible in CloudTrail.
          RoleSessionName: input.roleSessionName || `${BigInt(Date.now()) * 1_000_000n}`,
          DurationSeconds: input.durationSeconds,
          ...(input.externalId ? { ExternalId: input.externalId } : {}),
          ...(input.mfaSerial ? { SerialNumber: input.mfaSerial, TokenCode: input.tokenCode } : {}),
          ...(input.sessionTags ? { Tags: Object.entries(input.sessionTags).map(([Key, Value]) => ({ Key, Value })) } : {}),
          ...(input.transitiveSessionTags ? { TransitiveTagKeys: [...input.transitiveSessionTags] } : {}),
          ...(input.sourceIdentity ? { SourceIdentity: input.sourceIdentity } : {}),
        }),
      ),
    [credentials.secretAccessKey, credentials.sessionToken ?? ''],
  );
  const arn = result.AssumedRoleUser?.Arn;
  return toCredentials(result.Credentials, { arn, account: accountFromArn(arn) ?? accountFromArn(input.roleArn) });
}

export async function getFederationToken(
  credentials: AwsCredentials,
  input: { profile: string; name: string; durationSeconds: number },
  target: StsTarget,
  env: NodeJS.ProcessEnv,
): Promise<StsCredentials> {
  const sts = client(credentials, target, env);
  const allowAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  const result = await send(
    'GetFederationToken',
    input.profile,
    () => sts.send(new GetFederationTokenCommand({ Name: input.name.slice(0, 32), DurationSeconds: input.durationSeconds, Policy: allowAll })),
    [credentials.secretAccessKey],
  );
  const arn = result.FederatedUser?.Arn;
  return toCredentials(result.Credentials, { arn, account: accountFromArn(arn) });
}

export async function getCallerIdentity(
  credentials: AwsCredentials,
  profile: string,
  target: StsTarget,
  env: NodeJS.ProcessEnv,
): Promise<{ account?: string | undefined; arn?: string | undefined; userId?: string | undefined }> {
  const sts = client(credentials, target, env);
  const result = await send('GetCallerIdentity', profile, () => sts.send(new GetCallerIdentityCommand({})), [
    credentials.secretAccessKey,
    credentials.sessionToken ?? '',
  ]);
  return { account: result.Account, arn: result.Arn, userId: result.UserId };
}
