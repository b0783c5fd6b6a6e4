import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { assertNoSecrets } from '../support/assertNoSecrets.js';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolatedEnvironment.js';
import { vaultGitBin } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';
import { startMoto, type Moto } from '../support/startMoto.js';

describe('sessions against moto_server with signature checking on', () => {
  let moto: Moto;
  let isolated: IsolatedEnvironment;
  let alice: { AccessKeyId: string; SecretAccessKey: string };

  const aws = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runProcess('aws', ['--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--output', 'json', ...args], {
      env: { ...isolated.env, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'x'.repeat(40), ...env },
    });

  before(async () => {
    moto = await startMoto(4);
    isolated = createIsolatedEnvironment({ AWS_ENDPOINT_URL_STS: '', VAULT_GIT_FILE_PASSPHRASE: 'moto passphrase' });
    // The four unauthenticated requests: a user, its key, a policy letting it use STS, and a role it may assume.
    assert.equal((await aws(['iam', 'create-user', '--user-name', 'alice'])).code, 0);
    alice = JSON.parse((await aws(['iam', 'create-access-key', '--user-name', 'alice'])).stdout).AccessKey;
    const allow = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:*', 'iam:*'], Resource: '*' }] });
    assert.equal((await aws(['iam', 'put-user-policy', '--user-name', 'alice', '--policy-name', 'all', '--policy-document', allow])).code, 0);
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/alice' }, Action: 'sts:AssumeRole' }] });
    assert.equal((await aws(['iam', 'create-role', '--role-name', 'dev', '--assume-role-policy-document', trust])).code, 0);
    writeFileSync(
      isolated.env.AWS_CONFIG_FILE!,
      `[profile alice]\nregion = us-east-1\n[profile alice-dev]\nregion = us-east-1\nsource_profile = alice\nrole_arn = arn:aws:iam::123456789012:role/dev\nrole_session_name = vault-git-test\n`,
    );
  });
  after(() => {
    moto?.stop();
    isolated?.cleanup();
  });

  const vaultGit = async (args: string[], extra: NodeJS.ProcessEnv = {}) => {
    const result = await runProcess(vaultGitBin, args, { env: { ...isolated.env, AWS_ENDPOINT_URL_STS: moto.endpoint, ...extra } });
    assertNoSecrets(result, [alice.SecretAccessKey]);
    return result;
  };

  it('exec assumes the role with the stored key (moto verifies our SigV4) and the AWS CLI inside sees the role', async () => {
    const added = await vaultGit(['add', 'alice', '--env'], { AWS_ACCESS_KEY_ID: alice.AccessKeyId, AWS_SECRET_ACCESS_KEY: alice.SecretAccessKey });
    assert.equal(added.code, 0, added.stderr);
    const result = await vaultGit(['exec', 'alice-dev', '--', 'aws', 'sts', 'get-caller-identity', '--output', 'json']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).Arn, 'arn:aws:sts::123456789012:assumed-role/dev/vault-git-test');
    assert.match(result.stderr, /^vault-git: profile alice-dev: account 123456789012, role dev, region us-east-1$/m);
  });

  it('a second exec reuses the cached role session even with moto gone', async () => {
    const result = await vaultGit(['exec', 'alice-dev', '--', 'sh', '-c', 'echo $AWS_ACCESS_KEY_ID'], { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^ASIA/);
  });

  it('a wrong secret is refused by STS with one line naming the profile, and no secret in it', async () => {
    await vaultGit(['clear']);
    const wrong = alice.SecretAccessKey.slice(0, -1) + (alice.SecretAccessKey.endsWith('A') ? 'B' : 'A');
    await vaultGit(['add', 'alice', '--env'], { AWS_ACCESS_KEY_ID: alice.AccessKeyId, AWS_SECRET_ACCESS_KEY: wrong });
    const result = await vaultGit(['exec', 'alice-dev', '--', 'true']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^vault-git: profile alice-dev: STS AssumeRole failed: SignatureDoesNotMatch/);
    assert.ok(!result.stderr.includes(wrong));
  });
});
