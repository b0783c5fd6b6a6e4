import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { createTestCertificates } from './createTestCertificates.js';
import { signWithSmithyOracle } from './signWithSmithyOracle.js';

export interface KnownKey {
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly accessKeyId?: string | undefined;
  readonly reason?: string | undefined;
}

const ROUTE = /^\/v1\/repos\/([A-Za-z0-9._-]+)(\/info\/refs|\/git-upload-pack|\/git-receive-pack)$/;
const PASSWORD = /^(\d{8}T\d{6})Z([0-9a-f]{64})$/;
const HOST = /^(?:vpce-[a-z0-9-]+\.)?git-codecommit(?:-fips)?\.([a-z0-9-]+)\.(?:vpce\.)?amazonaws\.com(?:\.cn)?$/;

/**
 * A local stand-in for CodeCommit's git endpoint: bare repositories served by `git http-backend` at
 * /v1/repos/NAME over HTTPS on 127.0.0.1, with a throwaway CA. Every request must carry a password that
 * verifies (key id, session token, SigV4 signature recomputed with an independent signer, 15-minute
 * window); otherwise it answers 401 without credentials and 403 with bad ones, as CodeCommit does.
 */
export class FakeCodeCommitServer {
  readonly requests: RecordedRequest[] = [];
  readonly caFile: string;
  private readonly keys = new Map<string, KnownKey>();
  private readonly forcedStatuses: number[] = [];
  private readonly server: Server;
  private readonly repoRoot: string;
  windowSeconds = 900;

  private constructor(readonly hostnames: readonly string[], certs: ReturnType<typeof createTestCertificates>) {
    this.caFile = certs.caFile;
    this.repoRoot = mkdtempSync(join(tmpdir(), 'vault-git-repos-'));
    this.server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
  }

  static async start(hostnames: readonly string[] = ['git-codecommit.us-east-1.amazonaws.com']): Promise<FakeCodeCommitServer> {
    const server = new FakeCodeCommitServer(hostnames, createTestCertificates(hostnames));
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `https://HOST:PORT/v1/repos/NAME`, reachable through the git options from gitOptions(). */
  repoUrl(name: string, hostname = this.hostnames[0]!): string {
    return `https://${hostname}:${this.port}/v1/repos/${name}`;
  }

  /** `-c` pairs that make git reach 127.0.0.1 under the real CodeCommit host names and trust our CA. */
  gitOptions(): string[] {
    const options = ['-c', `http.sslCAInfo=${this.caFile}`];
    for (const hostname of this.hostnames) options.push('-c', `http.curloptResolve=${hostname}:${this.port}:127.0.0.1`);
    return options;
  }

  /** The same settings as `git config` entries, for a repository or a global config file. */
  gitConfigEntries(): Array<[string, string]> {
    return [['http.sslCAInfo', this.caFile], ...this.hostnames.map((h): [string, string] => ['http.curloptResolve', `${h}:${this.port}:127.0.0.1`])];
  }

  allowKey(accessKeyId: string, key: KnownKey): void {
    this.keys.set(accessKeyId, key);
  }

  revokeKey(accessKeyId: string): void {
    this.keys.delete(accessKeyId);
  }

  /** The next authenticated request gets this status whatever its password (to drive git's 401/403 paths). */
  failNextWith(status: 401 | 403): void {
    this.forcedStatuses.push(status);
  }

  /** Creates a bare repository with one commit on main. */
  createRepository(name: string): string {
    const bare = join(this.repoRoot, name);
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', args, { cwd, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: this.repoRoot, GIT_CONFIG_GLOBAL: '/dev/null' }, stdio: 'pipe' });
    mkdirSync(bare, { recursive: true });
    git(bare, 'init', '-q', '--bare', '-b', 'main');
    git(bare, 'config', 'http.receivepack', 'true');
    const work = mkdtempSync(join(tmpdir(), 'vault-git-seed-'));
    git(work, 'init', '-q', '-b', 'main');
    git(work, '-c', 'user.name=seed', '-c', 'user.email=seed@example.invalid', 'commit', '-q', '--allow-empty', '-m', 'initial');
    git(work, 'push', '-q', bare, 'main');
    rmSync(work, { recursive: true, force: true });
    return bare;
  }

  /** The subject of the commit at the tip of a branch (main by default) in the served repository. */
  headSubject(name: string, branch = 'main'): string {
    return execFileSync('git', ['--git-dir', join(this.repoRoot, name), 'log', '-1', '--format=%s', branch], { encoding: 'utf8' }).trim();
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.repoRoot, { recursive: true, force: true });
  }

