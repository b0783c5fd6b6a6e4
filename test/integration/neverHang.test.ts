import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FakeCodeCommitServer } from '../support/fakeCodeCommitServer.js';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolatedEnvironment.js';
import { LocalSts } from '../support/localSts.js';
import { helperBin, vaultGitBin } from '../support/projectPaths.js';
import { runProcess, type ProcessResult } from '../support/runProcess.js';

const REQUEST = 'protocol=https\nhost=git-codecommit.eu-west-1.amazonaws.com\npath=v1/repos/demo\n\n';
/** Each command below must end by itself well before this; a hang ends in SIGKILL and fails the test. */
const HANG = 25_000;

async function listen(server: Server | HttpServer): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function endedByItself(result: ProcessResult): void {
  assert.equal(result.signal, null, `killed after ${HANG} ms: it hung. stderr: ${result.stderr}`);
}

describe('issue 9: nothing hangs git — STS endpoints that never answer, or answer garbage', () => {
  let isolated: IsolatedEnvironment;
  let env: NodeJS.ProcessEnv;
  const sockets = new Set<Socket>();
  const servers: Array<Server | HttpServer> = [];
  let blackHole: string;
  let htmlError: string;
  let endless: string;
  let sts: LocalSts;

  before(async () => {
    // Accepts the connection and never says a word.
    const hole = createServer((socket) => sockets.add(socket));
    blackHole = await listen(hole);
    // A proxy's error page.
    const html = createHttpServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    htmlError = await listen(html);
    // An answer that never ends.
    const flood = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (res.write(chunk)) {
          /* keep writing */
        }
      };
      res.on('drain', pump);
      pump();
    });
    flood.on('connection', (socket) => sockets.add(socket));
    endless = await listen(flood);
    servers.push(hole, html, flood);

    sts = await LocalSts.start();
    const key = sts.addUser('hang-user');
    isolated = createIsolatedEnvironment({ VAULT_GIT_FILE_PASSPHRASE: 'hang test passphrase', VAULT_GIT_STS_TIMEOUT: '2' });
    env = isolated.env;
    writeFileSync(env.AWS_CONFIG_FILE!, '[profile plain]\nregion = eu-west-1\n');
    const added = await runProcess(vaultGitBin, ['add', 'plain', '--env'], { env: { ...env, AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey } });
    assert.equal(added.code, 0, added.stderr);
  });
  after(async () => {
    for (const socket of sockets) socket.destroy();
    for (const server of servers) server.close();
    await sts.stop();
    isolated.cleanup();
  });

  it('the helper gives up on a black-holed endpoint within its budget, naming the endpoint, and tells git to quit', async () => {
    const get = await runProcess(helperBin, ['--profile', 'plain', 'get'], { env: { ...env, AWS_ENDPOINT_URL_STS: blackHole }, input: REQUEST, timeoutMs: HANG });
    endedByItself(get);
    assert.equal(get.code, 1);
    assert.equal(get.stdout, 'quit=1\n');
    assert.match(get.stderr, new RegExp(`^vault-git: profile plain: STS GetSessionToken failed: ${blackHole.replace(/[.:/]/g, '\\$&')} did not answer within 2 s$`, 'm'));
  });

  it('git push through the helper fails fast instead of hanging, and git does not go on to prompt', async () => {
    const codecommit = await FakeCodeCommitServer.start(['git-codecommit.eu-west-1.amazonaws.com']);
    try {
      codecommit.createRepository('demo');
      const work = join(isolated.root, 'push');
      execFileSync('git', ['init', '-q', work], { env });
      execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'x'], { env, cwd: work });
      const push = await runProcess(
        'git',
        [...codecommit.gitOptions(), '-c', 'credential.helper=', '-c', `credential.helper=${helperBin} --profile plain`, '-c', 'credential.useHttpPath=true', 'push', codecommit.repoUrl('demo'), 'HEAD:main'],
        { env: { ...env, AWS_ENDPOINT_URL_STS: blackHole }, cwd: work, timeoutMs: HANG },
      );
      endedByItself(push);
      assert.notEqual(push.code, 0);
      assert.match(push.stderr, /did not answer within 2 s/);
      assert.match(push.stderr, /credential helper .* told us to quit/);
    } finally {
      await codecommit.stop();
    }
  });

  it('exec too: a clear line, no hang', async () => {
    const exec = await runProcess(vaultGitBin, ['exec', 'plain', '--', 'true'], { env: { ...env, AWS_ENDPOINT_URL_STS: blackHole }, timeoutMs: HANG });
    endedByItself(exec);
    assert.equal(exec.code, 1);
    assert.match(exec.stderr, /did not answer within 2 s/);
  });

  it('an HTML error page reads as its HTTP status, not "Unknown: Unknown"', async () => {
    const exec = await runProcess(vaultGitBin, ['exec', 'plain', '--', 'true'], { env: { ...env, AWS_ENDPOINT_URL_STS: htmlError }, timeoutMs: HANG });
    endedByItself(exec);
    assert.equal(exec.code, 1);
    assert.match(exec.stderr, new RegExp(`STS GetSessionToken failed: ${htmlError.replace(/[.:/]/g, '\\$&')} answered HTTP 502 with something that is not an STS response`));
    assert.doesNotMatch(exec.stderr, /Unknown/);
  });

  it('an answer that never ends is cut off, not read into memory', async () => {
    const exec = await runProcess(vaultGitBin, ['exec', 'plain', '--', 'true'], { env: { ...env, AWS_ENDPOINT_URL_STS: endless }, timeoutMs: HANG });
    endedByItself(exec);
    assert.equal(exec.code, 1);
    assert.match(exec.stderr, /STS GetSessionToken failed: /);
  });

  it('a get waiting on another process that holds the refresh lock gives up within its budget, saying why', async () => {
    // An exec stuck on the black hole for long holds the refresh lock meanwhile.
    const holder = spawn(vaultGitBin, ['exec', 'plain', '--', 'true'], { env: { ...env, AWS_ENDPOINT_URL_STS: blackHole, VAULT_GIT_STS_TIMEOUT: '20' }, stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const get = await runProcess(helperBin, ['--profile', 'plain', 'get'], { env: { ...env, AWS_ENDPOINT_URL_STS: sts.endpoint }, input: REQUEST, timeoutMs: HANG });
      endedByItself(get);
      assert.equal(get.code, 1);
      assert.equal(get.stdout, 'quit=1\n');
      assert.match(get.stderr, /another vault-git is renewing the GetSessionToken session of profile plain \(it may be waiting for an MFA code\); gave up after \d s/);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('AWS_CONFIG_FILE=/dev/zero or a FIFO: one clear line, no block', async () => {
    const fifo = join(isolated.root, 'config.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const path of ['/dev/zero', fifo]) {
      const get = await runProcess(helperBin, ['--profile', 'plain', 'get'], { env: { ...env, AWS_CONFIG_FILE: path }, input: REQUEST, timeoutMs: HANG });
      endedByItself(get);
      assert.equal(get.code, 1);
      assert.match(get.stderr, new RegExp(`^vault-git: cannot use the AWS config file ${path}: it is not a regular file$`, 'm'));
    }
  });

  /** Runs `get`, feeding stdin with `feed`, and never closing it: the helper must finish on its own. */
  async function getWithOpenPipe(feed: (stdin: NodeJS.WritableStream) => Promise<void>) {
    const child = spawn(helperBin, ['get'], { env: { ...env, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.on('error', () => undefined);
    const exited = new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, HANG);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    void feed(child.stdin).catch(() => undefined);
    const code = await exited;
    child.stdin.destroy();
    return { code, stdout, stderr };
  }

  it('the helper stops reading at the blank line that ends a request, even if the writer keeps the pipe open', async () => {
    const result = await getWithOpenPipe(async (stdin) => {
      stdin.write(REQUEST);
    });
    assert.equal(result.code, 0, 'the helper waited for end of input');
    assert.match(result.stdout, /^password=\d{8}T\d{6}Z[0-9a-f]{64}$/m);
  });

  it('a request written a few bytes at a time, with CRLF line ends, pipe left open: answered', async () => {
    const request = REQUEST.replace(/\n/g, '\r\n');
    const result = await getWithOpenPipe(async (stdin) => {
      for (let offset = 0; offset < request.length; offset += 3) {
        stdin.write(request.slice(offset, offset + 3));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^password=\d{8}T\d{6}Z[0-9a-f]{64}$/m);
  });

  it('a writer that never ends its request (a megabyte, no blank line): one line on stderr, exit 1, no wait', async () => {
    const line = `wwwauth[]=${'x'.repeat(1000)}\n`;
    const result = await getWithOpenPipe(async (stdin) => {
      for (let sent = 0; sent < 1024 * 1024; sent += line.length) {
        if (!stdin.write(line)) await new Promise((resolve) => stdin.once('drain', resolve));
      }
    });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^vault-git: credential request is \d+ bytes; refusing input over 262144 bytes\n$/);
  });
});

describe('issue 9: a silent or half-dead D-Bus never keeps a command, or git, waiting', { skip: process.platform !== 'linux' }, () => {
  let isolated: IsolatedEnvironment;
  const sockets = new Set<Socket>();
  const servers: Server[] = [];
  let silentBus: string;
  let halfDeadBus: string;

  before(async () => {
    isolated = createIsolatedEnvironment();
    const dir = join(isolated.root, 'bus');
    mkdirSync(dir);
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(join(dir, 'silent'), resolve));
    // Says OK to the authentication handshake, then never answers a method call.
    const halfDead = createServer((socket) => {
      sockets.add(socket);
      let greeted = false;
      socket.on('data', (chunk: Buffer) => {
        if (!greeted && chunk.includes('AUTH')) {
          greeted = true;
          socket.write('OK 1234567890abcdef1234567890abcdef\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => halfDead.listen(join(dir, 'half-dead'), resolve));
    servers.push(silent, halfDead);
    silentBus = `unix:path=${join(dir, 'silent')}`;
    halfDeadBus = `unix:path=${join(dir, 'half-dead')}`;
  });
  after(() => {
    for (const socket of sockets) socket.destroy();
    for (const server of servers) server.close();
    isolated.cleanup();
  });

  for (const [name, bus] of [['silent', () => silentBus], ['half-dead', () => halfDeadBus]] as const) {
    it(`${name} bus: the helper answers git with one line and exits; list and add end too`, async () => {
      const env = { ...isolated.env, VAULT_GIT_BACKEND: 'keychain', VAULT_GIT_KEYCHAIN_TIMEOUT_MS: '1500', DBUS_SESSION_BUS_ADDRESS: bus() };
      const get = await runProcess(helperBin, ['--profile', 'env1', 'get'], { env, input: REQUEST, timeoutMs: HANG });
      endedByItself(get);
      assert.equal(get.code, 1);
      assert.equal(get.stdout, 'quit=1\n');
      assert.match(get.stderr, /^vault-git: the Secret Service \(D-Bus\) is not answering: it did not answer within 1\.5 s/m);
      const list = await runProcess(vaultGitBin, ['list'], { env, timeoutMs: HANG });
      endedByItself(list);
      assert.equal(list.code, 1);
      assert.match(list.stderr, /is not answering/);
      const add = await runProcess(vaultGitBin, ['add', 'env1', '--env'], { env: { ...env, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, timeoutMs: HANG });
      endedByItself(add);
      assert.equal(add.code, 1);
    });
  }

  it('automatic selection does not fall back to the file vault on a keychain that does not answer', async () => {
    const env: NodeJS.ProcessEnv = { ...isolated.env, VAULT_GIT_KEYCHAIN_TIMEOUT_MS: '1500', DBUS_SESSION_BUS_ADDRESS: halfDeadBus };
    delete env.VAULT_GIT_BACKEND;
    const get = await runProcess(helperBin, ['--profile', 'env1', 'get'], { env, input: REQUEST, timeoutMs: HANG });
    endedByItself(get);
    assert.equal(get.code, 1);
    const [first, hint] = get.stderr.split('\n');
    assert.match(first!, /is not answering/);
    assert.doesNotMatch(first!, /no key stored|file vault/);
    assert.match(hint!, /hint: .*--backend file/);
  });
});
