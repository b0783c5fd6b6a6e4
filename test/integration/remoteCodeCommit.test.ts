import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot, vaultGitBin } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';
import { MFA_SERIAL, startSessionScenario, type SessionScenario } from '../support/sessionScenario.js';

const HOST = 'git-codecommit.ap-northeast-1.amazonaws.com';
const PASSWORD = /\d{8}T\d{6}Z[0-9a-f]{64}/;

/** Every process's command line, read while something runs, to catch a password passed on argv. */
function watchCommandLines(): { stop(): { seen: string[]; leaked: string[] } } {
  const seen = new Set<string>();
  const leaked = new Set<string>();
  let running = true;
  const scan = () => {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const line = readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ');
        seen.add(line);
        if (PASSWORD.test(line) || /ASIA[0-9A-Z]{16}/.test(line)) leaked.add(line);
      } catch {
        // gone already
      }
    }
    if (running) setTimeout(scan, 2);
  };
  scan();
  return {
    stop: () => {
      running = false;
      return { seen: [...seen], leaked: [...leaked] };
    },
  };
}

describe('issue 12: native codecommit:// remotes through git-remote-codecommit', () => {
  let s: SessionScenario;
  let env: NodeJS.ProcessEnv;
  const git = (args: string[], cwd = s.isolated.root, extra: NodeJS.ProcessEnv = {}) => runProcess('git', [...s.codecommit.gitOptions(), ...args], { env: { ...env, ...extra }, cwd });

  before(async () => {
    s = await startSessionScenario();
    s.codecommit.createRepository('alpha');
    s.codecommit.createRepository('beta');
    writeFileSync(s.env.AWS_CONFIG_FILE!, readFileSync(s.env.AWS_CONFIG_FILE!, 'utf8').replace('[profile env2]\n', '[profile env2]\nregion = ap-northeast-1\n'));
    env = {
      ...s.env,
      // vault-git's git-remote-codecommit first, as install.sh arranges.
      PATH: `${join(projectRoot, 'bin')}:${s.env.PATH}`,
      // The local server stands where a VPC endpoint would: same host name, another port.
      VAULT_GIT_CODECOMMIT_ENDPOINT: `https://${HOST}:${s.codecommit.port}`,
    };
    const exec = await runProcess(vaultGitBin, ['exec', 'env1', '--mfa-token', s.sts.currentCode(MFA_SERIAL), '--', 'true'], { env });
    assert.equal(exec.code, 0, exec.stderr);
  });
  after(async () => s.stop());

  it('clone, fetch and push through codecommit::REGION://env1@repo and codecommit://env2@repo; no password on any command line', async () => {
    for (const [url, dir, repo] of [
      ['codecommit::ap-northeast-1://env1@alpha', 'clone-alpha', 'alpha'],
      ['codecommit://env2@beta', 'clone-beta', 'beta'],
    ] as const) {
      const clone = await git(['clone', '-q', url, dir]);
      assert.equal(clone.code, 0, clone.stderr);
      const work = join(s.isolated.root, dir);
      assert.equal((await runProcess('git', ['config', '--get', 'remote.origin.url'], { env, cwd: work })).stdout.trim(), url, 'the remote keeps its codecommit:// URL');
      await runProcess('git', ['commit', '-q', '--allow-empty', '-m', `pushed via ${url}`], { env, cwd: work });
      const watch = watchCommandLines();
      const push = await git(['push', '-q', 'origin', 'main'], work);
      const { seen, leaked } = watch.stop();
      assert.equal(push.code, 0, push.stderr);
      assert.equal(s.codecommit.headSubject(repo), `pushed via ${url}`);
      assert.deepEqual(leaked, [], 'no password or key id on any command line');
      assert.ok(seen.some((line) => /remote-https origin https:\/\/git-codecommit\.ap-northeast-1\.amazonaws\.com:\d+\/v1\/repos\//.test(line)), 'the push ran git remote-https with the plain URL');
      const fetch = await git(['fetch', '-q', 'origin'], work);
      assert.equal(fetch.code, 0, fetch.stderr);
    }
    // Each repository was signed with its own profile's role session.
    const keysFor = (repo: string) => new Set(s.codecommit.requests.filter((request) => request.status === 200 && request.url.includes(`/v1/repos/${repo}/`)).map((request) => request.accessKeyId));
    const [alpha, beta] = [keysFor('alpha'), keysFor('beta')];
    assert.equal(alpha.size, 1);
    assert.equal(beta.size, 1);
    assert.notDeepEqual([...alpha], [...beta]);
  });

  it('codecommit://repo uses AWS_PROFILE, and CODE_COMMIT_ENDPOINT names the host, as git-remote-codecommit does', async () => {
    const { VAULT_GIT_CODECOMMIT_ENDPOINT: _ours, ...theirs } = env;
    const clone = await runProcess('git', [...s.codecommit.gitOptions(), 'clone', '-q', 'codecommit://beta', 'clone-beta-default'], {
      env: { ...theirs, AWS_PROFILE: 'env2', CODE_COMMIT_ENDPOINT: `${HOST}:${s.codecommit.port}` },
      cwd: s.isolated.root,
    });
    assert.equal(clone.code, 0, clone.stderr);
  });

  it('a bad address or a profile without a region: one line, git stops', async () => {
    const noRegion = await git(['ls-remote', 'codecommit://env1@alpha']);
    assert.notEqual(noRegion.code, 0);
    assert.match(noRegion.stderr, /^vault-git: codecommit:\/\/env1@alpha names no region and profile env1 has none$/m);
    const hostile = await git(['ls-remote', 'codecommit://env1@alpha;touch${IFS}x']);
    assert.notEqual(hostile.code, 0);
    assert.match(hostile.stderr, /is not a CodeCommit repository name/);
    const endpoint = await git(['ls-remote', 'codecommit::ap-northeast-1://env1@alpha'], s.isolated.root, { VAULT_GIT_CODECOMMIT_ENDPOINT: 'https://evil.example' });
    assert.match(endpoint.stderr, /VAULT_GIT_CODECOMMIT_ENDPOINT must be https:\/\/HOST\[:PORT\] of a CodeCommit git endpoint/);
  });

  it('FIPS: AWS_USE_FIPS_ENDPOINT=true picks the -fips host', async () => {
    const { VAULT_GIT_CODECOMMIT_ENDPOINT: _unused, ...withoutEndpoint } = env;
    const watch = watchCommandLines();
    const result = await runProcess('git', ['ls-remote', 'codecommit::us-east-1://env1@alpha'], { env: { ...withoutEndpoint, AWS_USE_FIPS_ENDPOINT: 'true', GIT_TERMINAL_PROMPT: '0' }, cwd: s.isolated.root, timeoutMs: 20_000 });
    const { seen } = watch.stop();
    assert.notEqual(result.code, 0, 'no such host here');
    assert.ok(seen.some((line) => line.includes('remote-https https://git-codecommit-fips.us-east-1.amazonaws.com/v1/repos/alpha') || line.includes('https://git-codecommit-fips.us-east-1.amazonaws.com/v1/repos/alpha')), seen.filter((line) => line.includes('remote')).join('\n'));
  });

  it('doctor says which git-remote-codecommit git runs: ours, or another one earlier on PATH', async () => {
    const work = join(s.isolated.root, 'clone-alpha');
    const doctor = async (extra: NodeJS.ProcessEnv) =>
      (JSON.parse((await runProcess(vaultGitBin, ['doctor', '--json'], { env: { ...env, ...extra }, cwd: work })).stdout) as { findings: Array<{ check: string; status: string; message: string }> }).findings.find((finding) => finding.check === 'remote-helper')!;
    const ours = await doctor({});
    assert.equal(ours.status, 'ok');
    assert.match(ours.message, /git runs vault-git's git-remote-codecommit/);
    const other = join(s.isolated.root, 'python-bin');
    mkdirSync(other);
    writeFileSync(join(other, 'git-remote-codecommit'), '#!/bin/sh\nexit 1\n');
    chmodSync(join(other, 'git-remote-codecommit'), 0o755);
    const shadowed = await doctor({ PATH: `${other}:${env.PATH}` });
    assert.equal(shadowed.status, 'problem', 'this repository has a codecommit:// remote');
    assert.match(shadowed.message, new RegExp(`git runs ${other}/git-remote-codecommit for codecommit:// URLs, not vault-git's`));
  });
});
