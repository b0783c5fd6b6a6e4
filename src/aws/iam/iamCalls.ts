// The only module that imports the IAM client: bundled on its own (dist/iam.cjs), loaded by `rotate` only.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { CreateAccessKeyCommand, DeleteAccessKeyCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import type { AwsCredentials } from '../../shared/AwsCredentials.js';
import { AwsCallError } from '../http/AwsCallError.js';
import { boundedRequestHandler } from '../http/BoundedHttpHandler.js';
import { describeCallFailure } from '../http/describeCallFailure.js';
import { stsTimeLimits } from '../sts/stsTimeLimits.js';

export class IamCallError extends AwsCallError {}

function endpointFor(env: NodeJS.ProcessEnv, configured: string | undefined): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
  return env.AWS_ENDPOINT_URL_IAM || env.AWS_ENDPOINT_URL || configured || undefined;
}

function client(credentials: AwsCredentials, env: NodeJS.ProcessEnv, endpointUrl: string | undefined): IAMClient {
  const endpoint = endpointFor(env, endpointUrl);
  return new IAMClient({
    // IAM is global; its signing region is us-east-1 (the SDK knows the partition's own).
    region: 'us-east-1',
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken },
    ...(endpoint ? { endpoint } : {}),
    requestHandler: boundedRequestHandler(env),
    maxAttempts: 3,
  });
}

async function send<T>(action: string, credentials: AwsCredentials, env: NodeJS.ProcessEnv, endpointUrl: string | undefined, work: (iam: IAMClient, abortSignal: AbortSignal) => Promise<T>): Promise<T> {
  const budget = stsTimeLimits(env).callMs;
  try {
    return await work(client(credentials, env, endpointUrl), AbortSignal.timeout(budget));
  } catch (error) {
    const code = (error as { Code?: string }).Code ?? (error as { name?: string }).name;
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const endpoint = endpointFor(env, endpointUrl) ?? 'https://iam.amazonaws.com';
    const described = describeCallFailure('IAM', error, code, status, endpoint, budget, [credentials.secretAccessKey, credentials.sessionToken ?? '']);
    throw new IamCallError(`IAM ${action} failed: ${described}`, code, { cause: error });
  }
}

export async function listAccessKeys(credentials: AwsCredentials, env: NodeJS.ProcessEnv, endpointUrl?: string): Promise<Array<{ accessKeyId: string; status: string }>> {
  const result = await send('ListAccessKeys', credentials, env, endpointUrl, (iam, abortSignal) => iam.send(new ListAccessKeysCommand({}), { abortSignal }));
  return (result.AccessKeyMetadata ?? []).filter((key) => key.AccessKeyId).map((key) => ({ accessKeyId: key.AccessKeyId!, status: key.Status ?? 'Unknown' }));
}

export async function createAccessKey(credentials: AwsCredentials, env: NodeJS.ProcessEnv, endpointUrl?: string): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const result = await send('CreateAccessKey', credentials, env, endpointUrl, (iam, abortSignal) => iam.send(new CreateAccessKeyCommand({}), { abortSignal }));
  const key = result.AccessKey;
  if (!key?.AccessKeyId || !key.SecretAccessKey) throw new IamCallError('IAM CreateAccessKey answered without a key', undefined);
  return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
}

export async function deleteAccessKey(credentials: AwsCredentials, accessKeyId: string, env: NodeJS.ProcessEnv, endpointUrl?: string): Promise<void> {
  await send('DeleteAccessKey', credentials, env, endpointUrl, (iam, abortSignal) => iam.send(new DeleteAccessKeyCommand({ AccessKeyId: accessKeyId }), { abortSignal }));
}
