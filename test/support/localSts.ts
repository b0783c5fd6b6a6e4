import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalHttpServer } from './localHttpServer.js';
import { totp } from './totp.js';
import { verifySigV4 } from './verifySigV4.js';

export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

interface Principal {
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly arn: string;
  readonly account: string;
  readonly user: string;
  readonly kind: 'user' | 'session' | 'role' | 'federated';
  readonly mfa: boolean;
  readonly expiration?: Date;
}

interface Role {
  readonly arn: string;
  readonly trustedUsers: readonly string[];
  readonly requireMfa: boolean;
  readonly maxSessionSeconds: number;
  readonly externalId?: string | undefined;
}

export interface StsCall {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
  readonly caller?: string | undefined;
  readonly status: number;
  readonly error?: string | undefined;
  /** The region of the request's SigV4 credential scope. */
  readonly region?: string | undefined;
}

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const randomId = (prefix: string) => prefix + randomBytes(12).toString('hex').toUpperCase().slice(0, 16);

/**
 * A local STS that behaves like the real one where vault-git depends on it, and that moto does not
 * emulate: it verifies every request's SigV4 signature, checks TOTP codes against registered virtual MFA
 * devices (and refuses a code used twice), enforces MFA conditions on roles, refuses GetSessionToken with
 * temporary credentials, caps role chaining at one hour, and records every call. It also serves the
 * console federation endpoint (/federation) for `vault-git login`.
 */
export class LocalSts {
  readonly calls: StsCall[] = [];
  /** When true, every connection is dropped: "STS is down". */
  down = false;
  /** Changes what the next answer says (not what is issued): a hostile or broken STS for one call. */
  tamperNext: ((credentials: IssuedCredentials) => IssuedCredentials) | undefined;
  /** When set, AssumeRole sessions last this many seconds whatever was asked: several renewals in one test. */
  roleSessionSeconds: number | undefined;
  /** Called with every credential this STS issues (to let the fake CodeCommit server accept them). */
  onIssue: (credentials: IssuedCredentials) => void = () => undefined;
  private readonly principals = new Map<string, Principal>();
  private readonly mfaDevices = new Map<string, { user: string; secret: Buffer }>();
  private readonly usedCodes = new Set<string>();
  private readonly roles = new Map<string, Role>();
  private readonly signinTokens = new Map<string, string>();
  /** IAM: each user's access keys, and the users whose policy denies IAM calls made without MFA. */
  private readonly userKeys = new Map<string, string[]>();
  readonly iamRequiresMfa = new Set<string>();
  /** IAM is eventually consistent: a key created here is refused for this long (rotate must retry). */
  newKeyDelayMs = 0;
  private readonly notYetValid = new Map<string, number>();
  private server!: LocalHttpServer;

  private constructor() {}

