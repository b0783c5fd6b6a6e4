import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompactEncrypt } from 'jose';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolatedEnvironment.js';
import { vaultGitBin } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';
import { secretServiceAvailable, startSecretService, type SecretService } from '../support/startSecretService.js';

const KEY = { AccessKeyID: 'AKIAIMPORTEDKEY00001', SecretAccessKey: 'S'.repeat(20) + 'ecretsecretsecretsec' };
const OTHER = { AccessKeyID: 'AKIAIMPORTEDKEY00002', SecretAccessKey: 'T'.repeat(40) };

/** An aws-vault keyring item, as its keyring library marshals it (Data is base64 of the SDK credentials JSON). */
function item(key: string, credentials: Record<string, unknown>): string {
  return JSON.stringify({ Key: key, Data: Buffer.from(JSON.stringify({ SessionToken: '', Source: '', CanExpire: false, Expires: '0001-01-01T00:00:00Z', ...credentials })).toString('base64'), Label: `aws-vault (${key})`, Description: '' });
}

/** What aws-vault's file backend writes, made here by an independent JWE implementation (the jose package). */
async function fileItem(payload: string, passphrase: string): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode(payload))
    .setProtectedHeader({ alg: 'PBES2-HS256+A128KW', enc: 'A256GCM', created: new Date().toString() })
    .setKeyManagementParameters({ p2c: 8192, p2s: new Uint8Array(16).fill(7) })
    .encrypt(new TextEncoder().encode(passphrase));
}

const digestOf = (dir: string) =>
  createHash('sha256')
    .update(readdirSync(dir).sort().map((name) => name + readFileSync(join(dir, name), 'latin1')).join('\n'))
    .digest('hex');

