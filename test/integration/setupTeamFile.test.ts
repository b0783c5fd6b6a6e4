import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { helperBin, vaultGitBin } from '../support/projectPaths.js';
import { runProcess, type ProcessResult } from '../support/runProcess.js';
import { ENV2_ROLE, MFA_SERIAL, startSessionScenario, type SessionScenario } from '../support/sessionScenario.js';

const HOST = 'git-codecommit.ap-northeast-1.amazonaws.com';

describe('issue 12: setup knows the repository — existing remotes, the team file, --all, --save, --remove', () => {
  let s: SessionScenario;
  let work: string;
  const vaultGit = (args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessResult> =>
    runProcess(vaultGitBin, args, { env: { ...s.env, VAULT_GIT_HELPER_PATH: helperBin, ...options.env }, cwd: options.cwd ?? work });
  const git = (args: string[], cwd = work) => runProcess('git', [...s.codecommit.gitOptions(), ...args], { env: s.env, cwd });
  const localConfig = async (cwd = work) => (await runProcess('git', ['config', '--local', '--list'], { env: s.env, cwd })).stdout;

  before(async () => {
    s = await startSessionScenario();
    for (const repo of ['alpha', 'beta']) s.codecommit.createRepository(repo);
    work = join(s.isolated.root, 'work');
    mkdirSync(work);
    await git(['init', '-q']);
    await git(['remote', 'add', 'origin', 'https://github.com/example/app.git']);
    await git(['remote', 'add', 'prj1', s.codecommit.repoUrl('alpha', HOST)]);
    // The morning's MFA session, so pushes need no code.
    const exec = await vaultGit(['exec', 'env1', '--mfa-token', s.sts.currentCode(MFA_SERIAL), '--', 'true']);
    assert.equal(exec.code, 0, exec.stderr);
  });
  after(async () => s.stop());

  it('`setup prj1` with no profile anywhere: one line listing the profiles in the region, and the command to run', async () => {
    writeFileSync(s.env.AWS_CONFIG_FILE!, readFileSync(s.env.AWS_CONFIG_FILE!, 'utf8').replace('[profile env1]\n', '[profile env1]\nregion = ap-northeast-1\n'));
    const result = await vaultGit(['setup', 'prj1']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^vault-git: which profile pushes to remote prj1\? none given; profiles in ap-northeast-1: oriishi-t, env1$/m);
    assert.match(result.stderr, /hint: vault-git setup prj1 --profile oriishi-t/);
  });

  it('`setup prj1` as written takes the URL from the remote and the profile from AWS_PROFILE; --write applies it and git pushes', async () => {
    const printed = await vaultGit(['setup', 'prj1'], { env: { AWS_PROFILE: 'env1' } });
    assert.equal(printed.code, 0, printed.stderr);
    assert.match(printed.stdout, new RegExp(`\\[credential "${s.codecommit.repoUrl('alpha', HOST).replace(/\./g, '\\.')}"\\]\\n\\thelper =\\n\\thelper = "!'${helperBin}' --profile env1"`));
    const written = await vaultGit(['setup', 'prj1', '--write'], { env: { AWS_PROFILE: 'env1' } });
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stderr, /now pushes with profile env1 \(from AWS_PROFILE\)/);
    assert.equal((await git(['fetch', '-q', 'prj1'])).code, 0, 'fetch through the new setup');
    await git(['checkout', '-q', '-B', 'main', 'prj1/main']);
    await runProcess('git', ['commit', '-q', '--allow-empty', '-m', 'via prj1'], { env: s.env, cwd: work });
    const push = await git(['push', '-q', 'prj1', 'HEAD:main']);
    assert.equal(push.code, 0, push.stderr);
    assert.equal(s.codecommit.headSubject('alpha'), 'via prj1');
  });

  it('--save records the remote in .vault-git (git-config syntax), with the role ARN', async () => {
    const result = await vaultGit(['setup', 'prj1', '--profile', 'env1', '--save']);
    assert.equal(result.code, 0, result.stderr);
    const file = join(work, '.vault-git');
    const read = (key: string) => runProcess('git', ['config', '-f', file, '--get', key], { env: s.env }).then((r) => r.stdout.trim());
    assert.equal(await read('remote.prj1.url'), s.codecommit.repoUrl('alpha', HOST));
    assert.equal(await read('remote.prj1.profile'), 'env1');
    assert.equal(await read('remote.prj1.role-arn'), 'arn:aws:iam::111111111111:role/RoleName');
  });

  it('the team file names the profile; a member whose profile for the role has another name is matched by role-arn', async () => {
    const file = join(work, '.vault-git');
    await runProcess('git', ['config', '-f', file, 'remote.prj2.url', s.codecommit.repoUrl('beta', HOST)], { env: s.env });
    await runProcess('git', ['config', '-f', file, 'remote.prj2.profile', 'team-deploy'], { env: s.env });
    await runProcess('git', ['config', '-f', file, 'remote.prj2.role-arn', ENV2_ROLE], { env: s.env });
    const result = await vaultGit(['setup', 'prj2', '--write']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /now pushes with profile env2 \(from team file role-arn\)/);
    assert.match(await localConfig(), /^remote\.prj2\.url=https:\/\/git-codecommit\.ap-northeast-1\.amazonaws\.com:\d+\/v1\/repos\/beta$/m, 'the missing remote was added');
  });

  it('a role nobody has a profile for: one line saying which profile section to add', async () => {
    const file = join(work, '.vault-git');
    await runProcess('git', ['config', '-f', file, 'remote.prj3.url', s.codecommit.repoUrl('beta', HOST)], { env: s.env });
    await runProcess('git', ['config', '-f', file, 'remote.prj3.role-arn', 'arn:aws:iam::999999999999:role/Other'], { env: s.env });
    const result = await vaultGit(['setup', 'prj3']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^vault-git: no profile in \S+ assumes arn:aws:iam::999999999999:role\/Other, the role the team file names for remote prj3$/m);
    assert.match(result.stderr, /hint: add to \S+: \[profile prj3\] with role_arn = arn:aws:iam::999999999999:role\/Other and source_profile = <your IAM user profile>/);
    await runProcess('git', ['config', '-f', file, '--remove-section', 'remote.prj3'], { env: s.env });
  });

  it('a new member: git clone, then setup --all --write adds every remote of the team file, and pushes work', async () => {
    await runProcess('git', ['add', '.vault-git'], { env: s.env, cwd: work });
    await runProcess('git', ['commit', '-q', '-m', 'team file'], { env: s.env, cwd: work });
    assert.equal((await git(['push', '-q', 'prj1', 'HEAD:main'])).code, 0);
    const clone = join(s.isolated.root, 'newcomer');
    const cloned = await runProcess('git', [...s.codecommit.gitOptions(), '-c', `credential.helper=${helperBin} --profile env1`, '-c', 'credential.useHttpPath=true', 'clone', '-q', s.codecommit.repoUrl('alpha', HOST), clone], { env: s.env });
    assert.equal(cloned.code, 0, cloned.stderr);
    const all = await vaultGit(['setup', '--all', '--write'], { cwd: clone });
    assert.equal(all.code, 0, all.stderr);
    const config = await localConfig(clone);
    assert.match(config, /^remote\.prj1\.url=/m);
    assert.match(config, /^remote\.prj2\.url=/m);
    assert.match(config, /credential\.https:\/\/git-codecommit\.ap-northeast-1\.amazonaws\.com:\d+\/v1\/repos\/beta\.helper=\S+ --profile env2/);
    await runProcess('git', ['commit', '-q', '--allow-empty', '-m', 'from the newcomer'], { env: s.env, cwd: clone });
    // beta's history is not alpha's (the clone's): a branch of its own.
    const push = await git(['push', '-q', 'prj2', 'HEAD:refs/heads/newcomer'], clone);
    assert.equal(push.code, 0, push.stderr);
    assert.equal(s.codecommit.headSubject('beta', 'newcomer'), 'from the newcomer');
  });

  it('a hostile team file: each bad remote gets one line, the good ones are set up, nothing else changes', async () => {
    const hostile = join(s.isolated.root, 'hostile');
    mkdirSync(hostile);
    await git(['init', '-q'], hostile);
    const file = join(hostile, '.vault-git');
    const set = (key: string, value: string) => runProcess('git', ['config', '-f', file, key, value], { env: s.env });
    await set('remote.good.url', s.codecommit.repoUrl('alpha', HOST));
    await set('remote.good.profile', 'env1');
    await set('remote.evil"]x.url', s.codecommit.repoUrl('alpha', HOST));
    await set('remote.phish.url', 'https://git-codecommit.ap-northeast-1.amazonaws.com.evil.example/v1/repos/alpha');
    await set('remote.phish.profile', 'env1');
    await set('remote.inject.url', s.codecommit.repoUrl('alpha', HOST));
    await set('remote.inject.profile', 'env1 ; touch /tmp/pwned');
    const result = await vaultGit(['setup', '--all', '--write'], { cwd: hostile });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /is not a usable remote name/);
    assert.match(result.stderr, /is not a CodeCommit HTTPS URL/);
    assert.match(result.stderr, /not a usable profile name/);
    assert.match(result.stderr, /^vault-git: 3 of 4 remotes of the team file could not be set up; the others were$/m);
    assert.doesNotMatch(result.stderr, /internal error|\.cjs:\d+/);
    const config = await localConfig(hostile);
    assert.match(config, /^remote\.good\.url=/m);
    assert.doesNotMatch(config, /phish|inject|evil/);
  });

  it('--remove takes away exactly the credential section setup wrote, and refuses a section that is not vault-git\'s', async () => {
    const before = await localConfig();
    const result = await vaultGit(['setup', '--remove', 'prj2']);
    assert.equal(result.code, 0, result.stderr);
    const after = await localConfig();
    assert.match(after, /^remote\.prj2\.url=/m, 'the remote stays');
    assert.doesNotMatch(after, /repos\/beta\.helper/);
    const removed = before.split('\n').filter((line) => !after.split('\n').includes(line));
    assert.ok(removed.length > 0 && removed.every((line) => line.includes('/v1/repos/beta.')), removed.join('\n'));
    await runProcess('git', ['config', '--local', '--add', `credential.${s.codecommit.repoUrl('alpha', HOST)}.helper`, 'store'], { env: s.env, cwd: work });
    const refused = await vaultGit(['setup', '--remove', 'prj1']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /names helpers other than vault-git; it was not written by setup and is left alone/);
  });
});
