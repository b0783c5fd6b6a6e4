import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { signCodeCommitPassword } from '../../src/codecommit/signCodeCommitPassword.js';
import { buildLibsecretHelper } from '../support/buildLibsecretHelper.js';
import { helperBin, vaultGitBin } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';
import { startSessionScenario, type SessionScenario } from '../support/sessionScenario.js';
import { secretServiceAvailable, startSecretService } from '../support/startSecretService.js';

const HOST = 'git-codecommit.ap-northeast-1.amazonaws.com';
// The username a SigV4 password from an old role session carries: key id % session token.
const OLD_SESSION_USER = 'ASIAOLDSESSION000001%IQoJb3JpZ2luX2VjEOldSessionToken==';
const STATIC_USER = 'alice-at-111122223333';
const STATIC_PASSWORD = 'Zq8Static+IAM/GitPassword=shown-once';

function stalePassword(path: string): string {
  return signCodeCommitPassword({ secretAccessKey: 'old-secret', hostname: HOST, region: 'ap-northeast-1', path, date: new Date(Date.now() - 40 * 60 * 1000) });
}

describe('issue 9: the stale-password cure erases only stale CodeCommit passwords, and never hangs a push', () => {
  let s: SessionScenario;
  let work: string;
  let env: NodeJS.ProcessEnv;
  let host: string;
  const git = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => runProcess('git', args, { env: { ...env, ...extraEnv }, cwd: work, timeoutMs: 30_000 });
  const approve = (fields: string, helperEnv: NodeJS.ProcessEnv = env) => execFileSync('git', ['-c', 'credential.useHttpPath=true', 'credential', 'approve'], { env: helperEnv, input: `${fields}\n` });
  const fill = async (fields: string, helper: string, helperEnv: NodeJS.ProcessEnv = env) =>
    (await runProcess('git', ['-c', 'credential.helper=', '-c', `credential.helper=${helper}`, '-c', 'credential.useHttpPath=true', 'credential', 'fill'], { env: { ...helperEnv, GIT_TERMINAL_PROMPT: '0' }, input: `${fields}\n` })).stdout;

  before(async () => {
    s = await startSessionScenario();
    s.codecommit.createRepository('alpha');
    env = { ...s.env, VAULT_GIT_HELPER_PATH: helperBin };
    const exec = await runProcess(vaultGitBin, ['exec', 'env1', '--mfa-token', s.sts.currentCode('arn:aws:iam::000000000000:mfa/device-name'), '--', 'true'], { env });
    assert.equal(exec.code, 0, exec.stderr);
    for (const [key, value] of s.codecommit.gitConfigEntries()) execFileSync('git', ['config', '--global', '--add', key, value], { env });
    work = join(s.isolated.root, 'work');
    execFileSync('git', ['init', '-q', work], { env });
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'first'], { env, cwd: work });
    const setup = await runProcess(vaultGitBin, ['setup', 'cc-alpha', '--profile', 'env1', '--url', s.codecommit.repoUrl('alpha', HOST), '--write'], { env, cwd: work });
    assert.equal(setup.code, 0, setup.stderr);
    host = new URL(s.codecommit.repoUrl('alpha', HOST)).host;
  });
  after(async () => s.stop());
  beforeEach(() => {
    spawnSync('git', ['config', '--global', '--unset-all', 'credential.helper'], { env });
  });
  // Each case starts with the cure's per-URL throttle cleared, as after a fresh `setup --write`.
  const resetThrottle = () => {
    for (const file of readdirSync(env.VAULT_GIT_RUNTIME_DIR!)) if (file.startsWith('stale-check-')) rmSync(join(env.VAULT_GIT_RUNTIME_DIR!, file));
  };

  it('`store`: stale SigV4 entries go; a static IAM Git credential, another host and a host-only static entry stay', async () => {
    resetThrottle();
    const file = join(s.isolated.home, '.git-credentials');
    rmSync(file, { force: true });
    execFileSync('git', ['config', '--global', 'credential.helper', 'store'], { env });
    // `store` answers a host-only get with its newest matching entry: the static one is filed first, so the
    // host-only stale entry is what a host-only get finds (a newer static entry would shadow it; see
    // docs/troubleshooting.md).
    approve(`protocol=https\nhost=${host}\npath=v1/repos/gamma\nusername=${STATIC_USER}\npassword=${STATIC_PASSWORD}\n`);
    approve(`protocol=https\nhost=${host}\nusername=${OLD_SESSION_USER}\npassword=${stalePassword('')}\n`);
    approve(`protocol=https\nhost=${host}\npath=v1/repos/alpha\nusername=${OLD_SESSION_USER}\npassword=${stalePassword('v1/repos/alpha')}\n`);
    writeFileSync(file, readFileSync(file, 'utf8') + `https://bob-at-111122223333:${encodeURIComponent('HostOnly+Static=1')}@${host}\nhttps://octocat:ghp_untouched@github.com\n`);

    const push = await git(['push', '-q', 'cc-alpha', 'HEAD:work']);
    assert.equal(push.code, 0, push.stderr);

    const remaining = readFileSync(file, 'utf8');
    assert.doesNotMatch(remaining, /ASIAOLDSESSION/, 'both stale SigV4 entries were erased');
    assert.match(remaining, new RegExp(`${STATIC_USER}:.*@git-codecommit\\.ap-northeast-1\\.amazonaws\\.com.*/v1/repos/gamma`), 'the static credential of another repository stays');
    assert.match(remaining, /bob-at-111122223333:/, 'a host-only static credential stays');
    assert.match(remaining, /octocat:ghp_untouched@github\.com/);
    // And it still answers for its own repository.
    assert.match(await fill(`protocol=https\nhost=${host}\npath=v1/repos/gamma\n`, 'store'), new RegExp(`password=${STATIC_PASSWORD.replace(/[+/=]/g, '\\$&')}`));
  });

  it('`store` set in the repository itself reaches its linked worktrees: a push from one clears the stale entry there too', async () => {
    resetThrottle();
    const file = join(s.isolated.home, '.git-credentials');
    rmSync(file, { force: true });
    // Not global: the repository's own config, which a linked worktree shares through its commondir file
    // (its GIT_DIR, .git/worktrees/NAME, has no config of its own).
    execFileSync('git', ['config', 'credential.helper', 'store'], { env, cwd: work });
    const tree = join(s.isolated.root, 'work-tree');
    execFileSync('git', ['worktree', 'add', '-q', '-b', 'side', tree], { env, cwd: work });
    try {
      // Filed from inside the repository, where its `store` helper is configured.
      execFileSync('git', ['-c', 'credential.useHttpPath=true', 'credential', 'approve'], {
        env,
        cwd: work,
        input: `protocol=https\nhost=${host}\npath=v1/repos/alpha\nusername=${OLD_SESSION_USER}\npassword=${stalePassword('v1/repos/alpha')}\n\n`,
      });
      assert.match(readFileSync(file, 'utf8'), /ASIAOLDSESSION/);
      const push = await runProcess('git', ['push', '-q', 'cc-alpha', 'HEAD:from-worktree'], { env, cwd: tree, timeoutMs: 30_000 });
      assert.equal(push.code, 0, push.stderr);
      assert.doesNotMatch(readFileSync(file, 'utf8'), /ASIAOLDSESSION/, 'the stale entry was erased');
    } finally {
      execFileSync('git', ['worktree', 'remove', '--force', tree], { env, cwd: work });
      execFileSync('git', ['config', '--unset-all', 'credential.helper'], { env, cwd: work });
    }
  });

  it("git's own libsecret helper: only the stale item goes; another repository's and a static item stay", async () => {
    const built = buildLibsecretHelper();
    if ('missing' in built) {
      // Never a silent skip: CI installs what this needs, so there it is a failure.
      if (process.env.CI) assert.fail(`git-credential-libsecret: ${built.missing}`);
      console.log(`# skipped: git-credential-libsecret cannot be built here: ${built.missing}`);
      return;
    }
    if (!secretServiceAvailable()) {
      if (process.env.CI) assert.fail('no Secret Service on this machine');
      return;
    }
    resetThrottle();
    const service = await startSecretService();
    try {
      // A wrapper named like the real helper, pointed at its own keyring, so the vault's keyring is not involved.
      const dir = join(s.isolated.root, 'libsecret-bin');
      mkdirSync(dir, { recursive: true });
      const wrapper = join(dir, 'git-credential-libsecret');
      writeFileSync(wrapper, `#!/bin/sh\nDBUS_SESSION_BUS_ADDRESS='${service.env.DBUS_SESSION_BUS_ADDRESS}' exec '${built.path}' "$@"\n`);
      chmodSync(wrapper, 0o755);
      execFileSync('git', ['config', '--global', 'credential.helper', wrapper], { env });
      approve(`protocol=https\nhost=${host}\npath=v1/repos/alpha\nusername=${OLD_SESSION_USER}\npassword=${stalePassword('v1/repos/alpha')}\n`);
      approve(`protocol=https\nhost=${host}\npath=v1/repos/beta\nusername=${STATIC_USER}\npassword=${STATIC_PASSWORD}\n`);
      approve(`protocol=https\nhost=${host}\nusername=bob-at-111122223333\npassword=HostOnly+Static=1\n`);

      const push = await git(['push', '-q', 'cc-alpha', 'HEAD:work']);
      assert.equal(push.code, 0, push.stderr);

      assert.doesNotMatch(await fill(`protocol=https\nhost=${host}\npath=v1/repos/alpha\n`, wrapper), /ASIAOLDSESSION/, 'the stale item is gone');
      assert.match(await fill(`protocol=https\nhost=${host}\npath=v1/repos/beta\n`, wrapper), new RegExp(`username=${STATIC_USER}`), "another repository's static item stays");
      assert.match(await fill(`protocol=https\nhost=${host}\nusername=bob-at-111122223333\n`, wrapper), /password=HostOnly\+Static=1/, 'the host-only static item stays');
    } finally {
      service.stop();
    }
  });

  it('doctor calls a static credential static, never stale, and proposes no erase for it', async () => {
    const file = join(s.isolated.home, '.git-credentials');
    writeFileSync(file, `https://${STATIC_USER}:${encodeURIComponent(STATIC_PASSWORD)}@${host}/v1/repos/alpha\n`, { mode: 0o600 });
    execFileSync('git', ['config', '--global', 'credential.helper', 'store'], { env });
    const result = await runProcess(vaultGitBin, ['doctor'], { env, cwd: work });
    assert.doesNotMatch(result.stdout, /PROBLEM {2}stale-entries/);
    assert.match(result.stdout, new RegExp(`info {5}stale-entries: store holds a static credential for ${host.replace('.', '\\.')} \\(user ${STATIC_USER}\\), not a CodeCommit SigV4 password; vault-git leaves it alone`));
    assert.doesNotMatch(result.stdout, /erase/);
    assert.doesNotMatch(result.stdout + result.stderr, /Static\+IAM/);
  });

  it('right after `setup --write`, the fetch doctor names really removes a stale entry (the throttle is reset)', async () => {
    const file = join(s.isolated.home, '.git-credentials');
    rmSync(file, { force: true });
    execFileSync('git', ['config', '--global', 'credential.helper', 'store'], { env });
    // A fetch now sets the throttle for this URL; then a stale password appears, and setup runs again.
    assert.equal((await git(['fetch', '-q', 'cc-alpha'])).code, 0);
    approve(`protocol=https\nhost=${host}\npath=v1/repos/alpha\nusername=${OLD_SESSION_USER}\npassword=${stalePassword('v1/repos/alpha')}\n`);
    const doctor = await runProcess(vaultGitBin, ['doctor'], { env, cwd: work });
    assert.match(doctor.stdout, /PROBLEM {2}stale-entries: store holds a CodeCommit SigV4 password for .*\/v1\/repos\/alpha/);
    assert.match(doctor.stdout, /fix: git fetch cc-alpha/);
    assert.equal((await git(['fetch', '-q', 'cc-alpha'])).code, 0);
    assert.doesNotMatch(readFileSync(file, 'utf8'), /ASIAOLDSESSION/, 'the fetch doctor named removed it');

    // And setup --write resets it too.
    assert.equal((await git(['fetch', '-q', 'cc-alpha'])).code, 0);
    approve(`protocol=https\nhost=${host}\npath=v1/repos/alpha\nusername=${OLD_SESSION_USER}\npassword=${stalePassword('v1/repos/alpha')}\n`);
    const setup = await runProcess(vaultGitBin, ['setup', 'cc-alpha', '--profile', 'env1', '--url', s.codecommit.repoUrl('alpha', HOST), '--write'], { env, cwd: work });
    assert.equal(setup.code, 0, setup.stderr);
    assert.equal((await git(['fetch', '-q', 'cc-alpha'])).code, 0);
    assert.doesNotMatch(readFileSync(file, 'utf8'), /ASIAOLDSESSION/);
  });

  it('a hung credential-cache daemon and a frozen keyring cost a push a few seconds, not a hang', async () => {
    resetThrottle();
    const socketPath = join(s.isolated.root, 'hung-cache.sock');
    const hung: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => hung.listen(socketPath, resolve));
    const built = buildLibsecretHelper();
    const frozen = secretServiceAvailable() && !('missing' in built) ? await startSecretService() : undefined;
    frozen?.freeze();
    try {
      execFileSync('git', ['config', '--global', '--add', 'credential.helper', `cache --socket ${socketPath}`], { env });
      if (frozen && 'path' in built) {
        const wrapper = join(s.isolated.root, 'frozen-bin', 'git-credential-libsecret');
        mkdirSync(join(s.isolated.root, 'frozen-bin'), { recursive: true });
        writeFileSync(wrapper, `#!/bin/sh\nDBUS_SESSION_BUS_ADDRESS='${frozen.env.DBUS_SESSION_BUS_ADDRESS}' exec '${built.path}' "$@"\n`);
        chmodSync(wrapper, 0o755);
        execFileSync('git', ['config', '--global', '--add', 'credential.helper', wrapper], { env });
      }
      // The bound is the process time limit: a hang ends in SIGKILL and fails here.
      const fetch = await runProcess('git', ['fetch', '-q', 'cc-alpha'], { env, cwd: work, timeoutMs: 20_000 });
      assert.equal(fetch.signal, null, 'git fetch hung');
      assert.equal(fetch.code, 0, fetch.stderr);
    } finally {
      hung.close();
      frozen?.stop();
    }
  });
});
