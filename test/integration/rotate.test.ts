import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { assertNoSecrets } from '../support/assertNoSecrets.js';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolatedEnvironment.js';
import { vaultGitBin } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';
import { startMoto, type Moto } from '../support/startMoto.js';
import { LocalSts } from '../support/localSts.js';

describe('issue 12: rotate against moto_server\'s IAM and STS (signatures checked)', () => {
  let moto: Moto;
  let isolated: IsolatedEnvironment;
  const users: Record<string, { AccessKeyId: string; SecretAccessKey: string }> = {};

  const aws = (args: string[], key?: { AccessKeyId: string; SecretAccessKey: string }) =>
    runProcess('aws', ['--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--output', 'json', ...args], {
      env: { ...isolated.env, AWS_ACCESS_KEY_ID: key?.AccessKeyId ?? 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: key?.SecretAccessKey ?? 'x'.repeat(40) },
    });
  const vaultGit = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    runProcess(vaultGitBin, args, { env: { ...isolated.env, AWS_ENDPOINT_URL_STS: moto.endpoint, AWS_ENDPOINT_URL_IAM: moto.endpoint, ...extra } });
  const storedKey = async (profile: string) => (await vaultGit(['export', profile, '--no-session', '--format', 'env'])).stdout.match(/^AWS_ACCESS_KEY_ID=(\S+)$/m)?.[1];

  before(async () => {
    // Six unauthenticated requests set up two users with keys and policies; everything after is signed.
    moto = await startMoto(6);
    isolated = createIsolatedEnvironment({ VAULT_GIT_FILE_PASSPHRASE: 'rotate passphrase' });
    const allow = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:*', 'iam:*'], Resource: '*' }] });
    for (const user of ['alice', 'bob']) {
      assert.equal((await aws(['iam', 'create-user', '--user-name', user])).code, 0);
      users[user] = JSON.parse((await aws(['iam', 'create-access-key', '--user-name', user])).stdout).AccessKey;
      assert.equal((await aws(['iam', 'put-user-policy', '--user-name', user, '--policy-name', 'all', '--policy-document', allow])).code, 0);
    }
    writeFileSync(isolated.env.AWS_CONFIG_FILE!, '[profile alice]\nregion = us-east-1\n[profile bob]\nregion = us-east-1\n[profile alice-role]\nsource_profile = alice\nrole_arn = arn:aws:iam::123456789012:role/x\n');
    for (const user of ['alice', 'bob']) {
      const added = await vaultGit(['add', user, '--env'], { AWS_ACCESS_KEY_ID: users[user]!.AccessKeyId, AWS_SECRET_ACCESS_KEY: users[user]!.SecretAccessKey });
      assert.equal(added.code, 0, added.stderr);
    }
  });
  after(() => {
    moto?.stop();
    isolated?.cleanup();
  });

  it('creates a new key, checks it, stores it, deletes the old one; the old key stops working', async () => {
    const result = await vaultGit(['rotate', 'alice']);
    assert.equal(result.code, 0, result.stderr);
    assertNoSecrets(result, [users.alice!.SecretAccessKey]);
    assert.match(result.stderr, /Rotated profile alice: \*+\w{4} deleted, \*+\w{4} stored in the file vault/);
    const fresh = await storedKey('alice');
    assert.ok(fresh && fresh !== users.alice!.AccessKeyId);
    const listed = JSON.parse((await aws(['iam', 'list-access-keys', '--user-name', 'alice'], users.bob)).stdout) as { AccessKeyMetadata: Array<{ AccessKeyId: string }> };
    assert.deepEqual(listed.AccessKeyMetadata.map((key) => key.AccessKeyId), [fresh]);
    const oldKey = await aws(['sts', 'get-caller-identity'], users.alice);
    assert.notEqual(oldKey.code, 0, 'the old key is gone');
    // And the stored key is the one that works.
    const exec = await vaultGit(['exec', 'alice', '--no-session', '--', 'aws', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', 'sts', 'get-caller-identity', '--query', 'Arn', '--output', 'text']);
    assert.equal(exec.code, 0, exec.stderr);
    assert.equal(exec.stdout.trim(), 'arn:aws:iam::123456789012:user/alice');
  });

  it('a user with two keys already: nothing changes, and the line says which key to delete', async () => {
    const fresh = await storedKey('alice');
    const extra = JSON.parse((await vaultGit(['exec', 'alice', '--no-session', '--', 'aws', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--output', 'json', 'iam', 'create-access-key'])).stdout).AccessKey as { AccessKeyId: string };
    const result = await vaultGit(['rotate', 'alice']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /the IAM user already has two access keys, the most IAM allows; nothing was changed/);
    assert.match(result.stderr, new RegExp(`delete the one vault-git does not hold \\(ending in ${extra.AccessKeyId.slice(-4)}\\)`));
    assert.equal(await storedKey('alice'), fresh);
  });

  it('a profile without a key of its own names the one to rotate', async () => {
    const result = await vaultGit(['rotate', 'alice-role']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /profile alice-role has no long-term key of its own in the vault/);
    assert.match(result.stderr, /hint: rotate the key it uses: vault-git rotate alice/);
  });

  it('IAM unreachable: one line, and the stored key is untouched', async () => {
    const before = await storedKey('bob');
    const result = await vaultGit(['rotate', 'bob', '--no-session'], { AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:9' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^vault-git: IAM ListAccessKeys failed: cannot reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)$/m);
    assert.equal(await storedKey('bob'), before);
  });
});

describe('issue 12: rotate through an MFA session, against the local STS and IAM (TOTP and signatures checked)', () => {
  const SERIAL = 'arn:aws:iam::000000000000:mfa/carol';
  let sts: LocalSts;
  let isolated: IsolatedEnvironment;
  let key: { accessKeyId: string; secretAccessKey: string };
  const vaultGit = (args: string[]) => runProcess(vaultGitBin, args, { env: { ...isolated.env, AWS_ENDPOINT_URL_STS: sts.endpoint, AWS_ENDPOINT_URL_IAM: sts.endpoint } });

  before(async () => {
    sts = await LocalSts.start();
    key = sts.addUser('carol');
    sts.addMfaDevice('carol', SERIAL);
    // carol's policy: no IAM call without MFA; and new keys take a few seconds to work.
    sts.iamRequiresMfa.add('carol');
    sts.newKeyDelayMs = 2500;
    isolated = createIsolatedEnvironment({ VAULT_GIT_FILE_PASSPHRASE: 'rotate passphrase' });
    writeFileSync(isolated.env.AWS_CONFIG_FILE!, `[profile carol]\nmfa_serial = ${SERIAL}\n`);
    const added = await runProcess(vaultGitBin, ['add', 'carol', '--env'], { env: { ...isolated.env, AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey } });
    assert.equal(added.code, 0, added.stderr);
  });
  after(async () => {
    await sts.stop();
    isolated.cleanup();
  });

  it('without MFA the IAM call is refused and nothing changes', async () => {
    const result = await vaultGit(['rotate', 'carol', '--no-session']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /IAM ListAccessKeys failed: AccessDenied: .*MultiFactorAuthPresent/);
    assert.equal(sts.count('CreateAccessKey'), 0);
  });

  it('with the code: GetSessionToken with MFA, a new key retried until it works, stored, the old one deleted', async () => {
    const result = await vaultGit(['rotate', 'carol', '--mfa-token', sts.currentCode(SERIAL)]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(sts.calls.find((call) => call.action === 'GetSessionToken' && call.status === 200)?.params.SerialNumber, SERIAL);
    assert.ok(sts.calls.some((call) => call.action === 'GetCallerIdentity' && call.error === 'InvalidClientTokenId'), 'the new key was refused at first, and retried while it propagated');
    assert.equal(sts.count('DeleteAccessKey'), 1);
    const exported = await vaultGit(['export', 'carol', '--no-session', '--format', 'env']);
    const stored = /^AWS_ACCESS_KEY_ID=(\S+)$/m.exec(exported.stdout)?.[1];
    assert.ok(stored && stored !== key.accessKeyId);
    assert.equal(sts.calls.at(-1)?.status, 200);
  });
});
