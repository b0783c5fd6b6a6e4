import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolatedEnvironment.js';
import { LocalSts } from '../support/localSts.js';
import { helperBin, projectRoot, vaultGitBin } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';
import { MFA_SERIAL, startSessionScenario, type SessionScenario } from '../support/sessionScenario.js';

const REQUEST = 'protocol=https\nhost=git-codecommit.eu-west-1.amazonaws.com\npath=v1/repos/demo\n\n';
const KEY = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const isRoot = process.getuid?.() === 0;

describe('issue 9: one damaged or foreign file, wrong permissions, a full or read-only disk: clear lines, nothing lost', () => {
  let sts: LocalSts;
  let isolated: IsolatedEnvironment;
  let env: NodeJS.ProcessEnv;
  const vaultGit = (args: string[], extra: NodeJS.ProcessEnv = {}) => runProcess(vaultGitBin, args, { env: { ...env, ...extra } });

  before(async () => {
    sts = await LocalSts.start();
    isolated = createIsolatedEnvironment({ AWS_ENDPOINT_URL_STS: sts.endpoint, VAULT_GIT_FILE_PASSPHRASE: 'nothing lost passphrase' });
    env = isolated.env;
    writeFileSync(env.AWS_CONFIG_FILE!, '[profile alpha]\nregion = eu-west-1\n\n[profile beta]\nregion = eu-west-1\n');
    for (const profile of ['alpha', 'beta']) {
      const key = sts.addUser(profile);
      const added = await vaultGit(['add', profile, '--env'], { AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey });
      assert.equal(added.code, 0, added.stderr);
      assert.equal((await vaultGit(['exec', profile, '--', 'true'])).code, 0);
    }
  });
  after(async () => {
    await sts.stop();
    isolated.cleanup();
  });

  it("a sync tool's conflicted copy and a damaged session file affect only themselves, are named, and clear works", async () => {
    const vault = env.VAULT_GIT_FILE_DIR!;
    const credentialFile = readdirSync(vault).find((f) => f.startsWith('c-'))!;
    const conflicted = `${credentialFile.slice(0, -5)} (conflicted copy 2026-11-30).json`;
    writeFileSync(join(vault, conflicted), 'garbage from another machine', { mode: 0o600 });
    const sessionFile = readdirSync(vault).find((f) => f.startsWith('s-'))!;
    writeFileSync(join(vault, sessionFile), '{"v":1,"kind":"session","box":', { mode: 0o600 });

    for (const profile of ['alpha', 'beta']) {
      const exec = await vaultGit(['exec', profile, '--', 'true']);
      assert.equal(exec.code, 0, `${profile}: ${exec.stderr}`);
    }
    // The damaged session was simply renewed, into the same file.
    assert.doesNotThrow(() => JSON.parse(readFileSync(join(vault, sessionFile), 'utf8')));
    writeFileSync(join(vault, sessionFile), '{"v":1,"kind":"session","box":', { mode: 0o600 });
    const list = await vaultGit(['list']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^alpha\s+\*+\w{4}/m);
    assert.match(list.stdout, /^beta\s+\*+\w{4}/m);
    // Named in full: a file id is not a secret.
    assert.ok(list.stderr.includes(`vault-git: skipped ${conflicted} in ${vault}: not a file vault-git writes (left alone)`), list.stderr);
    assert.ok(list.stderr.includes(`vault-git: skipped ${sessionFile} in ${vault}: the vault file ${join(vault, sessionFile)} is damaged (not valid JSON)`), list.stderr);

    const doctor = await vaultGit(['doctor']);
    assert.ok(doctor.stdout.includes(`PROBLEM  vault: ${sessionFile} in ${vault}`), doctor.stdout);
    assert.match(doctor.stdout, /fix: vault-git clear \(it is a cached session\)/);

    const clear = await vaultGit(['clear']);
    assert.equal(clear.code, 0, clear.stderr);
    assert.equal(existsSync(join(vault, sessionFile)), false, 'clear removed the damaged session file');
    assert.equal(readFileSync(join(vault, conflicted), 'utf8'), 'garbage from another machine', 'the foreign file was left alone');
  });

  it("a damaged key file breaks only its own profile, with the file's name", async () => {
    const vault = env.VAULT_GIT_FILE_DIR!;
    const before = readdirSync(vault).filter((f) => f.startsWith('c-'));
    // Find beta's file: the one whose damage makes beta, and only beta, fail.
    let damaged: string | undefined;
    for (const file of before) {
      const original = readFileSync(join(vault, file));
      writeFileSync(join(vault, file), original.subarray(0, 60));
      const beta = await vaultGit(['exec', 'beta', '--no-session', '--', 'true']);
      if (beta.code !== 0) {
        damaged = file;
        assert.ok(beta.stderr.includes(join(vault, file)), beta.stderr);
        assert.equal(beta.stderr.trim().split('\n').length <= 2, true);
        const alpha = await vaultGit(['exec', 'alpha', '--no-session', '--', 'true']);
        assert.equal(alpha.code, 0, alpha.stderr);
      }
      writeFileSync(join(vault, file), original);
      if (damaged) break;
    }
    assert.ok(damaged, "damaging one key file broke beta's profile");
  });

  it('a vault directory writable by others or a key file readable by others is refused, and doctor says how to fix it', async () => {
    const vault = env.VAULT_GIT_FILE_DIR!;
    chmodSync(vault, 0o777);
    try {
      const list = await vaultGit(['list']);
      assert.equal(list.code, 1);
      assert.ok(list.stderr.includes(`vault-git: the file vault ${vault} is writable by everyone (mode 0777); refusing to use it`), list.stderr);
      assert.ok(list.stderr.includes(`hint: chmod 700 ${vault}`));
      const doctor = await vaultGit(['doctor']);
      assert.match(doctor.stdout, /PROBLEM {2}vault: the file vault .* is writable by everyone/);
    } finally {
      chmodSync(vault, 0o700);
    }
    const file = join(vault, readdirSync(vault).find((f) => /^c-[0-9a-f]{40}\.json$/.test(f))!);
    chmodSync(file, 0o644);
    try {
      const exec = await vaultGit(['exec', 'alpha', '--no-session', '--', 'true']);
      const beta = await vaultGit(['exec', 'beta', '--no-session', '--', 'true']);
      const refused = [exec, beta].find((result) => result.code !== 0)!;
      assert.ok(refused, 'the profile whose key file is open is refused');
      assert.ok(refused.stderr.includes(`the vault file ${file} is readable by everyone (mode 0644); refusing to use it`), refused.stderr);
      assert.ok(refused.stderr.includes(`hint: chmod 600 ${file}`));
    } finally {
      chmodSync(file, 0o600);
    }
  });

  it('a one-space passphrase does not create a vault; add run twice adds one [profile] section', async () => {
    const fresh = join(isolated.root, 'fresh-vault');
    const weak = await vaultGit(['add', 'gamma', '--env'], { ...KEY, VAULT_GIT_FILE_DIR: fresh, VAULT_GIT_FILE_PASSPHRASE: ' ' });
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /^vault-git: a new file vault needs a passphrase of at least 8 characters, not all of them spaces; nothing was created$/m);
    assert.equal(existsSync(join(fresh, 'vault.json')), false);
    for (let n = 0; n < 2; n++) assert.equal((await vaultGit(['add', 'gamma', '--env'], KEY)).code, 0);
    const config = readFileSync(env.AWS_CONFIG_FILE!, 'utf8');
    assert.equal(config.match(/^\[profile gamma\]$/gm)?.length, 1, config);
  });

  it('the helper signs for https only', async () => {
    const get = await runProcess(helperBin, ['get'], { env: { ...env, ...KEY }, input: REQUEST.replace('https', 'http') });
    assert.deepEqual([get.code, get.stdout, get.stderr], [0, '', '']);
  });

  it('a full disk: the refresh still answers (uncached, with a warning), writes fail with one line, no empty temp files', { skip: !isRoot && 'needs root to mount a tmpfs' }, async () => {
    const mount = join(isolated.root, 'full');
    mkdirSync(mount);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mount]);
    if (mounted.status !== 0) {
      if (process.env.CI) assert.fail(`cannot mount a tmpfs here: ${mounted.stderr}`);
      return;
    }
    try {
      const vault = join(mount, 'vault');
      const full = { VAULT_GIT_FILE_DIR: vault };
      const key = sts.addUser('delta');
      assert.equal((await vaultGit(['add', 'delta', '--env', '--no-add-config'], { ...full, AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey })).code, 0);
      spawnSync('sh', ['-c', `dd if=/dev/zero of='${join(mount, 'filler')}' bs=4k 2>/dev/null; true`]);

      const exec = await vaultGit(['exec', 'delta', '--', 'true'], full);
      assert.equal(exec.code, 0, exec.stderr);
      assert.match(exec.stderr, /^vault-git: could not cache the new GetSessionToken session of profile delta \(.*the disk is full.*\); using it anyway$/m);
      const get = await runProcess(helperBin, ['--profile', 'delta', 'get'], { env: { ...env, ...full }, input: REQUEST });
      assert.equal(get.code, 0, get.stderr);
      assert.match(get.stdout, /^password=/m);

      const add = await vaultGit(['add', 'epsilon', '--env', '--no-add-config'], { ...full, ...KEY });
      assert.equal(add.code, 1);
      assert.match(add.stderr, /^vault-git: cannot (write|create the lock) .*: the disk is full/m);
      assert.doesNotMatch(add.stderr, /internal error/);
      assert.deepEqual(readdirSync(vault).filter((f) => f.includes('.tmp-') || statSync(join(vault, f)).size === 0), [], 'no temp or empty files left');

      spawnSync('mount', ['-o', 'remount,ro', mount]);
      const readOnly = await vaultGit(['add', 'epsilon', '--env', '--no-add-config'], { ...full, ...KEY });
      assert.equal(readOnly.code, 1);
      assert.match(readOnly.stderr, /the file system is read-only/);
      assert.equal((await vaultGit(['exec', 'delta', '--no-session', '--', 'true'], full)).code, 0, 'reading still works');
    } finally {
      spawnSync('umount', [mount]);
    }
  });
});

