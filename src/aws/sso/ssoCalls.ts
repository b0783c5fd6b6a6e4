// The only module that imports the IAM Identity Center clients. Bundled on its own (dist/sso.cjs) and
// loaded with `await import()` only when a sign-in, a token renewal or role credentials are needed, so a
// push with a cached role session never pays for it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { assertUsableCredentials } from '../../shared/assertUsableCredentials.js';
import { AwsCallError } from '../http/AwsCallError.js';
import { boundedRequestHandler } from '../http/BoundedHttpHandler.js';
import { describeCallFailure } from '../http/describeCallFailure.js';
import type { RoleCredentialsStep } from '../sessions/CredentialPlan.js';
import type { StsCredentials } from '../sts/StsCredentials.js';
import { stsTimeLimits } from '../sts/stsTimeLimits.js';
import type { SsoSessionConfig } from './SsoSessionConfig.js';
import type { ClientRegistration } from './SsoToken.js';

export class SsoCallError extends AwsCallError {}

type Service = 'SSO' | 'SSO_OIDC';

function endpointFor(service: Service, session: Pick<SsoSessionConfig, 'endpointUrl'>, env: NodeJS.ProcessEnv): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
  return env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL || session.endpointUrl || undefined;
}

function describeEndpoint(service: Service, session: SsoSessionConfig, env: NodeJS.ProcessEnv): string {
  return endpointFor(service, session, env) ?? `https://${service === 'SSO' ? 'portal.sso' : 'oidc'}.${session.region}.amazonaws.com`;
}

function clientOptions(service: Service, session: SsoSessionConfig, env: NodeJS.ProcessEnv) {
  const endpoint = endpointFor(service, session, env);
  // Every call here is unsigned (the bearer token or the client secret is the proof), so no credentials.
  return { region: session.region, ...(endpoint ? { endpoint } : {}), requestHandler: boundedRequestHandler(env), maxAttempts: 3 };
}

async function send<T>(service: Service, action: string, session: SsoSessionConfig, env: NodeJS.ProcessEnv, deadline: number | undefined, secrets: readonly string[], work: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
  const budget = Math.max(1, Math.min(stsTimeLimits(env).callMs, (deadline ?? Infinity) - Date.now()));
  try {
    return await work(AbortSignal.timeout(budget));
  } catch (error) {
    const code = (error as { name?: string }).name;
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    // The OIDC service puts its reason in `error` and `error_description`; the message is often empty.
    const oauth = (error as { error?: string; error_description?: string }).error_description ?? (error as { error?: string }).error;
    const failure = oauth && error instanceof Error && (error.message === '' || error.message === code || error.message === 'UnknownError') ? Object.assign(error, { message: oauth }) : error;
    const described = describeCallFailure('IAM Identity Center', failure, code, status, describeEndpoint(service, session, env), budget, secrets);
    throw new SsoCallError(`IAM Identity Center ${action} failed: ${described}`, code, { cause: error });
  }
}

function clientName(session: SsoSessionConfig): string {
  return `vault-git-${(session.name ?? 'legacy').replace(/[^A-Za-z0-9_.-]/g, '-')}`;
}

export async function registerClient(session: SsoSessionConfig, env: NodeJS.ProcessEnv): Promise<ClientRegistration> {
  const oidc = new SSOOIDCClient(clientOptions('SSO_OIDC', session, env));
  const result = await send('SSO_OIDC', 'RegisterClient', session, env, undefined, [], (abortSignal) =>
    oidc.send(new RegisterClientCommand({ clientName: clientName(session), clientType: 'public', scopes: [...session.scopes] }), { abortSignal }),
  );
  if (!result.clientId || !result.clientSecret || !result.clientSecretExpiresAt) {
    throw new SsoCallError('IAM Identity Center RegisterClient answered without a client id and secret', undefined);
  }
  return { clientId: result.clientId, clientSecret: result.clientSecret, registrationExpiresAt: Number(result.clientSecretExpiresAt) };
}

export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete: string;
  readonly expiresInSeconds: number;
  readonly intervalSeconds: number;
}

export async function startDeviceAuthorization(session: SsoSessionConfig, registration: ClientRegistration, env: NodeJS.ProcessEnv): Promise<DeviceAuthorization> {
  const oidc = new SSOOIDCClient(clientOptions('SSO_OIDC', session, env));
  const result = await send('SSO_OIDC', 'StartDeviceAuthorization', session, env, undefined, [registration.clientSecret], (abortSignal) =>
    oidc.send(new StartDeviceAuthorizationCommand({ clientId: registration.clientId, clientSecret: registration.clientSecret, startUrl: session.startUrl }), { abortSignal }),
  );
  if (!result.deviceCode || !result.userCode || !result.verificationUri) {
    throw new SsoCallError('IAM Identity Center StartDeviceAuthorization answered without a device code', undefined);
  }
  return {
    deviceCode: result.deviceCode,
    userCode: result.userCode,
    verificationUri: result.verificationUri,
    verificationUriComplete: result.verificationUriComplete ?? result.verificationUri,
    expiresInSeconds: result.expiresIn ?? 600,
    intervalSeconds: result.interval ?? 5,
  };
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
  readonly refreshToken?: string | undefined;
}

