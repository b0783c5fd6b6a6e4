import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FakeCodeCommitServer } from '../support/fakeCodeCommitServer.js';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolatedEnvironment.js';
import { LocalIdentityCenter } from '../support/localIdentityCenter.js';
import { LocalSts } from '../support/localSts.js';
import { helperBin, vaultGitBin } from '../support/projectPaths.js';
import { runProcess, type ProcessResult } from '../support/runProcess.js';
import { runPty } from '../support/runPty.js';
import { startProcess } from '../support/startProcess.js';
import { secretServiceAvailable, startSecretService, type SecretService } from '../support/startSecretService.js';

const START_URL = 'https://corp.awsapps.com/start';
const DEPLOYER_ROLE = 'arn:aws:iam::333333333333:role/Deployer';
const HOST = 'git-codecommit.ap-northeast-1.amazonaws.com';

const CONFIG = `[sso-session corp]
sso_start_url = ${START_URL}
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Developer
region = ap-northeast-1

[profile deploy]
source_profile = dev
role_arn = ${DEPLOYER_ROLE}

[profile cli-dev]
credential_process = ${vaultGitBin} exec dev --json
`;

/** Every file under a directory, recursively, as text. */
function allFiles(root: string): Array<{ path: string; text: string }> {
  const found: Array<{ path: string; text: string }> = [];
  if (!existsSync(root)) return found;
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile()) found.push({ path, text: readFileSync(path, 'latin1') });
  }
  return found;
}

/** The local STS, IAM Identity Center and CodeCommit-like server, wired to accept each other's credentials, and a HOME using them. */
async function startSsoWorld(extraEnv: NodeJS.ProcessEnv = {}) {
  const sts = await LocalSts.start();
  const center = await LocalIdentityCenter.start(sts);
  const codecommit = await FakeCodeCommitServer.start([HOST]);
  sts.onIssue = (credentials) => codecommit.allowKey(credentials.accessKeyId, credentials);
  center.addAccount('111111111111', 'Dev Account', ['Developer', 'ReadOnly']);
  const isolated = createIsolatedEnvironment({ AWS_ENDPOINT_URL_STS: sts.endpoint, AWS_ENDPOINT_URL_SSO: center.endpoint, AWS_ENDPOINT_URL_SSO_OIDC: center.endpoint, ...extraEnv });
  writeFileSync(isolated.env.AWS_CONFIG_FILE!, CONFIG);
  const stop = async () => {
    await center.stop();
    await sts.stop();
    await codecommit.stop();
    isolated.cleanup();
  };
  return { sts, center, codecommit, isolated, env: isolated.env, stop };
}