describe('issue 12: import keys from aws-vault and from ~/.aws/credentials', () => {
  let isolated: IsolatedEnvironment;
  let env: NodeJS.ProcessEnv;
  let store: string;
  const vaultGit = (args: string[], extra: NodeJS.ProcessEnv = {}) => runProcess(vaultGitBin, args, { env: { ...env, ...extra } });
  const storedKeyOf = async (profile: string) => (await vaultGit(['export', profile, '--no-session', '--format', 'env'])).stdout.match(/^AWS_ACCESS_KEY_ID=(\S+)$/m)?.[1];

  before(async () => {
    isolated = createIsolatedEnvironment({ VAULT_GIT_FILE_PASSPHRASE: 'vault-git passphrase', AWS_VAULT_FILE_PASSPHRASE: 'aws-vault passphrase', AWS_VAULT_BACKEND: 'file' });
    env = isolated.env;
    store = join(isolated.home, '.awsvault', 'keys');
    mkdirSync(store, { recursive: true, mode: 0o700 });
    writeFileSync(join(store, 'oriishi-t'), await fileItem(item('oriishi-t', KEY), 'aws-vault passphrase'), { mode: 0o600 });
    writeFileSync(join(store, 'other'), await fileItem(item('other', OTHER), 'aws-vault passphrase'), { mode: 0o600 });
    // aws-vault's own sessions and tokens sit beside the keys: never imported.
    writeFileSync(join(store, 'session,b3JpaXNoaS10,,1800000000'), await fileItem(item('session,b3JpaXNoaS10,,1800000000', { AccessKeyID: 'ASIATEMPORARY0000001', SecretAccessKey: 'x'.repeat(40), SessionToken: 'token' }), 'aws-vault passphrase'), { mode: 0o600 });
    writeFileSync(join(store, 'oidc:https%3A%2F%2Fcorp.awsapps.com%2Fstart'), await fileItem(JSON.stringify({ Key: 'oidc:https://corp.awsapps.com/start', Data: Buffer.from('{}').toString('base64') }), 'aws-vault passphrase'), { mode: 0o600 });
    writeFileSync(env.AWS_CONFIG_FILE!, '[profile oriishi-t]\nregion = eu-west-1\n[profile other]\n');
  });
  after(() => isolated.cleanup());

  it('a wrong passphrase for aws-vault\'s file store: one clear line, nothing stored', async () => {
    const result = await vaultGit(['import', '--from', 'aws-vault'], { AWS_VAULT_FILE_PASSPHRASE: 'not it' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^vault-git: wrong passphrase for aws-vault's file store/m);
    assert.equal(await storedKeyOf('oriishi-t'), undefined);
  });

  it('--dry-run lists the keys (masked) and stores nothing', async () => {
    const result = await vaultGit(['import', '--from', 'aws-vault', '--dry-run']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /oriishi-t\s+\*+0001\s+aws-vault file store \S+\s+imported/);
    assert.doesNotMatch(result.stdout, /session|oidc|ASIA/);
    assert.ok(!result.stdout.includes(KEY.AccessKeyID) && !result.stdout.includes(KEY.SecretAccessKey));
    assert.equal(await storedKeyOf('oriishi-t'), undefined);
  });

  it('imports the file store\'s keys (jose-made JWE items), leaves aws-vault\'s files untouched, skips its sessions and tokens', async () => {
    const before = digestOf(store);
    const result = await vaultGit(['import', '--from', 'aws-vault']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await storedKeyOf('oriishi-t'), KEY.AccessKeyID);
    assert.equal(await storedKeyOf('other'), OTHER.AccessKeyID);
    assert.equal(digestOf(store), before);
    assert.equal((await vaultGit(['import', '--from', 'aws-vault'])).stdout.match(/already in the vault/g)?.length, 2, 'running it again changes nothing');
  });

  it('a different key already in vault-git\'s vault is kept unless --force', async () => {
    writeFileSync(join(store, 'other'), await fileItem(item('other', { AccessKeyID: 'AKIAIMPORTEDKEY00003', SecretAccessKey: 'U'.repeat(40) }), 'aws-vault passphrase'));
    const kept = await vaultGit(['import', '--from', 'aws-vault', '--profile', 'other']);
    assert.equal(kept.code, 1);
    assert.match(kept.stdout, /kept: the vault holds another key/);
    assert.equal(await storedKeyOf('other'), OTHER.AccessKeyID);
    const forced = await vaultGit(['import', '--from', 'aws-vault', '--profile', 'other', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(await storedKeyOf('other'), 'AKIAIMPORTEDKEY00003');
  });

  it('--from credentials-file --scrub: the keys move into the vault; only their lines leave the file, after a 0600 backup', async () => {
    const path = env.AWS_SHARED_CREDENTIALS_FILE!;
    const original = [
      '# my keys',
      '[default]',
      'aws_access_key_id = AKIACREDENTIALSFILE1',
      'aws_secret_access_key = ' + 'V'.repeat(40),
      'region = eu-west-1   ; kept',
      '',
      '[temporary]',
      'aws_access_key_id = ASIATEMPORARYKEY0001',
      'aws_secret_access_key = ' + 'W'.repeat(40),
      'aws_session_token = token',
      '',
      '[settings-only]',
      'output = json',
      '',
    ].join('\n');
    writeFileSync(path, original, { mode: 0o600 });
    const result = await vaultGit(['import', '--from', 'credentials-file', '--scrub']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await storedKeyOf('default'), 'AKIACREDENTIALSFILE1');
    assert.equal(readFileSync(path, 'utf8'), original.replace('aws_access_key_id = AKIACREDENTIALSFILE1\n', '').replace(`aws_secret_access_key = ${'V'.repeat(40)}\n`, ''));
    const backup = readdirSync(isolated.home + '/.aws').find((name) => name.startsWith('credentials.vault-git-backup-'))!;
    assert.equal(readFileSync(join(isolated.home, '.aws', backup), 'utf8'), original);
    assert.equal(statSync(join(isolated.home, '.aws', backup)).mode & 0o777, 0o600);
    assert.match(result.stderr, /Removed the keys of default from/);
  });
});

describe('issue 12: import from aws-vault\'s Secret Service collection', { skip: !secretServiceAvailable() && 'no dbus-daemon/gnome-keyring-daemon here (.ci/run installs them)' }, () => {
  let isolated: IsolatedEnvironment;
  let service: SecretService;

  before(async () => {
    // aws-vault's items as its keyring library leaves them: collection "awsvault", label and attribute
    // `profile` = the key, the item JSON as the secret. Written as a keyring file that gnome-keyring loads.
    const secret = item('env-user', KEY);
    service = await startSecretService({
      keyrings: {
        awsvault: `[keyring]\ndisplay-name=awsvault\nctime=1700000000\nmtime=0\nlock-on-idle=false\nlock-after=false\n\n[1]\nitem-type=0\ndisplay-name=env-user\nsecret=${secret}\nmtime=1700000000\nctime=1700000000\n\n[1:attribute0]\nname=profile\ntype=string\nvalue=env-user\n`,
      },
    });
    isolated = createIsolatedEnvironment({ ...service.env, VAULT_GIT_FILE_PASSPHRASE: 'vault-git passphrase', AWS_VAULT_BACKEND: 'secret-service' });
    writeFileSync(isolated.env.AWS_CONFIG_FILE!, '[profile env-user]\nregion = eu-west-1\n[profile missing]\n');
  });
  after(() => {
    service.stop();
    isolated.cleanup();
  });

  it('finds the key by its profile name and stores it; the aws-vault item stays', async () => {
    const result = await runProcess(vaultGitBin, ['import', '--from', 'aws-vault'], { env: isolated.env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /env-user\s+\*+0001\s+aws-vault Secret Service collection awsvault\s+imported/);
    const exported = await runProcess(vaultGitBin, ['export', 'env-user', '--no-session', '--format', 'env'], { env: isolated.env });
    assert.match(exported.stdout, new RegExp(`^AWS_ACCESS_KEY_ID=${KEY.AccessKeyID}$`, 'm'));
    const still = await runProcess('secret-tool', ['search', '--all', '--unlock', 'profile', 'env-user'], { env: isolated.env });
    assert.match(still.stdout, /secret = \{"Key":"env-user"/);
  });
});
