import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { assertNoSecrets } from '../support/assertNoSecrets.js';
import { helperBin, vaultGitBin } from '../support/projectPaths.js';
import { runProcess, type ProcessResult } from '../support/runProcess.js';
import { runPty } from '../support/runPty.js';
import { ENV1_ROLE, MFA_SERIAL, startSessionScenario, type SessionScenario } from '../support/sessionScenario.js';

describe('issue 4: one MFA code in the morning, then pushes and role switches without another', () => {
  let s: SessionScenario;
  const request = (repo: string) => `protocol=https\nhost=git-codecommit.ap-northeast-1.amazonaws.com:${s.codecommit.port}\npath=v1/repos/${repo}\n\n`;
  const secrets = () => [s.key.secretAccessKey];

  const vaultGit = async (args: string[], extra: NodeJS.ProcessEnv = {}): Promise<ProcessResult> => {
    const result = await runProcess(vaultGitBin, args, { env: { ...s.env, ...extra } });
    assertNoSecrets(result, secrets());
    return result;
  };
  const helperGet = async (profile: string, extra: NodeJS.ProcessEnv = {}): Promise<ProcessResult> => {
    const result = await runProcess(helperBin, ['--profile', profile, 'get'], { env: { ...s.env, ...extra }, input: request('demo') });
    assertNoSecrets(result, secrets());
    return result;
  };

  before(async () => {
    s = await startSessionScenario();
    s.codecommit.createRepository('demo');
  });
  after(async () => s.stop());

  it('exec --plan shows one MFA session primed on the source and a chained AssumeRole', async () => {
    const result = await vaultGit(['exec', 'env1', '--plan']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`1\\. GetSessionToken for profile oriishi-t with MFA ${MFA_SERIAL}, 12h`));
    assert.match(result.stdout, new RegExp(`2\\. AssumeRole ${ENV1_ROLE} for profile env1 \\(chained MFA: no code\\), 1h`));
    assert.match(result.stdout, /priming the MFA session with env1's mfa_serial/);
    assert.equal(s.sts.calls.length, 0, '--plan calls nothing');
  });

  it('the credential helper never prompts: with no MFA session it names the command to run', async () => {
    const result = await helperGet('env1');
    // quit=1: git stops there instead of prompting for a username on the terminal (issue 9).
    assert.equal(result.stdout, 'quit=1\n');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^vault-git: profile oriishi-t needs a new MFA session \(code for arn:aws:iam::000000000000:mfa\/device-name\), and git gives the helper no way to ask$/m);
    assert.match(result.stderr, /hint: run in a terminal: vault-git exec env1 -- true/);
    assert.equal(s.sts.calls.length, 0);
  });

  it('exec without a terminal cannot ask for the code and says so', async () => {
    const result = await vaultGit(['exec', 'env1', '--', 'true']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no terminal to ask for the MFA code/);
  });

  it('morning: exec env1 asks once on the terminal (never stdin), then runs the command', async () => {
    const code = s.sts.currentCode(MFA_SERIAL);
    const result = await runPty(`${vaultGitBin} exec env1 -- sh -c 'echo "ran as $AWS_VAULT"'`, [code], s.env);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`Enter MFA code for ${MFA_SERIAL}: ${code}`));
    assert.match(result.stdout, /ran as env1/);
    assert.match(result.stdout, /vault-git: profile env1: account 111111111111, role RoleName, region not set/);
    assert.equal(s.sts.count('GetSessionToken'), 1);
    assert.equal(s.sts.count('AssumeRole'), 1);
    const assumeRole = s.sts.calls.find((call) => call.action === 'AssumeRole')!;
    assert.equal(assumeRole.params.SerialNumber, undefined, 'the role is assumed with the MFA session, no second code');
  });

  it('afterwards exec env2 makes an AssumeRole call only, and sets a clean environment', async () => {
    const result = await vaultGit(['exec', 'env2', '--', 'sh', '-c', 'echo "$AWS_VAULT|$AWS_PROFILE|$(echo "$AWS_ACCESS_KEY_ID" | cut -c1-4)|$AWS_CREDENTIAL_EXPIRATION|${AWS_SESSION_TOKEN:+token}"'], {
      AWS_PROFILE: 'stale-profile',
      AWS_ACCESS_KEY_ID: 'AKIASTALESTALESTALE1',
    });
    assert.equal(result.code, 0, result.stderr);
    const [vault, profile, prefix, expiration, token] = result.stdout.trim().split('|');
    assert.equal(vault, 'env2');
    assert.equal(profile, '', 'AWS_PROFILE removed');
    assert.equal(prefix, 'ASIA', 'the stale key was replaced');
    assert.match(expiration!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(token, 'token');
    assert.equal(s.sts.count('GetSessionToken'), 1);
    assert.equal(s.sts.count('AssumeRole'), 2);
  });

  it('git pushes through either profile without STS calls or prompts', async () => {
    const before = s.sts.calls.length;
    for (const profile of ['env1', 'env2']) {
      const result = await helperGet(profile);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^username=ASIA[0-9A-F]+%IQoJ\S+\npassword=\d{8}T\d{6}Z[0-9a-f]{64}\npassword_expiry_utc=\d+\n$/);
    }
    assert.equal(s.sts.calls.length, before);
  });

  it('real git push with --profile env1 succeeds against the CodeCommit-like server', async () => {
    const url = s.codecommit.repoUrl('demo', 'git-codecommit.ap-northeast-1.amazonaws.com');
    const git = (args: string[], cwd?: string) =>
      runProcess('git', [...s.codecommit.gitOptions(), '-c', `credential.helper=${helperBin} --profile env1`, '-c', 'credential.useHttpPath=true', ...args], { env: s.env, cwd: cwd ?? s.isolated.root });
    const clone = await git(['clone', '-q', url, 'work-env1']);
    assert.equal(clone.code, 0, clone.stderr);
    const work = `${s.isolated.root}/work-env1`;
    await runProcess('git', ['commit', '-q', '--allow-empty', '-m', 'from env1'], { env: s.env, cwd: work });
    const push = await git(['push', '-q', 'origin', 'main'], work);
    assert.equal(push.code, 0, push.stderr);
    assert.equal(s.codecommit.headSubject('demo'), 'from env1');
  });

  it('cached sessions keep working while STS is down', async () => {
    s.sts.down = true;
    try {
      const result = await helperGet('env1');
      assert.equal(result.code, 0, result.stderr);
      const exec = await vaultGit(['exec', 'env2', '--', 'true']);
      assert.equal(exec.code, 0, exec.stderr);
    } finally {
      s.sts.down = false;
    }
  });

  it('a role session inside the refresh window is renewed from the MFA session, without a code', async () => {
    const roles = s.sts.count('AssumeRole');
    // A refresh window just under an hour makes the 1-hour role session due, while the 12-hour MFA session is not.
    const result = await helperGet('env1', { AWS_MIN_TTL: '3599' });
    assert.equal(result.code, 0, result.stderr);
    // The SDK loads for this refresh; its Node-version warning must not reach git's terminal.
    assert.equal(result.stderr, '');
    assert.equal(s.sts.count('AssumeRole'), roles + 1);
    assert.equal(s.sts.count('GetSessionToken'), 1);
  });

  it('concurrent helpers needing the same refresh make one STS call between them', async () => {
    const cleared = await vaultGit(['clear', 'env1']);
    assert.match(cleared.stderr, /Cleared 1 session\./);
    const roles = s.sts.count('AssumeRole');
    const results = await Promise.all(Array.from({ length: 6 }, () => helperGet('env1')));
    for (const result of results) assert.equal(result.code, 0, result.stderr);
    assert.equal(s.sts.count('AssumeRole'), roles + 1);
    assert.equal(new Set(results.map((r) => r.stdout.split('\n')[0])).size, 1, 'all six answered with the same session');
  });

  it("git's erase (after a 401) drops the role session; the next get assumes the role afresh", async () => {
    const roles = s.sts.count('AssumeRole');
    const before = (await helperGet('env1')).stdout.split('\n')[0];
    const erase = await runProcess(helperBin, ['--profile', 'env1', 'erase'], { env: s.env, input: request('demo') });
    assert.deepEqual([erase.code, erase.stdout], [0, '']);
    // The session was minutes old, so a new one may not help: say which command renews the MFA session.
    assert.match(erase.stderr, /^vault-git: CodeCommit refused a password made from a fresh role session of profile env1; the MFA session is kept\..*vault-git clear oriishi-t && vault-git exec env1 -- true\n$/);
    const after = (await helperGet('env1')).stdout.split('\n')[0];
    assert.notEqual(after, before);
    assert.equal(s.sts.count('AssumeRole'), roles + 1);
    assert.equal(s.sts.count('GetSessionToken'), 1, 'the MFA session is kept');
  });

  it('nested exec is refused for another profile, allowed for the same, and the helper works inside', async () => {
    const nested = await vaultGit(['exec', 'env1', '--', vaultGitBin, 'exec', 'env2', '--', 'true']);
    assert.equal(nested.code, 1);
    assert.match(nested.stderr, /exec: already inside an exec shell for profile env1 \(AWS_VAULT is set\); not stacking env2 on it/);
    const same = await vaultGit(['exec', 'env1', '--', vaultGitBin, 'exec', 'env1', '--', 'true']);
    assert.equal(same.code, 0, same.stderr);
    // The aws-vault recipe breaks here; our helper just uses the environment's credentials.
    const inside = await runProcess(vaultGitBin, ['exec', 'env1', '--', helperBin, 'get'], { env: s.env, input: request('demo') });
    assert.equal(inside.code, 0, inside.stderr);
    assert.match(inside.stdout, /^username=ASIA/);
  });

  it('exec --no-session (and -n) hands the long-term key itself to the command', async () => {
    for (const flag of ['--no-session', '-n']) {
      const result = await vaultGit(['exec', 'oriishi-t', flag, '--', 'sh', '-c', 'echo "$AWS_ACCESS_KEY_ID|${AWS_SESSION_TOKEN:-none}"']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout.trim(), `${s.key.accessKeyId}|none`);
    }
  });

  it('exec passes the exit code through', async () => {
    const result = await vaultGit(['exec', 'env1', '--', 'sh', '-c', 'exit 7']);
    assert.equal(result.code, 7);
    const missing = await vaultGit(['exec', 'env1', '--', 'no-such-command-vault-git']);
    assert.equal(missing.code, 127);
    assert.match(missing.stderr, /couldn't find the executable "no-such-command-vault-git"/);
  });

  it('exec forwards signals to the command and ends the way it ended', async () => {
    const child = spawn(vaultGitBin, ['exec', 'env1', '--', 'sh', '-c', 'trap "echo got-term; exit 143" TERM; echo ready; while :; do sleep 0.1; done'], {
      env: s.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const ready = await Promise.race([
      new Promise<boolean>((resolve) =>
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('ready')) resolve(true);
        }),
      ),
      closed.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000)),
    ]);
    if (!ready) {
      process.kill(-child.pid!, 'SIGKILL');
      assert.fail(`the command never started: ${errors}`);
    }
    child.kill('SIGTERM');
    const code = await Promise.race([closed, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 30_000))]);
    if (code === 'hung') {
      process.kill(-child.pid!, 'SIGKILL');
      assert.fail('vault-git did not pass SIGTERM on, or did not end after its command ended');
    }
    assert.match(output, /got-term/);
    assert.equal(code, 143);
    const killed = await vaultGit(['exec', 'env1', '--', 'sh', '-c', 'kill -TERM $$']);
    assert.equal(killed.signal, 'SIGTERM', 'a child killed by a signal: vault-git dies by the same signal');
  });

  it('the AWS CLI itself consumes credential_process = vault-git exec env1 --json', async () => {
    appendFileSync(s.env.AWS_CONFIG_FILE!, `\n[profile via-process]\ncredential_process = ${vaultGitBin} exec env1 --json\nregion = us-east-1\n`);
    const result = await runProcess('aws', ['sts', 'get-caller-identity', '--profile', 'via-process', '--output', 'json'], { env: s.env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(JSON.parse(result.stdout).Arn, /^arn:aws:sts::111111111111:assumed-role\/RoleName\//);
  });

  it('export prints credential_process JSON, env lines and an ini section', async () => {
    const json = JSON.parse((await runProcess(vaultGitBin, ['export', 'env1', '--format', 'json'], { env: s.env })).stdout);
    assert.deepEqual(Object.keys(json), ['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    assert.equal(json.Version, 1);
    const envLines = (await runProcess(vaultGitBin, ['export', 'env1', '--format', 'export-env'], { env: s.env })).stdout;
    assert.match(envLines, /^export AWS_ACCESS_KEY_ID='ASIA\S+'\nexport AWS_SECRET_ACCESS_KEY='\S+'\nexport AWS_SESSION_TOKEN='\S+'\nexport AWS_CREDENTIAL_EXPIRATION='\S+Z'\n$/);
    const ini = (await runProcess(vaultGitBin, ['export', 'oriishi-t', '--format', 'ini'], { env: s.env })).stdout;
    assert.match(ini, /^\[oriishi-t\]\naws_access_key_id=ASIA\S+\naws_secret_access_key=\S+\naws_session_token=\S+\naws_credential_expiration=\S+\nregion=ap-northeast-1\n$/);
  });

  it('login --stdout prints a console sign-in URL for the role session', async () => {
    const result = await vaultGit(['login', 'env1', '--stdout'], { VAULT_GIT_FEDERATION_URL: `${s.sts.endpoint}/federation` });
    assert.equal(result.code, 0, result.stderr);
    const url = new URL(result.stdout.trim());
    assert.equal(url.searchParams.get('Action'), 'login');
    assert.match(s.sts.signinTokenOwner(url.searchParams.get('SigninToken')!) ?? '', /assumed-role\/RoleName/);
  });

  it('login for a profile without a role goes through GetFederationToken with the long-term key', async () => {
    const result = await vaultGit(['login', 'oriishi-t', '--stdout'], { VAULT_GIT_FEDERATION_URL: `${s.sts.endpoint}/federation` });
    assert.equal(result.code, 0, result.stderr);
    const url = new URL(result.stdout.trim());
    assert.match(s.sts.signinTokenOwner(url.searchParams.get('SigninToken')!) ?? '', /federated-user\/oriishi-t/);
    assert.equal(s.sts.count('GetFederationToken'), 1);
  });

  it('list shows each profile with its cached sessions and time left', async () => {
    const result = await vaultGit(['list']);
    // Two sessions on oriishi-t: the MFA session the roles share, and the one `export oriishi-t` made for itself.
    assert.match(result.stdout, /^oriishi-t\s+\*{16}\S{4}\s+GetSessionToken:1[12]h\d\dm, GetSessionToken:1[12]h\d\dm$/m);
    assert.match(result.stdout, /^env1\s+-\s+AssumeRole:(59m|1h00m)$/m);
  });

  it('a guarded profile asks for its name to be typed before running anything', async () => {
    appendFileSync(s.env.AWS_CONFIG_FILE!, `\n[profile env1-prd]\nsource_profile = oriishi-t\nrole_arn = ${ENV1_ROLE}\nmfa_serial = ${MFA_SERIAL}\nvault_git_confirm = true\n`);
    const noTty = await vaultGit(['exec', 'env1-prd', '--', 'true']);
    assert.equal(noTty.code, 1);
    assert.match(noTty.stderr, /profile env1-prd asks for confirmation and there is no terminal to give it\nvault-git: hint: add --yes in scripts/);
    const wrong = await runPty(`${vaultGitBin} exec env1-prd -- echo ran`, ['env1'], s.env);
    assert.equal(wrong.code, 1);
    assert.doesNotMatch(wrong.stdout, /^ran/m);
    const typed = await runPty(`${vaultGitBin} exec env1-prd -- echo ran`, ['env1-prd'], s.env);
    assert.equal(typed.code, 0, typed.stdout);
    assert.match(typed.stdout, /^ran/m);
    const yes = await vaultGit(['exec', 'env1-prd', '--yes', '--', 'true']);
    assert.equal(yes.code, 0, yes.stderr);
    assert.match((await vaultGit(['list'])).stdout, /^env1-prd \(confirm\)/m);
    const pattern = await vaultGit(['exec', 'env2', '--', 'true'], { VAULT_GIT_CONFIRM_PROFILES: 'env2,*-prd-*' });
    assert.match(pattern.stderr, /profile env2 asks for confirmation/);
  });
});