describe('issue 10: IAM Identity Center profiles, end to end', () => {
  let sts: LocalSts;
  let center: LocalIdentityCenter;
  let codecommit: FakeCodeCommitServer;
  let isolated: IsolatedEnvironment;
  let env: NodeJS.ProcessEnv;

  const vaultGit = (args: string[], extra: NodeJS.ProcessEnv = {}) => runProcess(vaultGitBin, args, { env: { ...env, ...extra } });
  const helperGet = (profile: string, extra: NodeJS.ProcessEnv = {}) =>
    runProcess(helperBin, ['--profile', profile, 'get'], { env: { ...env, ...extra }, input: `protocol=https\nhost=${HOST}:${codecommit.port}\npath=v1/repos/demo\n\n` });
  const assertPassword = (result: ProcessResult) => {
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^username=ASIA[0-9A-F]+%IQoJ\S+\npassword=\d{8}T\d{6}Z[0-9a-f]{64}\npassword_expiry_utc=\d+\n$/);
  };

  /** `vault-git sso login` with the test as the user's browser: approve the code once it is printed. */
  async function signIn(args: string[] = ['--sso-session', 'corp'], decide: (code: string) => void = (code) => center.approve(code)): Promise<ProcessResult> {
    const login = startProcess(vaultGitBin, ['sso', 'login', ...args, '--no-browser'], { env });
    const [, code] = await login.waitForStderr(/the code ([A-Z0-9]{4}-[A-Z0-9]{4})/);
    decide(code!);
    return login.done;
  }

  let stop: () => Promise<void>;
  before(async () => {
    // The file vault with no passphrase anywhere: a sign-in lives among the sessions, which need none.
    ({ sts, center, codecommit, isolated, env, stop } = await startSsoWorld());
    codecommit.createRepository('demo');
    center.addAccount('222222222222', 'prod', ['Admin']);
    sts.addRole(DEPLOYER_ROLE, { trustedUsers: ['AWSReservedSSO_Developer'] });
  });
  after(async () => stop());

  it('before any sign-in the helper sends quit=1 and one line naming sso login, quickly', async () => {
    const result = await helperGet('dev');
    assert.equal(result.stdout, 'quit=1\n');
    assert.equal(result.code, 1);
    assert.deepEqual(result.stderr.trim().split('\n'), ['vault-git: IAM Identity Center session corp has no sign-in in the vault; sign in again: vault-git sso login --sso-session corp']);
    assert.equal(center.calls.length, 0);
  });

  it('exec --plan names the SSO steps and calls nothing', async () => {
    const result = await vaultGit(['exec', 'deploy', '--plan']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /credentials: IAM Identity Center sign-in of profile dev \(sso-session corp: https:\/\/corp\.awsapps\.com\/start, eu-west-1\)/);
    assert.match(result.stdout, /1\. GetRoleCredentials Developer in account 111111111111 for profile dev/);
    assert.match(result.stdout, new RegExp(`2\\. AssumeRole ${DEPLOYER_ROLE} for profile deploy without MFA, 1h`));
    assert.equal(center.calls.length + sts.calls.length, 0);
  });

  it('sso login: the device flow prints the address and code on stderr, stores the sign-in in the vault only', async () => {
    const result = await signIn();
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '', 'nothing on stdout');
    assert.match(result.stderr, /open https:\/\/device\.sso\.example\.invalid\/\?user_code=[A-Z0-9]{4}-[A-Z0-9]{4}/);
    assert.match(result.stderr, /waiting for the approval/);
    assert.match(result.stderr, /signed in; the access token is good for 8h \(renewed silently/);
    assert.equal(center.count('RegisterClient'), 1);
    assert.equal(center.count('CreateToken'), 1);
    const register = center.calls.find((call) => call.action === 'RegisterClient')!;
    assert.deepEqual(register.input.scopes, ['sso:account:access']);
    // No plaintext token anywhere: not in ~/.aws/sso/cache (never created), not in the vault's files.
    assert.equal(existsSync(join(isolated.home, '.aws', 'sso')), false);
    const tokenCall = center.calls.find((call) => call.action === 'CreateToken' && call.status === 200)!;
    assert.ok(tokenCall);
    for (const file of [...allFiles(isolated.home), ...allFiles(env.VAULT_GIT_RUNTIME_DIR!)]) {
      assert.doesNotMatch(file.text, /aoa[A-Za-z0-9_-]{20}|aor[A-Za-z0-9_-]{20}|secret-[A-Za-z0-9_-]{20}/, `${file.path} holds a token in clear`);
    }
    for (const file of readdirSync(env.VAULT_GIT_FILE_DIR!)) assert.equal(statSync(join(env.VAULT_GIT_FILE_DIR!, file)).mode & 0o077, 0, file);
  });

  it('list shows the sign-in and its time left', async () => {
    const result = await vaultGit(['list']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /corp\s+https:\/\/corp\.awsapps\.com\/start\s+(7h5\dm|8h00m)/);
    const json = JSON.parse((await vaultGit(['list', '--json'])).stdout) as { ssoSessions: Array<{ name: string; renewable: boolean }> };
    assert.equal(json.ssoSessions[0]!.name, 'corp');
    assert.equal(json.ssoSessions[0]!.renewable, true);
  });

  it('git push through the SSO profile, then a second get makes no SSO call', async () => {
    const url = codecommit.repoUrl('demo', HOST);
    const git = (args: string[], cwd?: string) =>
      runProcess('git', [...codecommit.gitOptions(), '-c', `credential.helper=${helperBin} --profile dev`, '-c', 'credential.useHttpPath=true', ...args], { env, cwd: cwd ?? isolated.root });
    assert.equal((await git(['clone', '-q', url, 'work-dev'])).code, 0);
    const work = join(isolated.root, 'work-dev');
    await runProcess('git', ['commit', '-q', '--allow-empty', '-m', 'from sso dev'], { env, cwd: work });
    const push = await git(['push', '-q', 'origin', 'main'], work);
    assert.equal(push.code, 0, push.stderr);
    assert.equal(codecommit.headSubject('demo'), 'from sso dev');
    const fetched = center.count('GetRoleCredentials');
    assert.equal(fetched, 1, 'clone and push share one role session');
    const callsBefore = center.calls.length;
    assertPassword(await helperGet('dev'));
    assert.equal(center.count('GetRoleCredentials'), fetched);
    // The helper's hot record serves SSO role credentials as any role session: the vault is not even read.
    assert.ok(readdirSync(env.VAULT_GIT_RUNTIME_DIR!).includes('hot-dev.json'));
    const vault = env.VAULT_GIT_FILE_DIR!;
    renameSync(vault, `${vault}.away`);
    try {
      assertPassword(await helperGet('dev'));
    } finally {
      renameSync(`${vault}.away`, vault);
    }
    assert.equal(center.calls.length, callsBefore, 'no IAM Identity Center call at all');
  });

  it('git push through a role chained on the SSO profile: AssumeRole from the SSO role credentials, capped at 1h', async () => {
    const result = await helperGet('deploy');
    assertPassword(result);
    const assume = sts.calls.filter((call) => call.action === 'AssumeRole' && call.status === 200);
    assert.equal(assume.length, 1);
    assert.match(assume[0]!.caller!, /assumed-role\/AWSReservedSSO_Developer/);
    assert.equal(assume[0]!.params.DurationSeconds, '3600');
  });

  it('the AWS CLI reads credential_process of an SSO profile', async () => {
    const result = await runProcess('aws', ['sts', 'get-caller-identity', '--profile', 'cli-dev', '--endpoint-url', sts.endpoint, '--region', 'us-east-1', '--output', 'json'], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.match((JSON.parse(result.stdout) as { Arn: string }).Arn, /^arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_Developer\//);
  });

  it('export and login (console) work for the SSO profile: the role credentials, a federation sign-in token', async () => {
    const exported = await vaultGit(['export', 'dev', '--format', 'env']);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /^AWS_ACCESS_KEY_ID=ASIA/m);
    assert.match(exported.stdout, /^AWS_REGION=ap-northeast-1$/m);
    const login = await vaultGit(['login', 'dev', '--stdout'], { VAULT_GIT_FEDERATION_URL: `${sts.endpoint}/federation` });
    assert.equal(login.code, 0, login.stderr);
    const url = new URL(login.stdout.trim());
    assert.match(sts.signinTokenOwner(url.searchParams.get('SigninToken')!) ?? '', /assumed-role\/AWSReservedSSO_Developer/);
  });

  it('an access token refused by the portal is renewed silently with the refresh token during a push', async () => {
    center.expireAccessTokens();
    center.accessTokenSeconds = 120;
    assert.equal((await vaultGit(['clear', 'dev'])).code, 0);
    const before = center.count('CreateToken');
    assertPassword(await helperGet('dev'));
    assert.equal(center.count('CreateToken'), before + 1, 'one refresh_token grant');
    const refresh = center.calls.filter((call) => call.action === 'CreateToken').at(-1)!;
    assert.equal(refresh.input.grantType, 'refresh_token');
  });

  it('an access token about to run out is renewed before use, once for many parallel gets', async () => {
    // The token from the last renewal has 120 s left: inside the five-minute window.
    assert.equal((await vaultGit(['clear', 'dev'])).code, 0);
    const before = center.count('CreateToken');
    const unauthorized = center.calls.filter((call) => call.status === 401).length;
    const results = await Promise.all([1, 2, 3, 4].map(() => helperGet('dev')));
    for (const result of results) assertPassword(result);
    assert.equal(center.count('CreateToken'), before + 1, 'the refresh token is replaced on use: one renewal for all');
    assert.equal(center.calls.filter((call) => call.status === 401).length, unauthorized, 'renewed before the portal refused anything');
    center.accessTokenSeconds = 8 * 3600;
  });

  it('sso profiles prints a profile for every account and role; --write appends only what is missing, idempotently', async () => {
    const printed = await vaultGit(['sso', 'profiles', '--sso-session', 'corp']);
    assert.equal(printed.code, 0, printed.stderr);
    assert.match(printed.stdout, /\[profile Dev-Account\.Developer\]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Developer\nregion = eu-west-1\n/);
    assert.match(printed.stdout, /already in the config as profile dev/);
    assert.match(printed.stdout, /\[profile prod\.Admin\]/);
    const before = readFileSync(env.AWS_CONFIG_FILE!, 'utf8');
    const written = await vaultGit(['sso', 'profiles', '--sso-session', 'corp', '--write']);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stderr, /kept profile dev \(111111111111, Developer\)/);
    assert.match(written.stderr, /Added 2 profiles/);
    const after = readFileSync(env.AWS_CONFIG_FILE!, 'utf8');
    assert.ok(after.startsWith(before), 'existing sections untouched');
    assert.match(after, /\[profile Dev-Account\.ReadOnly\]/);
    const again = await vaultGit(['sso', 'profiles', '--sso-session', 'corp', '--write']);
    assert.match(again.stderr, /Added 0 profiles/);
    assert.equal(readFileSync(env.AWS_CONFIG_FILE!, 'utf8'), after);
    // And a written profile works at once.
    assertPassword(await helperGet('prod.Admin'));
  });

  it('the sign-in revoked: the helper prints one line and sends quit=1, without hanging', async () => {
    center.revokeAll();
    assert.equal((await vaultGit(['clear', 'dev'])).code, 0);
    const started = Date.now();
    const result = await helperGet('dev');
    assert.ok(Date.now() - started < 10_000);
    assert.equal(result.stdout, 'quit=1\n');
    assert.deepEqual(result.stderr.trim().split('\n'), ['vault-git: IAM Identity Center session corp has expired or was signed out; sign in again: vault-git sso login --sso-session corp']);
    // exec without a terminal cannot sign in either, and says how.
    const exec = await vaultGit(['exec', 'dev', '--', 'true']);
    assert.equal(exec.code, 1);
    assert.match(exec.stderr, /sign in again: vault-git sso login --sso-session corp/);
  });

  it('doctor reports the expired sign-in as a problem, with its fix', async () => {
    const result = await vaultGit(['doctor', '--json']);
    assert.equal(result.code, 1);
    const { findings } = JSON.parse(result.stdout) as { findings: Array<{ check: string; status: string; message: string; fix?: string }> };
    const sso = findings.filter((finding) => finding.check === 'sso');
    assert.deepEqual(sso, [
      { check: 'sso', status: 'problem', message: 'IAM Identity Center session corp: the sign-in has expired or was signed out', fix: 'vault-git sso login --sso-session corp' },
    ]);
  });

  it('exec on a terminal signs in interactively, then runs the command', async () => {
    center.autoApprove = true;
    try {
      const result = await runPty(`${vaultGitBin} exec dev -- sh -c 'echo "ran in $AWS_VAULT"'`, [], env);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /the code [A-Z0-9]{4}-[A-Z0-9]{4}/);
      assert.match(result.stdout, /ran in dev/);
      assert.match(result.stdout, /profile dev: account 111111111111, role Developer/);
      const doctor = (JSON.parse((await vaultGit(['doctor', '--json'])).stdout) as { findings: Array<{ check: string; status: string; message: string }> }).findings;
      assert.match(doctor.find((finding) => finding.check === 'sso')!.message, /signed in, access token good for (7h59m|8h00m), then renewed silently/);
    } finally {
      center.autoApprove = false;
    }
  });

  it('sso logout revokes at the portal, removes the sign-in and its role sessions', async () => {
    assertPassword(await helperGet('dev'));
    const result = await vaultGit(['sso', 'logout', 'corp']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(center.count('Logout'), 1);
    assert.match(result.stderr, /Signed out of 1 sso-session; cleared [1-9]\d* role sessions?/);
    const get = await helperGet('dev');
    assert.equal(get.stdout, 'quit=1\n');
    assert.match(get.stderr, /has no sign-in in the vault/);
  });
});

