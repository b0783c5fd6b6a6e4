import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ObtainedCredentials } from '../aws/sessions/obtainCredentials.js';
import { formatErrorForUser } from '../shared/formatErrorForUser.js';

export interface CredentialServerOptions {
  /** Makes (or reads from the cache) the profile's credentials; called when the ones held run low. */
  obtain(): Promise<ObtainedCredentials>;
  /** Credentials with less than this left are renewed before they are handed out. */
  readonly refreshWindowSeconds: number;
  readonly now: () => Date;
  /** Credentials already obtained before the server started (none with --lazy). */
  readonly initial?: ObtainedCredentials | undefined;
  /** Says on vault-git's stderr why a request could not be answered. */
  report(lines: readonly string[]): void;
}

export interface CredentialServer {
  /** AWS_CONTAINER_CREDENTIALS_FULL_URI */
  readonly url: string;
  /** AWS_CONTAINER_AUTHORIZATION_TOKEN */
  readonly token: string;
  /** Refuses every request from now on and closes the port. */
  stop(): Promise<void>;
}

const PATH = '/credentials';
/** Long-term keys never expire; the SDKs still want a time, and come back then for the same key. */
const STATIC_KEY_SECONDS = 15 * 60;

const digest = (text: string) => createHash('sha256').update(text).digest();

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function send(res: ServerResponse, status: number, body: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

/**
 * The ECS container-credentials endpoint for `exec --ecs-server`: every AWS SDK and the AWS CLI read
 * AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN and ask again when their
 * credentials run low, so a child can outlive any one role session. Listens on 127.0.0.1 only, answers
 * only GET on one path with the exact token (compared in constant time), renews once for any number of
 * requests arriving together, and never logs what it hands out.
 */
export async function startCredentialServer(options: CredentialServerOptions): Promise<CredentialServer> {
  const token = randomBytes(32).toString('base64url');
  const expected = digest(token);
  let held = options.initial;
  let renewing: Promise<ObtainedCredentials> | undefined;
  let stopped = false;
  const sockets = new Set<Socket>();

  const fresh = (credentials: ObtainedCredentials | undefined): credentials is ObtainedCredentials =>
    credentials !== undefined && (credentials.expiration === undefined || credentials.expiration.getTime() - options.now().getTime() > options.refreshWindowSeconds * 1000);

  const current = (): Promise<ObtainedCredentials> => {
    if (fresh(held)) return Promise.resolve(held);
    renewing ??= options
      .obtain()
      .then((credentials) => (held = credentials))
      .finally(() => (renewing = undefined));
    return renewing;
  };

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (stopped) {
      send(res, 503, { code: 'Stopped', message: 'vault-git is stopping; no more credentials' });
      return;
    }
    if (!isLoopback(req.socket.remoteAddress)) {
      send(res, 403, { code: 'Forbidden', message: 'loopback only' });
      return;
    }
    const path = (req.url ?? '').split('?')[0];
    if (path !== PATH) {
      send(res, 404, { code: 'NotFound', message: 'no such path' });
      return;
    }
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      send(res, 405, { code: 'MethodNotAllowed', message: 'GET only' });
      return;
    }
    const given = req.headers.authorization;
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      send(res, 403, { code: 'Forbidden', message: 'wrong or missing authorization token' });
      return;
    }
    let credentials: ObtainedCredentials;
    try {
      credentials = await current();
    } catch (error) {
      const lines = formatErrorForUser(error, false);
      options.report([`vault-git: the credential server could not renew the credentials: ${lines[0]!.replace(/^vault-git: /, '')}`, ...lines.slice(1)]);
      send(res, 500, { code: 'CredentialsUnavailable', message: lines.map((line) => line.replace(/^vault-git: /, '')).join(' ') });
      return;
    }
    if (stopped) {
      send(res, 503, { code: 'Stopped', message: 'vault-git is stopping; no more credentials' });
      return;
    }
    const expiration = credentials.expiration ?? new Date(options.now().getTime() + STATIC_KEY_SECONDS * 1000);
    send(res, 200, {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { Token: credentials.sessionToken } : {}),
      Expiration: expiration.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  };

  const server = createServer((req, res) => {
    // The body is never read: a request that sends one is not an SDK's.
    req.resume();
    void answer(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { code: 'InternalError', message: 'internal error' });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Slow or idle clients cannot hold the server open past the child.
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PATH}`,
    token,
    stop: async () => {
      stopped = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
