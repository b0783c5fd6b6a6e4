import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalHttpServer } from './localHttpServer.js';
import type { LocalSts } from './localSts.js';

export interface IdentityCenterCall {
  readonly action: string;
  readonly status: number;
  readonly error?: string | undefined;
  /** The request body or query, for asserting what vault-git sent. */
  readonly input: Readonly<Record<string, unknown>>;
}

interface Client {
  readonly clientSecret: string;
  readonly scopes: readonly string[];
}

interface DeviceGrant {
  readonly clientId: string;
  readonly userCode: string;
  readonly expiresAt: number;
  state: 'pending' | 'approved' | 'denied' | 'used';
}

interface AccessToken {
  readonly clientId: string;
  expiresAt: number;
  revoked: boolean;
}

const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

/**
 * A local IAM Identity Center: the OIDC service (RegisterClient, StartDeviceAuthorization, CreateToken with
 * the device code and refresh_token grants) and the access portal (GetRoleCredentials, ListAccounts,
 * ListAccountRoles, Logout), speaking the REST-JSON the AWS SDK's clients speak, on one 127.0.0.1 port.
 * Controls stand in for the user's browser (approve or deny a code) and for time and admins (expire
 * access tokens, revoke refresh tokens, answer slow_down). Role credentials are issued through the local
 * STS, so it and the CodeCommit-like server accept them. A refresh token is replaced on every use.
 */
export class LocalIdentityCenter {
  readonly calls: IdentityCenterCall[] = [];
  /** Lifetime of new access tokens. */
  accessTokenSeconds = 8 * 3600;
  roleCredentialSeconds = 3600;
  /** How many CreateToken polls to answer slow_down before anything else. */
  slowDownPolls = 0;
  /** Device authorizations' polling interval (the real service says 1 or 5). */
  intervalSeconds = 1;
  /** Approve every device code as soon as it is polled (a user who has already clicked). */
  autoApprove = false;
  /** GetRoleCredentials answers 200 without roleCredentials (a broken or hostile portal). */
  omitCredentials = false;
  private readonly clients = new Map<string, Client>();
  private readonly devices = new Map<string, DeviceGrant>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly accounts = new Map<string, { name: string; roles: string[] }>();
  private server!: LocalHttpServer;

  private constructor(private readonly sts: LocalSts) {}

  static async start(sts: LocalSts): Promise<LocalIdentityCenter> {
    const center = new LocalIdentityCenter(sts);
    center.server = await LocalHttpServer.listen((req, res) => center.handle(req, res));
    return center;
  }