describe('issue 10: the sign-in flow itself', () => {
  let sts: LocalSts;
  let center: LocalIdentityCenter;
  let isolated: IsolatedEnvironment;
  let env: NodeJS.ProcessEnv;
  const vaultGit = (args: string[], extra: NodeJS.ProcessEnv = {}) => runProcess(vaultGitBin, args, { env: { ...env, ...extra } });

  before(async () => {
    sts = await LocalSts.start();
    center = await LocalIdentityCenter.start(sts);
    isolated = createIsolatedEnvironment({ AWS_ENDPOINT_URL_SSO: center.endpoint, AWS_ENDPOINT_URL_SSO_OIDC: center.endpoint });
    env = isolated.env;
    writeFileSync(env.AWS_CONFIG_FILE!, `[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = eu-west-1\n\n[profile legacy]\nsso_start_url = ${START_URL}\nsso_region = eu-west-1\nsso_account_id = 111111111111\nsso_role_name = Developer\n`);
    center.addAccount('111111111111', 'Dev', ['Developer']);
  });
  after(async () => {
    await center.stop();
    await sts.stop();
    isolated.cleanup();
  });

  it('a denied code ends the login with one clear line and stores nothing', async () => {
    const login = startProcess(vaultGitBin, ['sso', 'login', '--sso-session', 'corp', '--no-browser'], { env });
    const [, code] = await login.waitForStderr(/the code ([A-Z0-9]{4}-[A-Z0-9]{4})/);
    center.deny(code!);
    const result = await login.done;
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^vault-git: the sign-in was denied in the browser; nothing was stored$/m);
    assert.doesNotMatch((await vaultGit(['list'])).stdout, /corp\s+https/);
  });

  it('slow_down adds five seconds to the polling interval', async () => {
    center.slowDownPolls = 1;
    const login = startProcess(vaultGitBin, ['sso', 'login', '--sso-session', 'corp', '--no-browser'], { env });
    const [, code] = await login.waitForStderr(/the code ([A-Z0-9]{4}-[A-Z0-9]{4})/);
    center.approve(code!);
    const started = Date.now();
    const result = await login.done;
    assert.equal(result.code, 0, result.stderr);
    // First poll after 1 s answers slow_down; the next waits 1 + 5 s.
    assert.ok(Date.now() - started >= 5500, `polled again after ${Date.now() - started} ms`);
    assert.equal(center.calls.filter((call) => call.error === 'SlowDownException').length, 1);
  });

  it('Ctrl-C while waiting ends the login cleanly: exit 130, nothing stored', async () => {
    const login = startProcess(vaultGitBin, ['sso', 'logout'], { env });
    assert.equal((await login.done).code, 0);
    const waiting = startProcess(vaultGitBin, ['sso', 'login', '--sso-session', 'corp', '--no-browser'], { env });
    await waiting.waitForStderr(/waiting for the approval/);
    waiting.child.kill('SIGINT');
    const result = await waiting.done;
    assert.equal(result.code, 130, result.stderr);
    assert.match(result.stderr, /sign-in cancelled; nothing was stored/);
    assert.doesNotMatch(result.stderr, /internal error|at .*\.cjs/);
  });

  it('without --no-browser the opener gets a private page, never the address on its command line', async () => {
    const bin = join(isolated.root, 'bin');
    mkdirSync(bin, { recursive: true });
    const record = join(isolated.root, 'opened');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\ncat "$1" >> '${record}'\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const login = startProcess(vaultGitBin, ['sso', 'login', '--profile', 'legacy'], { env: { ...env, PATH: `${bin}:${env.PATH}` } });
    const [, code] = await login.waitForStderr(/the code ([A-Z0-9]{4}-[A-Z0-9]{4})/);
    center.approve(code!);
    const result = await login.done;
    assert.equal(result.code, 0, result.stderr);
    const [argument, ...page] = readFileSync(record, 'utf8').split('\n');
    assert.match(argument!, new RegExp(`^${env.VAULT_GIT_RUNTIME_DIR}/sign-in-[0-9a-f]+\\.html$`));
    assert.match(page.join('\n'), new RegExp(`url=https://device\\.sso\\.example\\.invalid/\\?user_code=${code}`));
  });

  it('a legacy profile (sso_start_url in the profile) signs in and is named by its start URL', async () => {
    const result = await vaultGit(['list', '--json']);
    const json = JSON.parse(result.stdout) as { ssoSessions: Array<{ name: string; startUrl: string }> };
    assert.ok(json.ssoSessions.some((session) => session.name === START_URL));
  });
});

