import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signCodeCommitPassword } from '../../src/codecommit/signCodeCommitPassword.js';
import { helperBin, vaultGitBin } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';
import { MFA_SERIAL, startSessionScenario, type SessionScenario } from '../support/sessionScenario.js';

const HOST = 'git-codecommit.ap-northeast-1.amazonaws.com';

describe('issue 5: setup for several CodeCommit remotes, and the stale-password 403 cured by the helper', () => {
  let s: SessionScenario;
  let work: string;
  let env: NodeJS.ProcessEnv;
  const git = (args: string[]) => runProcess('git', args, { env, cwd: work });
  const vaultGit = (args: string[]) => runProcess(vaultGitBin, args, { env, cwd: work });
  const currentKeyOf = async (profile: string) => JSON.parse((await runProcess(vaultGitBin, ['export', profile, '--format', 'json'], { env })).stdout).AccessKeyId as string;

  before(async () => {
    s = await startSessionScenario();
    s.codecommit.createRepository('alpha');
    s.codecommit.createRepository('beta');
    env = { ...s.env, VAULT_GIT_HELPER_PATH: helperBin };
    // Morning: one MFA code.
    const exec = await runProcess(vaultGitBin, ['exec', 'env1', '--mfa-token', s.sts.currentCode(MFA_SERIAL), '--', 'true'], { env });
    assert.equal(exec.code, 0, exec.stderr);
    // Where git finds the local server and trusts its CA (global, like a user's own settings would be).
    for (const [key, value] of s.codecommit.gitConfigEntries()) execFileSync('git', ['config', '--global', '--add', key, value], { env });
    work = join(s.isolated.root, 'work');
    const origin = join(s.isolated.root, 'origin.git');
    execFileSync('git', ['init', '-q', '--bare', origin], { env });
    execFileSync('git', ['init', '-q', work], { env });
    execFileSync('git', ['remote', 'add', 'origin', origin], { env, cwd: work });
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'first'], { env, cwd: work });
  });
  after(async () => s.stop());

  it('setup --write wires two CodeCommit remotes in two profiles beside a non-CodeCommit origin', async () => {
    for (const [remote, profile, repo] of [['cc-alpha', 'env1', 'alpha'], ['cc-beta', 'env2', 'beta']] as const) {
      const result = await vaultGit(['setup', remote, '--profile', profile, '--url', s.codecommit.repoUrl(repo, HOST), '--write']);
      assert.equal(result.code, 0, result.stderr);
    }
    const config = readFileSync(join(work, '.git/config'), 'utf8');
    assert.match(config, new RegExp(`\\[credential "https://${HOST}:${s.codecommit.port}/v1/repos/alpha"\\]\\n\\thelper = \\n\\thelper = !'${helperBin}' --profile env1\\n\\tuseHttpPath = true`));
    assert.match(config, /\[remote "origin"\]\n\turl = .*origin\.git/);
    const list = await vaultGit(['setup', '--list']);
    assert.match(list.stdout, /^cc-alpha\s+https:\/\/\S+\/alpha\s+env1\s+complete$/m);
    assert.match(list.stdout, /^cc-beta\s+https:\/\/\S+\/beta\s+env2\s+complete$/m);
    assert.doesNotMatch(list.stdout, /origin/);
  });

  it('each remote pushes with its own profile', async () => {
    for (const remote of ['origin', 'cc-alpha', 'cc-beta']) {
      const push = await git(['push', '-q', remote, 'HEAD:work']);
      assert.equal(push.code, 0, `${remote}: ${push.stderr}`);
    }
    const env1Key = await currentKeyOf('env1');
    const env2Key = await currentKeyOf('env2');
    assert.notEqual(env1Key, env2Key);
    const keysFor = (repo: string) => new Set(s.codecommit.requests.filter((r) => r.status === 200 && r.url.includes(`/repos/${repo}/`)).map((r) => r.accessKeyId));
    assert.deepEqual(keysFor('alpha'), new Set([env1Key]));
    assert.deepEqual(keysFor('beta'), new Set([env2Key]));
  });

  it('running setup twice changes nothing; another profile replaces the helper line; other remotes are untouched', async () => {
    const before = readFileSync(join(work, '.git/config'), 'utf8');
    await vaultGit(['setup', 'cc-alpha', '--profile', 'env1', '--url', s.codecommit.repoUrl('alpha', HOST), '--write']);
    assert.equal(readFileSync(join(work, '.git/config'), 'utf8'), before);
    await vaultGit(['setup', 'cc-alpha', '--profile', 'env2', '--url', s.codecommit.repoUrl('alpha', HOST), '--write']);
    const after = readFileSync(join(work, '.git/config'), 'utf8');
    assert.equal((after.match(/--profile env1/g) ?? []).length, 0);
    assert.equal((after.match(/--profile env2/g) ?? []).length, 2);
    assert.equal(after.replace(/--profile env2\n\tuseHttpPath = true\n\[remote "cc-beta"\]/, ''), after.replace(/--profile env2\n\tuseHttpPath = true\n\[remote "cc-beta"\]/, ''));
    assert.ok(after.includes(before.slice(before.indexOf('[remote "cc-beta"]'))), 'cc-beta and everything after it unchanged');
    await vaultGit(['setup', 'cc-alpha', '--profile', 'env1', '--url', s.codecommit.repoUrl('alpha', HOST), '--write']);
  });

  it('hostile remote names, profiles and URLs are refused with one line and change nothing', async () => {
    const before = readFileSync(join(work, '.git/config'), 'utf8');
    const cases: string[][] = [
      ['setup', 'evil"]\n[core]\n\tsshCommand = touch /tmp/pwned', '--profile', 'env1', '--repo', 'a', '--region', 'us-east-1', '--write'],
      ['setup', 'cc-x', '--profile', "env1' ; touch /tmp/pwned ; '", '--repo', 'a', '--region', 'us-east-1', '--write'],
      ['setup', 'cc-x', '--profile', 'env1', '--url', 'https://git-codecommit.us-east-1.amazonaws.com.evil.example/v1/repos/a', '--write'],
      ['setup', 'cc-x', '--profile', 'env1', '--url', 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/a%0a[core]', '--write'],
      ['setup', 'cc-x', '--profile', 'env1', '--repo', 'a$(touch /tmp/pwned)', '--region', 'us-east-1', '--write'],
      ['setup', 'cc-x', '--profile', 'env1', '--repo', 'a', '--region', 'us-east-1"', '--write'],
    ];
    for (const args of cases) {
      const result = await vaultGit(args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stderr.trim().split('\n').length <= 2, true);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    }
    assert.equal(readFileSync(join(work, '.git/config'), 'utf8'), before);
    assert.equal(existsSync('/tmp/pwned'), false);
  });

  it('a stale CodeCommit password stored by a global `store` helper: 403 before setup, gone after a push through it', async () => {
    const credentials = join(s.isolated.home, '.git-credentials');
    const url = new URL(s.codecommit.repoUrl('alpha', HOST));
    // What osxkeychain or `store` keep after a push: a SigV4 password that was valid 20 minutes ago.
    const old = new Date(Date.now() - 20 * 60 * 1000);
    const stalePassword = signCodeCommitPassword({ secretAccessKey: s.key.secretAccessKey, hostname: HOST, region: 'ap-northeast-1', path: 'v1/repos/alpha', date: old });
    execFileSync('git', ['config', '--global', 'credential.helper', 'store'], { env });
    // Stored both ways a storage helper files them: per host, and per repository (with useHttpPath).
    execFileSync('git', ['credential', 'approve'], { env, input: `protocol=https\nhost=${url.host}\nusername=${s.key.accessKeyId}\npassword=${stalePassword}\n\n` });
    execFileSync('git', ['-c', 'credential.useHttpPath=true', 'credential', 'approve'], { env, input: `protocol=https\nhost=${url.host}\npath=v1/repos/alpha\nusername=${s.key.accessKeyId}\npassword=${stalePassword}\n\n` });
    writeFileSync(credentials, readFileSync(credentials, 'utf8') + 'https://octocat:ghp_untouched@github.com\n');
    assert.equal(readFileSync(credentials, 'utf8').split('\n').filter((line) => line.includes(HOST)).length, 2);

    // The classic set-up (a plain global helper after `store`): the stale password wins and CodeCommit says 403.
    const broken = await runProcess('git', ['-c', 'credential.useHttpPath=true', '-c', `credential.helper=${helperBin} --profile env1`, 'ls-remote', s.codecommit.repoUrl('alpha', HOST)], {
      env: { ...env, GIT_DIR: '/nonexistent' },
      cwd: s.isolated.root,
    });
    assert.notEqual(broken.code, 0);
    assert.match(broken.stderr, /403/);

    // Through the setup-generated config: the push works and the helper erased the stale entries.
    const push = await git(['push', '-q', 'cc-alpha', 'HEAD:work']);
    assert.equal(push.code, 0, push.stderr);
    const remaining = readFileSync(credentials, 'utf8');
    assert.doesNotMatch(remaining, new RegExp(HOST));
    assert.match(remaining, /octocat:ghp_untouched@github\.com/, 'entries for other hosts are left alone');
  });

  it('a 401 makes git call erase: the role session is dropped and the next push assumes the role afresh', async () => {
    const roles = s.sts.count('AssumeRole');
    const before = await currentKeyOf('env1');
    s.codecommit.failNextWith(401);
    const refused = await git(['push', '-q', 'cc-alpha', 'HEAD:work']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /Authentication failed|401/);
    assert.match(refused.stderr, /CodeCommit refused a password made from a fresh role session of profile env1; the MFA session is kept\. .*vault-git clear oriishi-t && vault-git exec env1 -- true/);
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'after 401'], { env, cwd: work });
    const push = await git(['push', '-q', 'cc-alpha', 'HEAD:work']);
    assert.equal(push.code, 0, push.stderr);
    assert.equal(s.sts.count('AssumeRole'), roles + 1);
    assert.notEqual(await currentKeyOf('env1'), before);
    assert.equal(s.codecommit.headSubject('alpha', 'work'), 'after 401');
  });

  it('a 403 once: git erases nothing, and the next push succeeds with a freshly signed password', async () => {
    s.codecommit.failNextWith(403);
    const refused = await git(['push', '-q', 'cc-beta', 'HEAD:work']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /403/);
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'after 403'], { env, cwd: work });
    const push = await git(['push', '-q', 'cc-beta', 'HEAD:work']);
    assert.equal(push.code, 0, push.stderr);
    assert.equal(s.codecommit.headSubject('beta', 'work'), 'after 403');
  });

  it('doctor: healthy here (exit 0), and --json says so', async () => {
    const result = await vaultGit(['doctor', '--json']);
    const report = JSON.parse(result.stdout);
    assert.equal(result.code, 0, result.stdout);
    assert.equal(report.healthy, true);
    assert.ok(report.findings.some((f: { check: string; status: string }) => f.check === 'remotes' && f.status === 'ok'));
    assert.ok(report.findings.some((f: { check: string; status: string; message: string }) => f.check === 'clock' && f.status === 'ok'));
  });

  it('doctor finds a remote without its section, the global store helper reaching it, a stale entry, an unknown key, and a skewed clock', async () => {
    execFileSync('git', ['remote', 'add', 'cc-raw', s.codecommit.repoUrl('beta', HOST).replace('/beta', '/raw')], { env, cwd: work });
    // A SigV4 password (the only kind that goes stale) filed under the host, as a helper without useHttpPath does.
    const stale = signCodeCommitPassword({ secretAccessKey: 'old', hostname: HOST, region: 'ap-northeast-1', path: 'v1/repos/raw', date: new Date('2020-01-01T00:00:00Z') });
    execFileSync('git', ['credential', 'approve'], { env, input: `protocol=https\nhost=${new URL(s.codecommit.repoUrl('beta', HOST)).host}\nusername=ASIAOLDSESSION000001\npassword=${stale}\n\n` });
    writeFileSync(env.AWS_CONFIG_FILE!, readFileSync(env.AWS_CONFIG_FILE!, 'utf8') + '\n[profile typo]\nsource_profile = oriishi-t\nrole_arn = arn:aws:iam::1:role/x\naws_mfa_device = arn:aws:iam::1:mfa/me\n');
    const result = await runProcess('faketime', ['-f', '+30m', vaultGitBin, 'doctor'], { env: { ...env, FAKETIME_DONT_FAKE_MONOTONIC: '1' }, cwd: work });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /PROBLEM {2}remotes: remote cc-raw \(.*\/raw\): no vault-git helper for this URL/);
    assert.match(result.stdout, /fix: vault-git setup cc-raw --profile PROFILE --url \S+\/raw --write/);
    assert.match(result.stdout, /PROBLEM {2}storage-helpers: the global helper "store" also stores passwords for cc-raw/);
    assert.match(result.stdout, /PROBLEM {2}stale-entries: store holds a CodeCommit SigV4 password for git-codecommit\.ap-northeast-1\.amazonaws\.com:\d+\/v1\/repos\/raw/);
    assert.match(result.stdout, /fix: vault-git setup cc-raw --profile PROFILE --url \S+ --write, then git fetch cc-raw/);
    assert.match(result.stdout, /PROBLEM {2}profiles: profile typo: aws_mfa_device is not a key any AWS tool reads; did you mean mfa_serial\?/);
    assert.match(result.stdout, /PROBLEM {2}clock: the clock is 1[78]\d\d s ahead of 127\.0\.0\.1:\d+; CodeCommit refuses passwords signed more than 15 minutes off/);
    assert.match(result.stdout, /problems found\.\n$/);
  });
});