  get endpoint(): string {
    return this.server.endpoint;
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  count(action: string): number {
    return this.calls.filter((call) => call.action === action && call.status === 200).length;
  }

  addAccount(accountId: string, name: string, roles: readonly string[]): void {
    this.accounts.set(accountId, { name, roles: [...roles] });
  }

  /** The user code shown by the last StartDeviceAuthorization. */
  lastUserCode(): string | undefined {
    return [...this.devices.values()].at(-1)?.userCode;
  }

  private grantFor(userCode: string): DeviceGrant {
    const grant = [...this.devices.values()].find((device) => device.userCode === userCode);
    if (!grant) throw new Error(`no device authorization with code ${userCode}`);
    return grant;
  }

  /** What the user's click on "Allow" does. */
  approve(userCode: string): void {
    this.grantFor(userCode).state = 'approved';
  }

  deny(userCode: string): void {
    this.grantFor(userCode).state = 'denied';
  }

  /** Every access token issued so far stops working, as if its hours were up. */
  expireAccessTokens(): void {
    for (const access of this.accessTokens.values()) access.expiresAt = 0;
  }

  /** An admin ended the sessions: refresh tokens and access tokens are refused from now on. */
  revokeAll(): void {
    this.refreshTokens.clear();
    for (const access of this.accessTokens.values()) access.revoked = true;
  }

  private issueTokens(clientId: string): Record<string, unknown> {
    const accessToken = token('aoa');
    const refreshToken = token('aor');
    this.accessTokens.set(accessToken, { clientId, expiresAt: Date.now() + this.accessTokenSeconds * 1000, revoked: false });
    this.refreshTokens.set(refreshToken, clientId);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.accessTokenSeconds, refreshToken };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method} ${url.pathname}`;
    let input: Record<string, unknown> = Object.fromEntries(url.searchParams);
    if (chunks.length > 0) {
      try {
        input = { ...input, ...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) };
      } catch {
        input = { ...input, unparsable: true };
      }
    }
    const action = ROUTES[route] ?? route;
    const answer = (status: number, body: Record<string, unknown>, error?: string) => {
      this.calls.push({ action, status, error, input });
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      if (error) res.setHeader('x-amzn-errortype', error);
      res.end(JSON.stringify(body));
    };
    const oauthError = (type: string, error: string, status = 400) => answer(status, { error, error_description: `${error} (local Identity Center)` }, type);
    const portalError = (type: string, status: number, message: string) => answer(status, { message }, type);

    if (action === 'RegisterClient') {
      if (input.clientType !== 'public' || typeof input.clientName !== 'string') return oauthError('InvalidClientMetadataException', 'invalid_client_metadata');
      const clientId = token('client-');
      const clientSecret = token('secret-');
      this.clients.set(clientId, { clientSecret, scopes: Array.isArray(input.scopes) ? (input.scopes as string[]) : [] });
      const now = Math.floor(Date.now() / 1000);
      return answer(200, { clientId, clientSecret, clientIdIssuedAt: now, clientSecretExpiresAt: now + 90 * 86400 });
    }
    const client = typeof input.clientId === 'string' ? this.clients.get(input.clientId) : undefined;
    const clientOk = client !== undefined && client.clientSecret === input.clientSecret;

    if (action === 'StartDeviceAuthorization') {
      if (!clientOk) return oauthError('InvalidClientException', 'invalid_client', 401);
      if (typeof input.startUrl !== 'string' || !input.startUrl.startsWith('https://')) return oauthError('InvalidRequestException', 'invalid_request');
      const deviceCode = token('device-');
      const userCode = `${randomBytes(2).toString('hex').toUpperCase()}-${randomBytes(2).toString('hex').toUpperCase()}`;
      this.devices.set(deviceCode, { clientId: input.clientId as string, userCode, expiresAt: Date.now() + 600_000, state: 'pending' });
      return answer(200, {
        deviceCode,
        userCode,
        verificationUri: 'https://device.sso.example.invalid/',
        verificationUriComplete: `https://device.sso.example.invalid/?user_code=${userCode}`,
        expiresIn: 600,
        interval: this.intervalSeconds,
      });
    }

    if (action === 'CreateToken') {
      if (!clientOk) return oauthError('InvalidClientException', 'invalid_client', 401);
      if (input.grantType === DEVICE_CODE_GRANT) {
        const grant = typeof input.deviceCode === 'string' ? this.devices.get(input.deviceCode) : undefined;
        if (!grant || grant.clientId !== input.clientId || grant.state === 'used') return oauthError('InvalidGrantException', 'invalid_grant');
        if (this.slowDownPolls > 0) {
          this.slowDownPolls--;
          return oauthError('SlowDownException', 'slow_down');
        }
        if (grant.expiresAt < Date.now()) return oauthError('ExpiredTokenException', 'expired_token');
        if (this.autoApprove && grant.state === 'pending') grant.state = 'approved';
        if (grant.state === 'denied') return oauthError('AccessDeniedException', 'access_denied');
        if (grant.state === 'pending') return oauthError('AuthorizationPendingException', 'authorization_pending');
        grant.state = 'used';
        return answer(200, this.issueTokens(grant.clientId));
      }
      if (input.grantType === 'refresh_token') {
        const owner = typeof input.refreshToken === 'string' ? this.refreshTokens.get(input.refreshToken) : undefined;
        if (owner === undefined || owner !== input.clientId) return oauthError('InvalidGrantException', 'invalid_grant');
        // Used once: the answer carries its replacement.
        this.refreshTokens.delete(input.refreshToken as string);
        return answer(200, this.issueTokens(owner));
      }
      return oauthError('UnsupportedGrantTypeException', 'unsupported_grant_type');
    }

    // The portal: the bearer token in x-amz-sso_bearer_token is the only proof.
    const bearer = req.headers['x-amz-sso_bearer_token'];
    const access = typeof bearer === 'string' ? this.accessTokens.get(bearer) : undefined;
    if (!ROUTES[route]) return portalError('InvalidRequestException', 400, `no such operation: ${route}`);
    if (!access || access.revoked || access.expiresAt < Date.now()) return portalError('UnauthorizedException', 401, 'Session token not found or invalid');

    switch (action) {
      case 'GetRoleCredentials': {
        const account = this.accounts.get(String(input.account_id));
        if (!account || !account.roles.includes(String(input.role_name))) return portalError('ForbiddenException', 403, 'No access');
        if (this.omitCredentials) return answer(200, {});
        const issued = this.sts.issueSsoRoleSession(String(input.account_id), String(input.role_name), this.roleCredentialSeconds);
        return answer(200, {
          roleCredentials: { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken, expiration: issued.expiration.getTime() },
        });
      }
      case 'ListAccounts': {
        // One account per page: the client must follow nextToken.
        const ids = [...this.accounts.keys()];
        const start = input.next_token ? Number(input.next_token) : 0;
        const id = ids[start];
        const accountList = id ? [{ accountId: id, accountName: this.accounts.get(id)!.name, emailAddress: `${id}@example.invalid` }] : [];
        return answer(200, { accountList, ...(start + 1 < ids.length ? { nextToken: String(start + 1) } : {}) });
      }
      case 'ListAccountRoles': {
        const account = this.accounts.get(String(input.account_id));
        return answer(200, { roleList: (account?.roles ?? []).map((roleName) => ({ roleName, accountId: input.account_id })) });
      }
      case 'Logout':
        access.revoked = true;
        for (const [refresh, owner] of this.refreshTokens) if (owner === access.clientId) this.refreshTokens.delete(refresh);
        return answer(200, {});
      default:
        return portalError('InvalidRequestException', 400, 'unknown');
    }
  }
}

const ROUTES: Readonly<Record<string, string>> = {
  'POST /client/register': 'RegisterClient',
  'POST /device_authorization': 'StartDeviceAuthorization',
  'POST /token': 'CreateToken',
  'GET /federation/credentials': 'GetRoleCredentials',
  'GET /assignment/accounts': 'ListAccounts',
  'GET /assignment/roles': 'ListAccountRoles',
  'POST /logout': 'Logout',
};
