import assert from 'node:assert/strict';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statfsSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signCodeCommitPassword } from '../../src/codecommit/signCodeCommitPassword.js';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolatedEnvironment.js';
import { LocalSts } from '../support/localSts.js';
import { helperBin, vaultGitBin } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';

const REQUEST = 'protocol=https\nhost=git-codecommit.eu-west-1.amazonaws.com\npath=v1/repos/demo\n\n';
const ROLE = 'arn:aws:iam::111111111111:role/Deploy';

/** A tmpfs of our own where the machine has one, as XDG_RUNTIME_DIR is on a desktop. */
function tmpfsDirectory(): string | undefined {
  try {
    return mkdtempSync('/dev/shm/vault-git-hot-');
  } catch {
    return undefined;
  }
}

describe('issue 8: the hot record answers git without the vault, and only while it is the right answer', () => {
  let sts: LocalSts;
  let isolated: IsolatedEnvironment;
  let key: { accessKeyId: string; secretAccessKey: string };
  const tmpfs = tmpfsDirectory();

  function environment(runtime: string): NodeJS.ProcessEnv {
    return { ...isolated.env, VAULT_GIT_RUNTIME_DIR: runtime };
  }
  const helperEnv = (env: NodeJS.ProcessEnv) => {
    const { VAULT_GIT_FILE_PASSPHRASE: _passphrase, ...rest } = env;
    return rest;
  };
  const get = (env: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}) => runProcess(helperBin, ['--profile', 'env1', 'get'], { env: { ...helperEnv(env), ...extra }, input: REQUEST });
  /** With the vault away, only the hot path can answer: the full path finds no key. */
  async function withoutVault<T>(work: () => Promise<T>): Promise<T> {
    const vault = isolated.env.VAULT_GIT_FILE_DIR!;
    renameSync(vault, `${vault}.away`);
    try {
      return await work();
    } finally {
      renameSync(`${vault}.away`, vault);
    }
  }
  const hotFiles = (runtime: string) => readdirSync(runtime).filter((file) => file.startsWith('hot-') && file.endsWith('.json'));

  before(async () => {
    sts = await LocalSts.start();
    key = sts.addUser('hot-user');
    sts.addRole(ROLE, { trustedUsers: ['hot-user'] });
    isolated = createIsolatedEnvironment({ AWS_ENDPOINT_URL_STS: sts.endpoint, VAULT_GIT_FILE_PASSPHRASE: 'hot record passphrase' });
    writeFileSync(isolated.env.AWS_CONFIG_FILE!, `[profile base]\nregion = eu-west-1\n\n[profile env1]\nsource_profile = base\nrole_arn = ${ROLE}\n`);
    const added = await runProcess(vaultGitBin, ['add', 'base', '--env'], { env: { ...isolated.env, AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey } });
    assert.equal(added.code, 0, added.stderr);
  });
  after(async () => {
    await sts.stop();
    isolated.cleanup();
    if (tmpfs) rmSync(tmpfs, { recursive: true, force: true });
  });

  it('after exec, get answers from the record alone: no vault, no STS; plain on a tmpfs, 0600, no long-term key', { skip: !tmpfs && 'no tmpfs (/dev/shm) here' }, async () => {
    const env = environment(tmpfs!);
    const exec = await runProcess(vaultGitBin, ['exec', 'env1', '--', 'true'], { env });
    assert.equal(exec.code, 0, exec.stderr);
    const [record] = hotFiles(tmpfs!);
    assert.equal(record, 'hot-env1.json');
    const path = join(tmpfs!, record!);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const file = JSON.parse(readFileSync(path, 'utf8')) as { sealed: boolean; data: string };
    assert.equal(file.sealed, false);
    const inner = JSON.parse(file.data) as { accessKeyId: string; expiresAt: number };
    assert.match(inner.accessKeyId, /^ASIA/);
    assert.ok(!readFileSync(path, 'utf8').includes(key.secretAccessKey) && !readFileSync(path, 'utf8').includes(key.accessKeyId), 'never the long-term key');

    sts.down = true;
    try {
      const answered = await withoutVault(() => get(env));
      assert.equal(answered.code, 0, answered.stderr);
      assert.match(answered.stdout, new RegExp(`^username=${inner.accessKeyId}%`, 'm'));
      assert.match(answered.stdout, /^password=\d{8}T\d{6}Z[0-9a-f]{64}$/m);
      assert.equal(answered.stderr, '');
      // vault-git credential get is the same helper.
      const again = await withoutVault(() => runProcess(vaultGitBin, ['credential', '--profile', 'env1', 'get'], { env: helperEnv(env), input: REQUEST }));
      assert.match(again.stdout, new RegExp(`^username=${inner.accessKeyId}%`, 'm'));
    } finally {
      sts.down = false;
    }
  });

  it("the record keeps today's signing key for the request's region; get signs with it, correctly, and derives what it lacks", { skip: !tmpfs && 'no tmpfs' }, async () => {
    const env = environment(tmpfs!);
    const path = join(tmpfs!, 'hot-env1.json');
    // exec knows no CodeCommit region here (env1 has no region of its own); the helper's full path does.
    assert.equal((await runProcess(vaultGitBin, ['exec', 'env1', '--', 'true'], { env })).code, 0);
    const keysOf = () => Object.keys((JSON.parse((JSON.parse(readFileSync(path, 'utf8')) as { data: string }).data) as { signingKeys: object }).signingKeys);
    assert.deepEqual(keysOf(), []);
    // With a region for the profile (here from the environment), exec keeps that region's key.
    assert.equal((await runProcess(vaultGitBin, ['exec', 'env1', '--', 'true'], { env: { ...env, AWS_REGION: 'us-west-2' } })).code, 0);
    assert.deepEqual([...new Set(keysOf().map((name) => name.split('/')[1]))], ['us-west-2']);
    rmSync(path);
    const full = await get(env);
    assert.equal(full.code, 0, full.stderr);
    const file = JSON.parse(readFileSync(path, 'utf8')) as { sealed: boolean; data: string };
    const inner = JSON.parse(file.data) as { secretAccessKey: string; signingKeys: Record<string, string> };
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    assert.deepEqual(Object.keys(inner.signingKeys).filter((name) => name.startsWith(day)), [`${day}/eu-west-1`], "today's key for the request's region");
    const expected = (password: string) => {
      const [, stamp] = /^password=(\d{8}T\d{6})Z/m.exec(password)!;
      const date = new Date(`${stamp!.slice(0, 4)}-${stamp!.slice(4, 6)}-${stamp!.slice(6, 8)}T${stamp!.slice(9, 11)}:${stamp!.slice(11, 13)}:${stamp!.slice(13, 15)}Z`);
      return signCodeCommitPassword({ secretAccessKey: inner.secretAccessKey, hostname: 'git-codecommit.eu-west-1.amazonaws.com', region: 'eu-west-1', path: 'v1/repos/demo', date });
    };
    const withKey = await withoutVault(() => get(env));
    assert.match(withKey.stdout, new RegExp(`^password=${expected(withKey.stdout)}$`, 'm'));
    // A record whose key is not a key (or is missing): the hot path derives it, and still answers right.
    for (const keys of [{ [`${day}/eu-west-1`]: 'not hex' }, {}]) {
      writeFileSync(path, JSON.stringify({ ...file, data: JSON.stringify({ ...inner, signingKeys: keys }) }), { mode: 0o600 });
      const derived = await withoutVault(() => get(env));
      assert.equal(derived.code, 0, derived.stderr);
      assert.match(derived.stdout, new RegExp(`^password=${expected(derived.stdout)}$`, 'm'));
    }
  });

  it('a changed config, another region in the environment, AWS_MIN_TTL beyond what is left: the record is not used', { skip: !tmpfs && 'no tmpfs' }, async () => {
    const env = environment(tmpfs!);
    assert.equal((await withoutVault(() => get(env))).code, 0, 'the record answers before the change');
    assert.notEqual((await withoutVault(() => get(env, { AWS_REGION: 'us-west-2' }))).code, 0, 'another AWS_REGION');
    assert.notEqual((await withoutVault(() => get(env, { AWS_MIN_TTL: '2h' }))).code, 0, 'less left than AWS_MIN_TTL');
    appendFileSync(isolated.env.AWS_CONFIG_FILE!, '\n# edited\n');
    assert.notEqual((await withoutVault(() => get(env))).code, 0, 'a changed config file');
    // The full path answers again (with the vault back) and writes a record for the new config.
    const full = await get(env);
    assert.equal(full.code, 0, full.stderr);
    assert.equal((await withoutVault(() => get(env))).code, 0);
  });

  it('an edit of the same size with its modification time put back (touch -r, sync tools) is still a changed config', { skip: !tmpfs && 'no tmpfs' }, async () => {
    const env = environment(tmpfs!);
    const config = isolated.env.AWS_CONFIG_FILE!;
    // Whole seconds, so that putting the time back restores it exactly: only the change time differs.
    const fixed = new Date('2026-01-01T00:00:00Z');
    appendFileSync(config, '\n# note A\n');
    utimesSync(config, fixed, fixed);
    const full = await get(env);
    assert.equal(full.code, 0, full.stderr);
    assert.equal((await withoutVault(() => get(env))).code, 0, 'the record answers for this config');
    const sizeBefore = statSync(config).size;
    writeFileSync(config, readFileSync(config, 'utf8').replace('# note A', '# note B'));
    utimesSync(config, fixed, fixed);
    assert.equal(statSync(config).size, sizeBefore);
    assert.equal(statSync(config).mtimeMs, fixed.getTime());
    assert.notEqual((await withoutVault(() => get(env))).code, 0, 'same size and modification time, other contents');
    assert.equal((await get(env)).code, 0, 'the full path answers and writes a record for the new contents');
  });

  it('a damaged, oversized, linked or foreign-owned record is ignored, never trusted', { skip: !tmpfs && 'no tmpfs' }, async () => {
    const env = environment(tmpfs!);
    const path = join(tmpfs!, 'hot-env1.json');
    const good = readFileSync(path);
    const cases: Array<[string, () => void]> = [
      ['damaged', () => writeFileSync(path, '{"v":1,"sealed":false,"data":"{not json', { mode: 0o600 })],
      ['oversized', () => writeFileSync(path, Buffer.concat([good, Buffer.alloc(70 * 1024, 0x20)]), { mode: 0o600 })],
      ['a link', () => {
        const elsewhere = join(isolated.root, 'planted-record.json');
        writeFileSync(elsewhere, good, { mode: 0o600 });
        symlinkSync(elsewhere, path);
      }],
      ['readable by others', () => writeFileSync(path, good, { mode: 0o644 })],
    ];
    if (process.getuid?.() === 0) cases.push(['foreign-owned', () => {
      writeFileSync(path, good, { mode: 0o600 });
      chownSync(path, 65534, 65534);
    }]);
    for (const [name, damage] of cases) {
      rmSync(path, { force: true });
      damage();
      const result = await withoutVault(() => get(env));
      assert.notEqual(result.code, 0, `${name}: the record was used`);
      assert.doesNotMatch(result.stderr, /internal error|\n\s+at /, name);
      rmSync(path, { force: true });
      assert.equal((await get(env)).code, 0, `${name}: the full path answers and writes a fresh record`);
    }
  });

  it('clear, erase, add and remove drop the records; exec with --no-session or --region writes none', { skip: !tmpfs && 'no tmpfs' }, async () => {
    const env = environment(tmpfs!);
    const vaultGit = (args: string[], extra: NodeJS.ProcessEnv = {}) => runProcess(vaultGitBin, args, { env: { ...env, ...extra } });
    // After a clear the role is assumed from the long-term key again, which needs the file vault's passphrase.
    const renew = () => get(env, { VAULT_GIT_FILE_PASSPHRASE: env.VAULT_GIT_FILE_PASSPHRASE });
    assert.deepEqual(hotFiles(tmpfs!), ['hot-env1.json']);
    assert.equal((await vaultGit(['clear'])).code, 0);
    assert.deepEqual(hotFiles(tmpfs!), []);

    assert.equal((await renew()).code, 0);
    const erase = await runProcess(helperBin, ['--profile', 'env1', 'erase'], { env: helperEnv(env), input: REQUEST });
    assert.equal(erase.code, 0, erase.stderr);
    assert.deepEqual(hotFiles(tmpfs!), []);

    assert.equal((await renew()).code, 0);
    assert.equal((await vaultGit(['add', 'spare', '--env', '--no-add-config'], { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' })).code, 0);
    assert.deepEqual(hotFiles(tmpfs!), [], 'add drops them');
    assert.equal((await renew()).code, 0);
    assert.equal((await vaultGit(['remove', 'spare', '--force'])).code, 0);
    assert.deepEqual(hotFiles(tmpfs!), [], 'remove drops them');

    assert.equal((await vaultGit(['exec', 'base', '--no-session', '--', 'true'])).code, 0);
    assert.equal((await vaultGit(['exec', 'env1', '--region', 'us-west-2', '--', 'true'])).code, 0);
    assert.deepEqual(hotFiles(tmpfs!), [], 'the long-term key, and answers made with flags, are never recorded');
  });

  // Where the temp directory itself is a tmpfs, the record is plain there too: nothing to seal.
  const tempIsTmpfs = statfsSync(tmpdir()).type === 0x01021994;
  it('on a runtime directory that is not a tmpfs the record is sealed, and still answers', { skip: tempIsTmpfs && 'the temp directory is a tmpfs here' }, async () => {
    const runtime = join(isolated.root, 'disk-runtime');
    const env = environment(runtime);
    assert.equal((await runProcess(vaultGitBin, ['exec', 'env1', '--', 'true'], { env })).code, 0);
    const text = readFileSync(join(runtime, 'hot-env1.json'), 'utf8');
    const file = JSON.parse(text) as { sealed: boolean };
    assert.equal(file.sealed, true);
    assert.doesNotMatch(text, /ASIA[A-Z0-9]{16}/, 'no key id in clear');
    assert.equal(statSync(join(runtime, 'hot-key')).mode & 0o777, 0o600);
    const answered = await withoutVault(() => get(env));
    assert.equal(answered.code, 0, answered.stderr);
    assert.ok(existsSync(join(runtime, 'hot-env1.json')));
  });
});