describe('issue 9: locks, pipes and setup', () => {
  let isolated: IsolatedEnvironment;
  before(() => {
    isolated = createIsolatedEnvironment();
  });
  after(() => isolated.cleanup());

  it('ten processes racing for one stale lock: never two holders at once', async () => {
    const dir = join(isolated.root, 'locks');
    mkdirSync(dir);
    const lock = join(dir, 'refresh.lock');
    const inside = join(dir, 'inside');
    const violations = join(dir, 'violations');
    const module = pathToFileURL(join(projectRoot, 'build/src/shared/withFileLock.js')).href;
    const script = `
      import { openSync, closeSync, unlinkSync, appendFileSync } from 'node:fs';
      import { withFileLock } from ${JSON.stringify(module)};
      await withFileLock(${JSON.stringify(lock)}, async () => {
        try { closeSync(openSync(${JSON.stringify(inside)}, 'wx')); } catch { appendFileSync(${JSON.stringify(violations)}, 'overlap\\n'); return; }
        await new Promise((r) => setTimeout(r, 20));
        unlinkSync(${JSON.stringify(inside)});
      }, { timeoutMs: 20000, staleMs: 60000 });`;
    for (let round = 0; round < 12; round++) {
      // A lock left by a process that died: every contender sees it stale at once.
      writeFileSync(lock, '999999 0\n');
      const children = Array.from({ length: 10 }, () => spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' }));
      await Promise.all(children.map((child) => new Promise((resolve) => child.on('exit', resolve))));
    }
    assert.equal(existsSync(violations) ? readFileSync(violations, 'utf8') : '', '', 'two processes held the lock at once');
  });

  it('list piped to head ends quietly; a slow reader gets every byte', async () => {
    const profiles = Array.from({ length: 3000 }, (_, n) => `[profile customer-${n}-${'x'.repeat(20)}]\nregion = eu-west-1\n`).join('\n');
    writeFileSync(isolated.env.AWS_CONFIG_FILE!, profiles);
    const env = { ...isolated.env, VAULT_GIT_FILE_PASSPHRASE: 'pipes passphrase' };
    const whole = await runProcess(vaultGitBin, ['list'], { env });
    assert.equal(whole.code, 0, whole.stderr);
    assert.ok(whole.stdout.length > 128 * 1024, 'the listing is larger than a pipe buffer');
    const head = await runProcess('sh', ['-c', `'${vaultGitBin}' list | head -n 1`], { env });
    assert.equal(head.stderr, '');
    const slow = await runProcess('sh', ['-c', `'${vaultGitBin}' list | (sleep 1; cat) | wc -c`], { env });
    assert.equal(Number(slow.stdout.trim()), Buffer.byteLength(whole.stdout));
    assert.equal(slow.stderr, '');
  });

  it('setup refuses remote names git refuses, two profiles at once, and unknown regions; codecommit://repo uses AWS_PROFILE, then default', async () => {
    const work = join(isolated.root, 'repo');
    execFileSync('git', ['init', '-q', work], { env: isolated.env });
    const setup = (args: string[], extra: NodeJS.ProcessEnv = {}) => runProcess(vaultGitBin, ['setup', ...args], { env: { ...isolated.env, ...extra }, cwd: work });
    for (const name of ['cc..prod', 'x.lock', 'trailing.']) {
      const result = await setup([name, '--profile', 'env1', '--repo', 'r', '--region', 'eu-west-1', '--write']);
      assert.equal(result.code, 2, `${name}: ${result.stderr}`);
      assert.match(result.stderr, /is not a usable remote name/);
    }
    const mixed = await setup(['cc', '--profile', 'env1', '--url', 'codecommit::eu-west-1://env2@repo']);
    assert.equal(mixed.code, 2);
    assert.match(mixed.stderr, /^vault-git: the URL names profile env2 and --profile names env1; a remote pushes with one profile$/m);
    const unknown = await setup(['cc', '--profile', 'env1', '--repo', 'r', '--region', 'xx-nowhere-1']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^vault-git: xx-nowhere-1 is not an AWS region CodeCommit can be in$/m);
    const unknownHost = await setup(['cc', '--profile', 'env1', '--url', 'https://git-codecommit.eu-nowhere-9.amazonaws.com/v1/repos/r']);
    assert.equal(unknownHost.code, 2);

    const viaEnv = await setup(['cc', '--url', 'codecommit::eu-west-1://repo'], { AWS_PROFILE: 'from-env' });
    assert.equal(viaEnv.code, 0, viaEnv.stderr);
    assert.match(viaEnv.stdout, /--profile from-env"/);
    const viaDefault = await setup(['cc', '--url', 'codecommit::eu-west-1://repo']);
    assert.equal(viaDefault.code, 0, viaDefault.stderr);
    assert.match(viaDefault.stdout, /--profile default"/);
    assert.equal(readFileSync(join(work, '.git/config'), 'utf8').includes('cc..prod'), false);
  });
});

describe("issue 9: inside an exec shell, another profile's remote uses that profile's region; echoed tokens stay redacted", () => {
  let s: SessionScenario;
  let echo: Server;
  let seenToken = '';
  before(async () => {
    s = await startSessionScenario();
    writeFileSync(
      s.env.AWS_CONFIG_FILE!,
      readFileSync(s.env.AWS_CONFIG_FILE!, 'utf8').replace('[profile env1]\n', '[profile env1]\nregion = eu-west-1\n').replace('[profile env2]\n', '[profile env2]\nregion = ap-northeast-1\n'),
    );
    // An endpoint that echoes the session token back, URL-encoded, in its error message.
    echo = createServer((req, res) => {
      seenToken = String(req.headers['x-amz-security-token'] ?? '');
      res.writeHead(400, { 'content-type': 'text/xml' });
      res.end(`<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameterValue</Code><Message>bad token ${encodeURIComponent(seenToken)}</Message></Error></ErrorResponse>`);
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    echo.close();
    await s.stop();
  });

  it("the helper for env2, run inside env1's exec shell, calls STS in env2's region", async () => {
    const morning = await runProcess(vaultGitBin, ['exec', 'env1', '--mfa-token', s.sts.currentCode(MFA_SERIAL), '--', 'true'], { env: s.env });
    assert.equal(morning.code, 0, morning.stderr);
    const inside = await runProcess(vaultGitBin, ['exec', 'env1', '--', 'sh', '-c', `printf '${REQUEST.replace(/\n/g, '\\n')}' | '${helperBin}' --profile env2 get`], { env: s.env });
    assert.equal(inside.code, 0, inside.stderr);
    assert.match(inside.stdout, /^password=/m);
    const roleCall = s.sts.calls.filter((call) => call.action === 'AssumeRole' && call.params.RoleArn?.includes('222222222222')).at(-1);
    assert.equal(roleCall?.region, 'ap-northeast-1');
  });

  it('an STS error that echoes the token URL-encoded prints no piece of it', async () => {
    const exec = await runProcess(vaultGitBin, ['exec', 'env2', '--region', 'eu-central-1', '--', 'true'], { env: { ...s.env, AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${(echo.address() as AddressInfo).port}` } });
    assert.equal(exec.code, 1);
    assert.ok(seenToken.length > 40, 'the endpoint saw a session token');
    assert.match(exec.stderr, /STS AssumeRole failed: InvalidParameterValue: bad token \[redacted\]/);
    for (const form of [seenToken, encodeURIComponent(seenToken), seenToken.slice(10, 30), encodeURIComponent(seenToken).slice(10, 30)]) assert.ok(!exec.stderr.includes(form), exec.stderr);
  });
});