/** CreateToken with the device code (the sign-in) or the refresh token (a silent renewal). */
export async function createToken(
  session: SsoSessionConfig,
  registration: ClientRegistration,
  grant: { readonly deviceCode: string } | { readonly refreshToken: string },
  env: NodeJS.ProcessEnv,
  deadline?: number,
): Promise<IssuedToken> {
  const oidc = new SSOOIDCClient(clientOptions('SSO_OIDC', session, env));
  const secrets = [registration.clientSecret, 'deviceCode' in grant ? grant.deviceCode : grant.refreshToken];
  const result = await send('SSO_OIDC', 'CreateToken', session, env, deadline, secrets, (abortSignal) =>
    oidc.send(
      new CreateTokenCommand({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        ...('deviceCode' in grant ? { grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: grant.deviceCode } : { grantType: 'refresh_token', refreshToken: grant.refreshToken }),
      }),
      { abortSignal },
    ),
  );
  if (!result.accessToken || !result.expiresIn || result.expiresIn <= 0) throw new SsoCallError('IAM Identity Center CreateToken answered without an access token', undefined);
  return { accessToken: result.accessToken, expiresInSeconds: result.expiresIn, refreshToken: result.refreshToken || undefined };
}

export async function getRoleCredentials(accessToken: string, step: RoleCredentialsStep, env: NodeJS.ProcessEnv, deadline?: number): Promise<StsCredentials> {
  const portal = new SSOClient(clientOptions('SSO', step.session, env));
  const result = await send('SSO', 'GetRoleCredentials', step.session, env, deadline, [accessToken], (abortSignal) =>
    portal.send(new GetRoleCredentialsCommand({ accessToken, accountId: step.accountId, roleName: step.roleName }), { abortSignal }),
  );
  const role = result.roleCredentials;
  const from = `profile ${step.profile}: IAM Identity Center GetRoleCredentials`;
  if (!role?.accessKeyId || !role.secretAccessKey || !role.sessionToken || !role.expiration) {
    throw new SsoCallError(`${from} answered without credentials; nothing was cached`, undefined);
  }
  const credentials = {
    accessKeyId: role.accessKeyId,
    secretAccessKey: role.secretAccessKey,
    sessionToken: role.sessionToken,
    // The portal gives epoch milliseconds.
    expiration: new Date(Number(role.expiration)),
    account: step.accountId,
  };
  assertUsableCredentials(credentials, from, new Date());
  return credentials;
}

export interface AccountInfo {
  readonly accountId: string;
  readonly accountName: string;
}

export async function listAccounts(session: SsoSessionConfig, accessToken: string, env: NodeJS.ProcessEnv): Promise<AccountInfo[]> {
  const portal = new SSOClient(clientOptions('SSO', session, env));
  const accounts: AccountInfo[] = [];
  let nextToken: string | undefined;
  do {
    const page = await send('SSO', 'ListAccounts', session, env, undefined, [accessToken], (abortSignal) =>
      portal.send(new ListAccountsCommand({ accessToken, ...(nextToken ? { nextToken } : {}) }), { abortSignal }),
    );
    for (const account of page.accountList ?? []) {
      if (account.accountId) accounts.push({ accountId: account.accountId, accountName: account.accountName ?? account.accountId });
    }
    nextToken = page.nextToken || undefined;
  } while (nextToken);
  return accounts;
}

export async function listAccountRoles(session: SsoSessionConfig, accessToken: string, accountId: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const portal = new SSOClient(clientOptions('SSO', session, env));
  const roles: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await send('SSO', 'ListAccountRoles', session, env, undefined, [accessToken], (abortSignal) =>
      portal.send(new ListAccountRolesCommand({ accessToken, accountId, ...(nextToken ? { nextToken } : {}) }), { abortSignal }),
    );
    for (const role of page.roleList ?? []) if (role.roleName) roles.push(role.roleName);
    nextToken = page.nextToken || undefined;
  } while (nextToken);
  return roles;
}

/** Ends the sign-in at the portal, so the tokens are worthless even to someone who copied them. */
export async function logout(session: SsoSessionConfig, accessToken: string, env: NodeJS.ProcessEnv): Promise<void> {
  const portal = new SSOClient(clientOptions('SSO', session, env));
  await send('SSO', 'Logout', session, env, undefined, [accessToken], (abortSignal) => portal.send(new LogoutCommand({ accessToken }), { abortSignal }));
}
