import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createIsolatedEnvironment } from '../support/isolatedEnvironment.js';
import { loadCodeCommitVectors } from '../support/loadCodeCommitVectors.js';
import { helperBin, vaultGitBin } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';

const fixture = loadCodeCommitVectors();
const isolated = createIsolatedEnvironment({ AWS_ACCESS_KEY_ID: fixture.accessKeyId, AWS_SECRET_ACCESS_KEY: fixture.secretAccessKey });
after(() => isolated.cleanup());

function underFaketime(time: string, bin: string, args: string[], input: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const frozen = time.replace('T', ' ').replace('Z', '');
  return runProcess('faketime', ['-f', frozen, bin, ...args], {
    input,
    env: { ...isolated.env, ...extraEnv, TZ: 'UTC', FAKETIME_DONT_FAKE_MONOTONIC: '1' },
  });
}

describe('git-credential-vault get, as a process under a frozen clock', () => {
  // One vector per host and path shape, with and without a token, through both executables.
  const sample = fixture.vectors.filter((_, index) => index % 8 === 0 || index % 8 === 5).slice(0, 24);
  for (const vector of sample) {
    it(`prints what the AWS CLI printed for ${vector.host} ${vector.path}${vector.withToken ? ' with a session token' : ''}`, async () => {
      const input = `protocol=https\nhost=${vector.host}\npath=${vector.path}\n\n`;
      const extra = vector.withToken ? { AWS_SESSION_TOKEN: fixture.sessionToken } : {};
      for (const [bin, args] of [[helperBin, ['get']], [vaultGitBin, ['credential', 'get']]] as const) {
        const result = await underFaketime(vector.time, bin, [...args], input, extra);
        assert.equal(result.stderr, '');
        assert.equal(result.code, 0);
        const lines = result.stdout.split('\n');
        assert.equal(lines[0], `username=${vector.username}`);
        assert.equal(lines[1], `password=${vector.password}`);
        assert.match(lines[2]!, /^password_expiry_utc=\d+$/);
        assert.equal(lines.length, 4);
      }
    });
  }
});

describe('bad input gets one line on stderr, nothing on stdout, no stack trace', () => {
  const cases: Array<[string, string | Buffer]> = [
    ['binary garbage', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x00])],
    ['a 1 MB line', `protocol=https\nhost=${'x'.repeat(1024 * 1024)}\n`],
    ['a line without =', 'protocol=https\nthis is not a pair\n'],
    ['invalid UTF-8', Buffer.from([0x68, 0x6f, 0x73, 0x74, 0x3d, 0xc3, 0x28, 0x0a])],
  ];
  for (const [name, input] of cases) {
    it(name, async () => {
      const result = await runProcess(helperBin, ['get'], { input, env: isolated.env });
      assert.equal(result.stdout, '');
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, /^vault-git: /);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
      assert.equal(result.code, 1);
    });
  }

  for (const [name, input] of [
    ['a missing host', 'protocol=https\npath=v1/repos/x\n'],
    ['a host with odd characters', 'protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com%0aevil\npath=v1/repos/x\n'],
    ['an empty request', ''],
  ] as const) {
    it(`${name}: not ours, so nothing at all and exit 0`, async () => {
      const result = await runProcess(helperBin, ['get'], { input, env: isolated.env });
      assert.deepEqual([result.stdout, result.stderr, result.code], ['', '', 0]);
    });
  }

  it('an unknown operation is ignored silently', async () => {
    const result = await runProcess(helperBin, ['frobnicate'], { input: 'protocol=https\nhost=x\n', env: isolated.env });
    assert.deepEqual([result.stdout, result.stderr, result.code], ['', '', 0]);
  });

  it('never prints the secret key, even when asked to debug a failure', async () => {
    const result = await runProcess(helperBin, ['--debug', 'get'], {
      input: 'protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\n',
      env: isolated.env,
    });
    assert.ok(!result.stderr.includes(fixture.secretAccessKey));
    assert.ok(!result.stdout.includes(fixture.secretAccessKey));
  });
});