  static async start(): Promise<LocalSts> {
    const sts = new LocalSts();
    sts.server = await LocalHttpServer.listen((req, res) => sts.handle(req, res), { isDown: () => sts.down });
    return sts;
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

  addUser(user: string, account = '000000000000'): { accessKeyId: string; secretAccessKey: string } {
    const accessKeyId = randomId('AKIA');
    const secretAccessKey = randomBytes(30).toString('base64').slice(0, 40);
    this.principals.set(accessKeyId, { secretAccessKey, arn: `arn:aws:iam::${account}:user/${user}`, account, user, kind: 'user', mfa: false });
    this.userKeys.set(user, [...(this.userKeys.get(user) ?? []), accessKeyId]);
    return { accessKeyId, secretAccessKey };
  }

  /** Registers a virtual MFA device; returns its TOTP secret (what the QR code would hold). */
  addMfaDevice(user: string, serial: string): Buffer {
    const secret = randomBytes(20);
    this.mfaDevices.set(serial, { user, secret });
    return secret;
  }

  /** The code the device shows now, never one already accepted (AWS refuses reuse within its window). */
  currentCode(serial: string): string {
    const device = this.mfaDevices.get(serial)!;
    for (const offset of [0, 1, -1]) {
      const code = totp(device.secret, Date.now(), offset);
      if (!this.usedCodes.has(`${serial}:${code}`)) return code;
    }
    return totp(device.secret);
  }

  addRole(arn: string, options: { trustedUsers: readonly string[]; requireMfa?: boolean; maxSessionSeconds?: number; externalId?: string }): void {
    this.roles.set(arn, { arn, trustedUsers: options.trustedUsers, requireMfa: options.requireMfa ?? false, maxSessionSeconds: options.maxSessionSeconds ?? 43200, externalId: options.externalId });
  }

  /** Forgets an issued session, so it is refused from now on (a revoked or expired token). */
  revoke(accessKeyId: string): void {
    this.principals.delete(accessKeyId);
  }

  /**
   * Credentials for an IAM Identity Center permission set's role in an account, as the SSO portal hands
   * out (the local stand-in calls this): a role principal whose user is `AWSReservedSSO_<role>`, so a role
   * on top trusts it by that name.
   */
  issueSsoRoleSession(account: string, roleName: string, seconds: number): IssuedCredentials {
    const user = `AWSReservedSSO_${roleName}`;
    return this.issue({ arn: `arn:aws:sts::${account}:assumed-role/${user}/sso-user`, account, user, kind: 'role', mfa: false }, seconds);
  }

  private issue(principal: Omit<Principal, 'secretAccessKey' | 'sessionToken' | 'expiration'>, durationSeconds: number): IssuedCredentials {
    const credentials: IssuedCredentials = {
      accessKeyId: randomId('ASIA'),
      secretAccessKey: randomBytes(30).toString('base64').slice(0, 40),
      sessionToken: `IQoJ${randomBytes(180).toString('base64')}`,
      expiration: new Date(Math.floor(Date.now() / 1000 + durationSeconds) * 1000),
    };
    this.principals.set(credentials.accessKeyId, { ...principal, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken, expiration: credentials.expiration });
    this.onIssue(credentials);
    return credentials;
  }

  private checkMfa(user: string, serial: string | undefined, code: string | undefined): string | undefined {
    if (!serial) return undefined;
    const device = this.mfaDevices.get(serial);
    if (!device || device.user !== user) return 'AccessDenied: MultiFactorAuthentication failed, unable to validate MFA code';
    const valid = [-1, 0, 1].some((offset) => totp(device.secret, Date.now(), offset) === code);
    if (!valid || this.usedCodes.has(`${serial}:${code}`)) return 'AccessDenied: MultiFactorAuthentication failed with invalid MFA one time pass code';
    this.usedCodes.add(`${serial}:${code}`);
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/federation') return this.federation(url, res);

    const params = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    const action = params.Action ?? '';
    const fail = (status: number, code: string, message: string, caller?: string) => {
      this.calls.push({ action, params, caller, status, error: code });
      res.statusCode = status;
      res.setHeader('content-type', 'text/xml');
      res.end(`<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomId('')}</RequestId></ErrorResponse>`);
    };

    // The same port answers IAM's query API for requests signed for iam (rotate's calls).
    const service = /\/iam\/aws4_request/.test(String(req.headers.authorization ?? '')) ? 'iam' : 'sts';
    const check = verifySigV4({ method: req.method ?? 'POST', path: url.pathname, query: url.search.slice(1), headers: req.headers, body }, service, (id) =>
      (this.notYetValid.get(id) ?? 0) > Date.now() ? undefined : this.principals.get(id)?.secretAccessKey,
    );
    if (!check.ok) return fail(403, check.reason === 'InvalidClientTokenId' ? 'InvalidClientTokenId' : 'SignatureDoesNotMatch', check.reason ?? 'bad signature');
    const caller = this.principals.get(check.accessKeyId!)!;
    if (caller.sessionToken !== undefined && req.headers['x-amz-security-token'] !== caller.sessionToken) {
      return fail(403, 'InvalidClientTokenId', 'The security token included in the request is invalid', caller.arn);
    }
    if (caller.expiration && caller.expiration.getTime() < Date.now()) return fail(403, 'ExpiredToken', 'The security token included in the request is expired', caller.arn);

    const ok = (result: string) => {
      this.calls.push({ action, params, caller: caller.arn, status: 200, region: check.region });
      res.setHeader('content-type', 'text/xml');
      res.end(`<${action}Response xmlns="${XMLNS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomId('')}</RequestId></ResponseMetadata></${action}Response>`);
    };
    const credentialsXml = (issued: IssuedCredentials) => {
      const c = this.tamperNext ? this.tamperNext(issued) : issued;
      this.tamperNext = undefined;
      return `<Credentials><AccessKeyId>${c.accessKeyId}</AccessKeyId><SecretAccessKey>${c.secretAccessKey}</SecretAccessKey><SessionToken>${c.sessionToken}</SessionToken><Expiration>${c.expiration.toISOString()}</Expiration></Credentials>`;
    };
    const duration = Number(params.DurationSeconds ?? 3600);
    if (service === 'iam') return this.iam(action, params, caller, ok, fail);

    switch (action) {
      case 'GetCallerIdentity':
        return ok(`<Arn>${caller.arn}</Arn><UserId>${check.accessKeyId}</UserId><Account>${caller.account}</Account>`);
      case 'GetSessionToken': {
        if (caller.kind !== 'user') return fail(403, 'AccessDenied', 'Cannot call GetSessionToken with session credentials', caller.arn);
        const mfaError = this.checkMfa(caller.user, params.SerialNumber, params.TokenCode);
        if (mfaError) return fail(403, 'AccessDenied', mfaError, caller.arn);
        const issued = this.issue({ arn: caller.arn, account: caller.account, user: caller.user, kind: 'session', mfa: params.SerialNumber !== undefined }, duration);
        return ok(credentialsXml(issued));
      }
      case 'AssumeRole': {
        const role = this.roles.get(params.RoleArn ?? '');
        if (!role || !role.trustedUsers.includes(caller.user)) return fail(403, 'AccessDenied', `User ${caller.arn} is not authorized to perform sts:AssumeRole`, caller.arn);
        if (role.externalId !== undefined && params.ExternalId !== role.externalId) return fail(403, 'AccessDenied', 'external id does not match', caller.arn);
        const mfaError = this.checkMfa(caller.user, params.SerialNumber, params.TokenCode);
        if (mfaError) return fail(403, 'AccessDenied', mfaError, caller.arn);
        const mfa = caller.mfa || params.SerialNumber !== undefined;
        if (role.requireMfa && !mfa) return fail(403, 'AccessDenied', `User ${caller.arn} is not authorized to perform sts:AssumeRole (MultiFactorAuthPresent)`, caller.arn);
        if (caller.kind === 'role' && duration > 3600) {
          return fail(400, 'ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.', caller.arn);
        }
        if (duration > role.maxSessionSeconds) return fail(400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', caller.arn);
        const account = role.arn.split(':')[4]!;
        const sessionName = params.RoleSessionName ?? 'session';
        const arn = `arn:aws:sts::${account}:assumed-role/${role.arn.split('/').pop()}/${sessionName}`;
        const issued = this.issue({ arn, account, user: caller.user, kind: 'role', mfa }, this.roleSessionSeconds ?? duration);
        return ok(`${credentialsXml(issued)}<AssumedRoleUser><AssumedRoleId>AROA${randomId('')}:${sessionName}</AssumedRoleId><Arn>${arn}</Arn></AssumedRoleUser>`);
      }
      case 'GetFederationToken': {
        if (caller.kind !== 'user') return fail(403, 'AccessDenied', 'GetFederationToken needs long-term credentials', caller.arn);
        const arn = `arn:aws:sts::${caller.account}:federated-user/${params.Name}`;
        const issued = this.issue({ arn, account: caller.account, user: caller.user, kind: 'federated', mfa: false }, duration);
        return ok(`${credentialsXml(issued)}<FederatedUser><FederatedUserId>${caller.account}:${params.Name}</FederatedUserId><Arn>${arn}</Arn></FederatedUser>`);
      }
      default:
        return fail(400, 'InvalidAction', `unknown action ${action}`, caller.arn);
    }
  }

  /** ListAccessKeys, CreateAccessKey and DeleteAccessKey for the caller's own user, with the two-key limit. */
  private iam(action: string, params: Record<string, string>, caller: Principal, ok: (result: string) => void, fail: (status: number, code: string, message: string, caller?: string) => void): void {
    if (this.iamRequiresMfa.has(caller.user) && !caller.mfa) return fail(403, 'AccessDenied', `User ${caller.arn} is not authorized to perform iam:${action} (MultiFactorAuthPresent)`, caller.arn);
    const user = params.UserName ?? caller.user;
    const keys = this.userKeys.get(user) ?? [];
    switch (action) {
      case 'ListAccessKeys':
        return ok(`<AccessKeyMetadata>${keys.map((id) => `<member><UserName>${user}</UserName><AccessKeyId>${id}</AccessKeyId><Status>Active</Status></member>`).join('')}</AccessKeyMetadata><IsTruncated>false</IsTruncated>`);
      case 'CreateAccessKey': {
        if (keys.length >= 2) return fail(409, 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2', caller.arn);
        const created = this.addUser(user, caller.account);
        this.notYetValid.set(created.accessKeyId, Date.now() + this.newKeyDelayMs);
        return ok(`<AccessKey><UserName>${user}</UserName><AccessKeyId>${created.accessKeyId}</AccessKeyId><Status>Active</Status><SecretAccessKey>${created.secretAccessKey}</SecretAccessKey></AccessKey>`);
      }
      case 'DeleteAccessKey': {
        if (!keys.includes(params.AccessKeyId ?? '')) return fail(404, 'NoSuchEntity', `The Access Key with id ${params.AccessKeyId} cannot be found.`, caller.arn);
        this.userKeys.set(user, keys.filter((id) => id !== params.AccessKeyId));
        this.principals.delete(params.AccessKeyId!);
        return ok('');
      }
      default:
        return fail(400, 'InvalidAction', `unknown IAM action ${action}`, caller.arn);
    }
  }

  private federation(url: URL, res: ServerResponse): void {
    const action = url.searchParams.get('Action');
    res.setHeader('content-type', 'application/json');
    if (action === 'getSigninToken') {
      const session = JSON.parse(url.searchParams.get('Session') ?? '{}') as { sessionId?: string; sessionKey?: string; sessionToken?: string };
      const principal = this.principals.get(session.sessionId ?? '');
      if (!principal || principal.secretAccessKey !== session.sessionKey || principal.sessionToken !== session.sessionToken || principal.kind === 'user' || principal.kind === 'session') {
        res.statusCode = 400;
        res.end('{"error":"invalid session"}');
        return;
      }
      const token = randomBytes(24).toString('hex');
      this.signinTokens.set(token, principal.arn);
      this.calls.push({ action: 'getSigninToken', params: {}, caller: principal.arn, status: 200 });
      res.end(JSON.stringify({ SigninToken: token }));
      return;
    }
    res.statusCode = 400;
    res.end('{}');
  }

  /** Whose console session a sign-in token opens (for login tests). */
  signinTokenOwner(token: string): string | undefined {
    return this.signinTokens.get(token);
  }
}
