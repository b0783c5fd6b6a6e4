import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileBackend } from '../../src/vault/file/FileBackend.js';
import { SessionStore } from '../../src/aws/sessions/SessionStore.js';
import { assertNoSecrets } from '../support/assertNoSecrets.js';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolatedEnvironment.js';
import { projectRoot, vaultGitBin } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';
import { runPty } from '../support/runPty.js';
import { secretServiceAvailable, startSecretService, type SecretService } from '../support/startSecretService.js';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PASSPHRASE = 'integration passphrase';
const SECRETS = [SECRET, PASSPHRASE];

describe('vault-git add, list, remove, migrate', () => {
  let isolated: IsolatedEnvironment;
  let service: SecretService | undefined;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    isolated = createIsolatedEnvironment({ VAULT_GIT_FILE_PASSPHRASE: PASSPHRASE });
    if (secretServiceAvailable()) service = await startSecretService();
    env = { ...isolated.env, ...(service?.env ?? {}) };
  });
  after(() => {
    service?.stop();
    isolated.cleanup();
  });

  const vaultGit = async (args: string[], extra: NodeJS.ProcessEnv = {}, input = '') => {
    const result = await runProcess(vaultGitBin, args, { env: { ...env, ...extra }, input });
    assertNoSecrets(result, SECRETS);
    return result;
  };

  it('add --env stores the key in the file vault and adds the profile to the config', async () => {
    const result = await vaultGit(['add', 'base', '--env'], { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /Added \*+MPLE for profile base to the file vault/);
    assert.match(readFileSync(env.AWS_CONFIG_FILE!, 'utf8'), /^\[profile base\]$/m);
    const files = readFileSync(join(env.VAULT_GIT_FILE_DIR!, 'vault.json'), 'utf8');
    assert.ok(!files.includes(SECRET));
  });

  it('--version prints the package version', async () => {
    const result = await vaultGit(['--version']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout.trim(), JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version);
  });

  it('list shows the profile with the key masked to its last four characters', async () => {
    const result = await vaultGit(['list']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Vault: file \(.*\.vault-git\); chosen with VAULT_GIT_BACKEND/);
    assert.match(result.stdout, /^base\s+\*{16}MPLE\s+-$/m);
    const json = JSON.parse((await vaultGit(['list', '--json'])).stdout);
    assert.equal(json.backend, 'file');
    assert.deepEqual(json.profiles.find((p: { profile: string }) => p.profile === 'base').credentials, '****************MPLE');
  });

  it('add reads the key from the terminal with the secret not echoed, never from stdin', async () => {
    const result = await runPty(`${vaultGitBin} add typed`, [KEY_ID, SECRET], env);
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /Enter Access Key ID: AKIAIOSFODNN7EXAMPLE/);
    assert.ok(!result.stdout.includes(SECRET), 'the secret was echoed');
    assert.match((await vaultGit(['list'])).stdout, /^typed\s+\*{16}MPLE/m);
  });

  it('add without a terminal and without --env fails with one clear line', async () => {
    const result = await vaultGit(['add', 'no-tty'], { }, `${KEY_ID}\n${SECRET}\n`);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^vault-git: no terminal to ask for the access key id$/m);
  });

  it('add refuses a profile whose keys would never be used (source_profile)', async () => {
    writeFileSync(env.AWS_CONFIG_FILE!, readFileSync(env.AWS_CONFIG_FILE!, 'utf8') + '\n[profile role]\nsource_profile = base\nrole_arn = arn:aws:iam::111111111111:role/R\n');
    const result = await vaultGit(['add', 'role', '--env'], { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /profile role has source_profile = base/);
    assert.match(result.stderr, /hint: store the key for the source instead: vault-git add base/);
  });

  it('add validates key shapes and profile names (usage errors, exit 2)', async () => {
    for (const [args, extra, pattern] of [
      [['add', 'x', '--env'], { AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET }, /temporary credentials/],
      [['add', 'x', '--env'], { AWS_ACCESS_KEY_ID: 'AKIA123', AWS_SECRET_ACCESS_KEY: SECRET }, /does not look like an IAM user key/],
      [['add', 'x', '--env'], { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: 'short' }, /secret access key does not look like one/],
      [['add', 'bad name]\n[profile evil', '--env'], { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET }, /is not a usable profile name/],
    ] as const) {
      const result = await vaultGit([...args], extra);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, pattern);
      assert.equal(result.stderr.trim().split('\n').length, 1);
    }
  });

  it('a wrong passphrase is one clear error and changes nothing', async () => {
    const before = readFileSync(join(env.VAULT_GIT_FILE_DIR!, 'vault.json'));
    const result = await runProcess(vaultGitBin, ['add', 'other', '--env'], {
      env: { ...env, VAULT_GIT_FILE_PASSPHRASE: 'not the passphrase', AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET },
    });
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trim(), `vault-git: wrong passphrase for the file vault at ${env.VAULT_GIT_FILE_DIR}; nothing was changed`);
    assert.deepEqual(readFileSync(join(env.VAULT_GIT_FILE_DIR!, 'vault.json')), before);
  });

  it('replacing a key drops the sessions made from the old one', async () => {
    const backend = new FileBackend({ directory: env.VAULT_GIT_FILE_DIR!, passphrase: async () => PASSPHRASE, env });
    await new SessionStore(backend, env).write(
      { type: 'GetSessionToken', profile: 'base', sourceProfile: 'base', fingerprint: 'abc123', keyedBy: {} },
      { accessKeyId: 'ASIAEXAMPLE000000001', secretAccessKey: 'a'.repeat(40), sessionToken: 'IQoJ'.padEnd(64, 'x'), expiration: new Date(4_000_000_000_000) },
    );
    assert.match((await vaultGit(['list'])).stdout, /^base\s+\S+\s+GetSessionToken:/m);
    const result = await vaultGit(['add', 'base', '--env'], { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET });
    assert.match(result.stderr, /Dropped 1 cached session made from the previous key/);
    assert.deepEqual(await backend.list('session'), []);
  });

  it('remove asks on the terminal; without one it needs --force', async () => {
    const noTty = await vaultGit(['remove', 'typed']);
    assert.equal(noTty.code, 1);
    assert.match(noTty.stderr, /no terminal to confirm the removal\nvault-git: hint: vault-git remove typed --force/);
    const declined = await runPty(`${vaultGitBin} remove typed`, ['n'], env);
    assert.match(declined.stdout, /Nothing removed/);
    const confirmed = await runPty(`${vaultGitBin} remove typed`, ['y'], env);
    assert.equal(confirmed.code, 0, confirmed.stdout);
    assert.doesNotMatch((await vaultGit(['list'])).stdout, /^typed\s+\*/m);
    const missing = await vaultGit(['remove', 'typed', '--force']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no key is stored for profile typed/);
  });

  it('migrate moves keys from the file vault to the keychain and back without loss', { skip: !secretServiceAvailable() }, async () => {
    const there = await vaultGit(['migrate', '--from', 'file', '--to', 'keychain']);
    assert.equal(there.code, 0, there.stderr);
    assert.match(there.stderr, /Moved 1 key from the file vault to the keychain vault/);
    assert.match((await vaultGit(['list', '--backend', 'keychain'])).stdout, /^base\s+\*{16}MPLE/m);
    assert.doesNotMatch((await vaultGit(['list', '--backend', 'file'])).stdout, /^base\s+\*{16}/m);
    const back = await vaultGit(['migrate', '--from', 'keychain', '--to', 'file']);
    assert.equal(back.code, 0, back.stderr);
    assert.match((await vaultGit(['list', '--backend', 'file'])).stdout, /^base\s+\*{16}MPLE/m);
    assert.doesNotMatch((await vaultGit(['list', '--backend', 'keychain'])).stdout, /^base\s+\*{16}/m);
  });

  it('without VAULT_GIT_BACKEND the keychain is chosen when it answers, and list says so', { skip: !secretServiceAvailable() }, async () => {
    const result = await vaultGit(['list'], { VAULT_GIT_BACKEND: '' });
    assert.match(result.stdout, /^Vault: keychain \(the Secret Service \(D-Bus\)\); automatic: the Secret Service \(D-Bus\) answered/);
    const noBus = await vaultGit(['list'], { VAULT_GIT_BACKEND: '', DBUS_SESSION_BUS_ADDRESS: '' });
    assert.match(noBus.stdout, /^Vault: file .*automatic: no D-Bus session/);
  });
});
