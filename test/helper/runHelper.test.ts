import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { HelperContext } from '../../src/helper/HelperContext.js';
import { runHelper } from '../../src/helper/runHelper.js';
import { selectCredentialSource } from '../../src/helper/selectCredentialSource.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const env = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET };
const now = new Date('2026-01-02T03:04:05Z');

function context(overrides: Partial<HelperContext> = {}): HelperContext {
  return { env, now: () => now, selectCredentialSource, ...overrides };
}

const request = (host: string, extra = 'path=v1/repos/myrepo\n') => Buffer.from(`protocol=https\nhost=${host}\n${extra}\n`);

describe('runHelper', () => {
  it('answers get for CodeCommit with username, password and password_expiry_utc', async () => {
    const outcome = await runHelper(['get'], request('git-codecommit.us-east-1.amazonaws.com'), context());
    assert.equal(outcome.exitCode, 0);
    assert.deepEqual(outcome.stderr, []);
    assert.equal(
      outcome.stdout,
      'username=AKIDEXAMPLE\npassword=20260102T030405Z2cf03f2092ff6eb3b34ca4ce4fe5bb15ea4bc15ab2441ce1b397b3fdabf05d91\npassword_expiry_utc=1767323885\n',
    );
  });

  it('adds ephemeral=1 when git announces the authtype capability (2.46+)', async () => {
    const outcome = await runHelper(['get'], Buffer.from('capability[]=authtype\nprotocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\npath=v1/repos/myrepo\n'), context());
    assert.match(outcome.stdout, /^capability\[\]=authtype\nusername=AKIDEXAMPLE\npassword=\S+\npassword_expiry_utc=\d+\nephemeral=1\n$/);
  });

  for (const host of ['github.com', 'git-codecommit.us-east-1.amazonaws.com.evil.example', 's3.amazonaws.com']) {
    it(`prints nothing and exits 0 for ${host}, so other helpers can answer`, async () => {
      const outcome = await runHelper(['get'], request(host), context());
      assert.deepEqual(outcome, { stdout: '', stderr: [], exitCode: 0 });
    });
  }

  it('ignores non-HTTP protocols', async () => {
    const outcome = await runHelper(['get'], Buffer.from('protocol=ssh\nhost=git-codecommit.us-east-1.amazonaws.com\npath=v1/repos/x\n'), context());
    assert.deepEqual(outcome, { stdout: '', stderr: [], exitCode: 0 });
  });

  it('explains a missing path with the exact config line instead of signing', async () => {
    const outcome = await runHelper(['get'], request('git-codecommit.eu-west-1.amazonaws.com:443', ''), context());
    // issue 9: quit=1 so git does not go on to ask for a username on the terminal.
    assert.equal(outcome.stdout, 'quit=1\n');
    assert.equal(outcome.exitCode, 1);
    assert.match(outcome.stderr.join('\n'), /git config --global credential\.https:\/\/git-codecommit\.eu-west-1\.amazonaws\.com:443\.useHttpPath true/);
  });

  it('issue 9: refuses expired environment credentials (an exec shell that outlived its session) and tells git to quit', async () => {
    const expired = { ...env, AWS_SESSION_TOKEN: 'IQoJtoken', AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00Z', AWS_VAULT: 'env1' };
    const outcome = await runHelper(['get'], request('git-codecommit.us-east-1.amazonaws.com'), context({ env: expired }));
    assert.equal(outcome.exitCode, 1);
    assert.equal(outcome.stdout, 'quit=1\n');
    assert.deepEqual(outcome.stderr, [
      "vault-git: the environment's AWS credentials of the exec shell for profile env1 expired at 2020-01-01T00:00:00.000Z",
      'vault-git: hint: leave that shell and start a new one: vault-git exec env1',
    ]);
  });

  it('store and unknown operations succeed silently; erase for other hosts too', async () => {
    for (const op of ['store', 'capability', 'frobnicate']) {
      assert.deepEqual(await runHelper([op], request('git-codecommit.us-east-1.amazonaws.com'), context()), { stdout: '', stderr: [], exitCode: 0 });
    }
    assert.deepEqual(await runHelper(['erase'], request('github.com'), context()), { stdout: '', stderr: [], exitCode: 0 });
  });

  it('without credentials anywhere, says so in one line plus a hint, without a stack', async () => {
    const home = mkdtempSync(join(tmpdir(), 'vault-git-helper-'));
    const empty = { HOME: home, AWS_CONFIG_FILE: join(home, 'config'), VAULT_GIT_BACKEND: 'file', VAULT_GIT_FILE_DIR: join(home, 'vault') };
    const outcome = await runHelper(['get'], request('git-codecommit.us-east-1.amazonaws.com'), context({ env: empty }));
    rmSync(home, { recursive: true, force: true });
    assert.equal(outcome.stdout, 'quit=1\n');
    assert.equal(outcome.exitCode, 1);
    assert.equal(outcome.stderr.length, 2);
    assert.match(outcome.stderr[0]!, /^vault-git: profile default: no key stored in the file vault/);
    assert.match(outcome.stderr[1]!, /^vault-git: hint: vault-git add default/);
    assert.doesNotMatch(outcome.stderr.join('\n'), /\bat .*\.js:\d+/);
  });

  it('rejects malformed input with one line on stderr and nothing on stdout', async () => {
    const outcome = await runHelper(['get'], Buffer.from('protocol=https\ngarbage line\n'), context());
    assert.equal(outcome.stdout, '');
    assert.equal(outcome.stderr.length, 1);
    assert.notEqual(outcome.exitCode, 0);
  });

  it('treats an unknown option as a usage error (exit 2)', async () => {
    const outcome = await runHelper(['--frob', 'get'], request('git-codecommit.us-east-1.amazonaws.com'), context());
    assert.equal(outcome.exitCode, 2);
    assert.equal(outcome.stdout, '');
  });
});