describe('issue 10: bad SSO input gets one clear line and caches nothing', () => {
  let sts: LocalSts;
  let center: LocalIdentityCenter;
  let isolated: IsolatedEnvironment;
  let env: NodeJS.ProcessEnv;
  const run = async (config: string, args: string[]) => {
    writeFileSync(env.AWS_CONFIG_FILE!, config);
    return runProcess(vaultGitBin, args, { env });
  };
  const oneLine = (result: ProcessResult, pattern: RegExp) => {
    assert.equal(result.code === 0, false);
    const lines = result.stderr.trim().split('\n').filter((line) => !line.includes('hint:'));
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0]!, pattern);
    assert.doesNotMatch(result.stderr, /internal error|\.cjs:\d+/);
  };

  before(async () => {
    sts = await LocalSts.start();
    center = await LocalIdentityCenter.start(sts);
    isolated = createIsolatedEnvironment({ AWS_ENDPOINT_URL_SSO: center.endpoint, AWS_ENDPOINT_URL_SSO_OIDC: center.endpoint });
    env = isolated.env;
  });
  after(async () => {
    await center.stop();
    await sts.stop();
    isolated.cleanup();
  });

  it('a start URL that is not https', async () => {
    oneLine(await run('[sso-session corp]\nsso_start_url = http://corp.awsapps.com/start\nsso_region = eu-west-1\n', ['sso', 'login', '--sso-session', 'corp', '--no-browser']), /sso_start_url in \[sso-session corp\] .* must be an https:\/\/ URL/);
    assert.equal(center.calls.length, 0);
  });

  it('an unknown sso-session', async () => {
    oneLine(await run('[profile p]\nsso_session = nowhere\nsso_account_id = 111111111111\nsso_role_name = R\n', ['exec', 'p', '--', 'true']), /profile p names sso_session = nowhere, but .* has no \[sso-session nowhere\] section/);
  });

  it('a profile whose sso_start_url disagrees with its sso-session', async () => {
    oneLine(
      await run(`[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = eu-west-1\n\n[profile p]\nsso_session = corp\nsso_start_url = https://other.awsapps.com/start\nsso_account_id = 111111111111\nsso_role_name = R\n`, ['exec', 'p', '--json']),
      /profile p has sso_session = corp and its own sso_start_url\/sso_region, which disagree/,
    );
  });

  it('an SSO answer without credentials: nothing is cached', async () => {
    writeFileSync(env.AWS_CONFIG_FILE!, `[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = eu-west-1\n\n[profile p]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Developer\n`);
    center.addAccount('111111111111', 'Dev', ['Developer']);
    center.autoApprove = true;
    assert.equal((await runProcess(vaultGitBin, ['sso', 'login', '--no-browser'], { env })).code, 0);
    center.omitCredentials = true;
    try {
      oneLine(await runProcess(vaultGitBin, ['exec', 'p', '--json'], { env }), /GetRoleCredentials answered without credentials; nothing was cached/);
    } finally {
      center.omitCredentials = false;
    }
    const list = JSON.parse((await runProcess(vaultGitBin, ['list', '--json'], { env })).stdout) as { profiles: Array<{ profile: string; sessions: unknown[] }> };
    assert.deepEqual(list.profiles.find((row) => row.profile === 'p')!.sessions, []);
    const ok = await runProcess(vaultGitBin, ['exec', 'p', '--json'], { env });
    assert.equal(ok.code, 0, ok.stderr);
  });
});

