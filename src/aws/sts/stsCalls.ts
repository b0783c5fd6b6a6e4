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
import { AwsCallError } from '../http/AwsCallError.js';
import { boundedRequestHandler } from '../http/BoundedHttpHandler.js';
import { describeCallFailure } from '../http/describeCallFailure.js';
import type { AwsCredentials } from '../../shared/AwsCredentials.js';
import { assertUsableCredentials } from '../../shared/assertUsableCredentials.js';
import type { AssumeRoleStep, SessionTokenStep } from '../sessions/CredentialPlan.js';
import type { StsCredentials, StsTarget } from './StsCredentials.js';
import { stsTimeLimits } from './stsTimeLimits.js';

export class StsCallError extends AwsCallError {}

function endpointFor(target: StsTarget, env: NodeJS.ProcessEnv): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
  return env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || target.endpointUrl || undefined;
}

/** The endpoint as a person would look it up: the configured one, else the regional default the SDK uses. */
function describeEndpoint(target: StsTarget, env: NodeJS.ProcessEnv): string {
  return endpointFor(target, env) ?? `https://sts.${target.region || 'us-east-1'}.amazonaws.com`;
}

function client(credentials: AwsCredentials, target: StsTarget, env: NodeJS.ProcessEnv): STSClient {
  const endpoint = endpointFor(target, env);
  return new STSClient({
    // Regional endpoints (sts.REGION.amazonaws.com) are the SDK's default; us-east-1 when no region is set.
    region: target.region || 'us-east-1',
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken },
    ...(endpoint ? { endpoint } : {}),
    requestHandler: boundedRequestHandler(env),
    maxAttempts: 3,
  });
}

function toCredentials(
  result: Credentials | undefined,
  from: string,
  extra: { account?: string | undefined; arn?: string | undefined } = {},
): StsCredentials {
  if (!result?.AccessKeyId || !result.SecretAccessKey || !result.SessionToken || !result.Expiration) {
    throw new StsCallError(`${from} answered without credentials; nothing was cached`, undefined);
  }
  const credentials = {
    accessKeyId: result.AccessKeyId,
    secretAccessKey: result.SecretAccessKey,
    sessionToken: result.SessionToken,
    expiration: new Date(result.Expiration),
    ...extra,
  };
  assertUsableCredentials(credentials, from, new Date());
  return credentials;
}

async function send<T>(action: string, profile: string, target: StsTarget, env: NodeJS.ProcessEnv, work: (abortSignal: AbortSignal) => Promise<T>, secrets: readonly string[]): Promise<T> {
  const limits = stsTimeLimits(env);
  const endpoint = describeEndpoint(target, env);
  // One budget for the call, its retries included, cut short by the caller's own deadline (the helper's).
  const budget = Math.max(1, Math.min(limits.callMs, (target.deadline ?? Infinity) - Date.now()));
  try {
    return await work(AbortSignal.timeout(budget));
  } catch (error) {
    const code = (error as { Code?: string }).Code ?? (error as { name?: string }).name;
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const hint =
      code === 'ExpiredToken' || code === 'InvalidClientTokenId'
        ? `vault-git clear ${profile} drops the cached session; if the key itself was rotated: vault-git add ${profile}`
        : code === 'AccessDenied' && /MultiFactor|MFA/i.test(String((error as Error).message))
          ? 'the role requires MFA: add mfa_serial to the profile'
          : undefined;
    const described = describeCallFailure('STS', error, code, status, endpoint, budget, secrets);
    throw new StsCallError(`profile ${profile}: STS ${action} failed: ${described}`, code, { hint, cause: error });
  }
}

function accountFromArn(arn: string | undefined): string | undefined {
  return arn?.split(':')[4] || undefined;
}

export async function getSessionToken(credentials: AwsCredentials, step: Pick<SessionTokenStep, 'profile' | 'mfaSerial' | 'durationSeconds'>, tokenCode: string | undefined, target: StsTarget, env: NodeJS.ProcessEnv): Promise<StsCredentials> {
  const sts = client(credentials, target, env);
  const result = await send(
    'GetSessionToken',
    step.profile,
    target,
    env,
    (abortSignal) =>
      sts.send(
        new GetSessionTokenCommand({
          DurationSeconds: step.durationSeconds,
          ...(step.mfaSerial ? { SerialNumber: step.mfaSerial, TokenCode: tokenCode } : {}),
        }),
        { abortSignal },
      ),
    [credentials.secretAccessKey],
  );
  const session = toCredentials(result.Credentials, `profile ${step.profile}: STS GetSessionToken`);
  // GetSessionToken does not say whose session it is; one more cheap call records the account for exec's guard line.
  const identity = await getCallerIdentity(session, step.profile, target, env).catch(() => undefined);
  return { ...session, account: identity?.account, arn: identity?.arn };
}

export async function assumeRole(credentials: AwsCredentials, step: AssumeRoleStep, tokenCode: string | undefined, target: StsTarget, env: NodeJS.ProcessEnv): Promise<StsCredentials> {
  const sts = client(credentials, target, env);
  const result = await send(
    'AssumeRole',
    step.profile,
    target,
    env,
    (abortSignal) =>
      sts.send(
        new AssumeRoleCommand({
          RoleArn: step.roleArn,
          // aws-vault's default: the current time in nanoseconds, unique per call and visible in CloudTrail.
          RoleSessionName: step.roleSessionName || `${BigInt(Date.now()) * 1_000_000n}`,
          DurationSeconds: step.durationSeconds,
          ...(step.externalId ? { ExternalId: step.externalId } : {}),
          ...(step.mfaSerial ? { SerialNumber: step.mfaSerial, TokenCode: tokenCode } : {}),
          ...(step.sessionTags ? { Tags: Object.entries(step.sessionTags).map(([Key, Value]) => ({ Key, Value })) } : {}),
          ...(step.transitiveSessionTags ? { TransitiveTagKeys: [...step.transitiveSessionTags] } : {}),
          ...(step.sourceIdentity ? { SourceIdentity: step.sourceIdentity } : {}),
        }),
        { abortSignal },
      ),
    [credentials.secretAccessKey, credentials.sessionToken ?? ''],
  );
  const arn = result.AssumedRoleUser?.Arn;
  return toCredentials(result.Credentials, `profile ${step.profile}: STS AssumeRole`, { arn, account: accountFromArn(arn) ?? accountFromArn(step.roleArn) });
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
    target,
    env,
    (abortSignal) => sts.send(new GetFederationTokenCommand({ Name: input.name.slice(0, 32), DurationSeconds: input.durationSeconds, Policy: allowAll }), { abortSignal }),
    [credentials.secretAccessKey],
  );
  const arn = result.FederatedUser?.Arn;
  return toCredentials(result.Credentials, `profile ${input.profile}: STS GetFederationToken`, { arn, account: accountFromArn(arn) });
}

export async function getCallerIdentity(
  credentials: AwsCredentials,
  profile: string,
  target: StsTarget,
  env: NodeJS.ProcessEnv,
): Promise<{ account?: string | undefined; arn?: string | undefined; userId?: string | undefined }> {
  const sts = client(credentials, target, env);
  const result = await send('GetCallerIdentity', profile, target, env, (abortSignal) => sts.send(new GetCallerIdentityCommand({}), { abortSignal }), [
    credentials.secretAccessKey,
    credentials.sessionToken ?? '',
  ]);
  return { account: result.Account, arn: result.Arn, userId: result.UserId };
}