  private record(req: IncomingMessage, res: ServerResponse, status: number, accessKeyId?: string, reason?: string): void {
    this.requests.push({ method: req.method ?? '', url: req.url ?? '', status, accessKeyId, reason });
    if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="CodeCommit"');
    if (status !== 200) {
      res.statusCode = status;
      res.end(reason ?? '');
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://placeholder');
    const route = ROUTE.exec(url.pathname);
    if (!route) return this.record(req, res, 404, undefined, 'no such route');
    const [, repo, suffix] = route;

    const authorization = req.headers.authorization;
    if (!authorization?.startsWith('Basic ')) return this.record(req, res, 401, undefined, 'no credentials');
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const percent = user.indexOf('%');
    const accessKeyId = percent === -1 ? user : user.slice(0, percent);
    const sessionToken = percent === -1 ? undefined : user.slice(percent + 1);

    const forced = this.forcedStatuses.shift();
    if (forced !== undefined) return this.record(req, res, forced, accessKeyId, 'forced by test');

    const known = this.keys.get(accessKeyId);
    if (!known) return this.record(req, res, 403, accessKeyId, 'unknown access key id');
    if ((known.sessionToken ?? undefined) !== sessionToken) return this.record(req, res, 403, accessKeyId, 'security token invalid');
    const match = PASSWORD.exec(password);
    if (!match) return this.record(req, res, 403, accessKeyId, 'malformed password');
    const [, timestamp, signature] = match;
    const signedAt = Date.parse(`${timestamp!.slice(0, 4)}-${timestamp!.slice(4, 6)}-${timestamp!.slice(6, 8)}T${timestamp!.slice(9, 11)}:${timestamp!.slice(11, 13)}:${timestamp!.slice(13, 15)}Z`);
    if (Math.abs(Date.now() - signedAt) > this.windowSeconds * 1000) return this.record(req, res, 403, accessKeyId, 'signature expired');
    const hostname = (req.headers.host ?? '').replace(/:\d+$/, '');
    const region = HOST.exec(hostname)?.[1];
    if (!region) return this.record(req, res, 403, accessKeyId, 'unknown host');
    const expected = await signWithSmithyOracle({ accessKeyId, secretAccessKey: known.secretAccessKey, hostname, region, path: `v1/repos/${repo}`, timestamp: timestamp! });
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature!))) return this.record(req, res, 403, accessKeyId, 'signature does not match');

    this.requests.push({ method: req.method ?? '', url: req.url ?? '', status: 200, accessKeyId });
    await this.serveWithHttpBackend(req, res, `/${repo}${suffix}`, url.search.slice(1), accessKeyId);
  }

  private serveWithHttpBackend(req: IncomingMessage, res: ServerResponse, pathInfo: string, query: string, user: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn('git', ['http-backend'], {
        env: {
          PATH: process.env.PATH,
          GIT_PROJECT_ROOT: this.repoRoot,
          GIT_HTTP_EXPORT_ALL: '1',
          GIT_CONFIG_NOSYSTEM: '1',
          HOME: this.repoRoot,
          PATH_INFO: pathInfo,
          QUERY_STRING: query,
          REQUEST_METHOD: req.method ?? 'GET',
          CONTENT_TYPE: req.headers['content-type'] ?? '',
          REMOTE_USER: user,
          REMOTE_ADDR: '127.0.0.1',
          ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) } : {}),
          ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
        },
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      req.pipe(child.stdin);
      const chunks: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.on('error', reject);
      child.on('close', () => {
        const output = Buffer.concat(chunks);
        let split = output.indexOf('\r\n\r\n');
        let separatorLength = 4;
        if (split === -1) {
          split = output.indexOf('\n\n');
          separatorLength = 2;
        }
        const head = output.subarray(0, split).toString('latin1');
        res.statusCode = 200;
        for (const line of head.split(/\r?\n/)) {
          const colon = line.indexOf(':');
          if (colon === -1) continue;
          const name = line.slice(0, colon).trim();
          const value = line.slice(colon + 1).trim();
          if (name.toLowerCase() === 'status') res.statusCode = Number.parseInt(value, 10);
          else res.setHeader(name, value);
        }
        res.end(output.subarray(split + separatorLength));
        resolve();
      });
    });
  }
}