describe('issue 10: the sign-in kept in the keychain (the real Secret Service)', { skip: !secretServiceAvailable() && 'no dbus-daemon/gnome-keyring-daemon here (.ci/run installs them)' }, () => {
  let world: Awaited<ReturnType<typeof startSsoWorld>>;
  let service: SecretService;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    service = await startSecretService();
    world = await startSsoWorld({ ...service.env, VAULT_GIT_BACKEND: 'keychain' });
    world.center.autoApprove = true;
    env = world.env;
  });
  after(async () => {
    await world.stop();
    service.stop();
  });

  it('sso login stores the sign-in as a Secret Service item; the helper renews and signs from it', async () => {
    const login = await runProcess(vaultGitBin, ['sso', 'login', '--no-browser'], { env });
    assert.equal(login.code, 0, login.stderr);
    const listed = JSON.parse((await runProcess(vaultGitBin, ['list', '--json'], { env })).stdout) as { backend: string; ssoSessions: Array<{ name: string; renewable: boolean }> };
    assert.equal(listed.backend, 'keychain');
    assert.deepEqual(listed.ssoSessions.map((session) => [session.name, session.renewable]), [['corp', true]]);
    world.center.expireAccessTokens();
    const get = await runProcess(helperBin, ['--profile', 'dev', 'get'], { env, input: `protocol=https\nhost=${HOST}:${world.codecommit.port}\npath=v1/repos/demo\n\n` });
    assert.equal(get.code, 0, get.stderr);
    assert.match(get.stdout, /^password=\d{8}T\d{6}Z[0-9a-f]{64}$/m);
    assert.equal(world.center.calls.filter((call) => call.action === 'CreateToken' && call.input.grantType === 'refresh_token' && call.status === 200).length, 1);
    // Nothing of the sign-in on disk in clear.
    for (const file of [...allFiles(world.isolated.home), ...allFiles(env.VAULT_GIT_RUNTIME_DIR!)]) assert.doesNotMatch(file.text, /aoa[A-Za-z0-9_-]{20}|aor[A-Za-z0-9_-]{20}/, file.path);
  });
});
