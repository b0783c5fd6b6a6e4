import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { IssuedCredentials } from '../support/localSts.js';
import { projectRoot, vaultGitBin } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';
import { MFA_SERIAL, startSessionScenario, type SessionScenario } from '../support/sessionScenario.js';
import { startProcess } from '../support/startProcess.js';

const ROLE_ARN = /^arn:aws:sts::111111111111:assumed-role\/RoleName\//;
/** Role sessions of 8 s, renewed when 3 s are left: a renewal every 5 s, several within one test. */
const SESSION_SECONDS = 8;
const WINDOW_SECONDS = 3;

/** A child that asks STS who it is through the AWS SDK for JavaScript v3, one client across several expiries. */
const SDK_LOOP = `import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(join(projectRoot, 'package.json'))});
const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');
const client = new STSClient({ region: 'us-east-1', endpoint: process.env.STS_ENDPOINT });
const arns = [];
for (let i = 0; i < 7; i++) {
  arns.push((await client.send(new GetCallerIdentityCommand({}))).Arn);
  await new Promise((resolve) => setTimeout(resolve, 2500));
}
console.log(JSON.stringify(arns));
`;

describe('issue 11: exec --ecs-server, credentials that outlive the role session', () => {
  let s: SessionScenario;
  const issued: IssuedCredentials[] = [];
  let env: NodeJS.ProcessEnv;

  before(async () => {
    s = await startSessionScenario();
    const allow = s.sts.onIssue;
    s.sts.onIssue = (credentials) => {
      issued.push(credentials);
      allow(credentials);
    };
    s.sts.roleSessionSeconds = SESSION_SECONDS;
    env = { ...s.env, AWS_MIN_TTL: `${WINDOW_SECONDS}s`, STS_ENDPOINT: s.sts.endpoint };
  });
  after(async () => s.stop());

  it('a child calling STS through the AWS CLI and the JS SDK across several expiries: every call succeeds as the role, one MFA code, no key in its environment', async () => {
    const root = s.isolated.root;
    writeFileSync(join(root, 'sdk.mjs'), SDK_LOOP);
    const script = [
      `node ${join(root, 'sdk.mjs')} > ${join(root, 'sdk.out')} & sdk=$!`,
      `for i in 1 2 3 4; do aws sts get-caller-identity --endpoint-url "$STS_ENDPOINT" --region us-east-1 --query Arn --output text >> ${join(root, 'cli.out')} || exit 11; sleep 4; done`,
      'wait $sdk || exit 12',
      `env > ${join(root, 'child.env')}`,
    ].join('\n');
    const result = await runProcess(vaultGitBin, ['exec', 'env1', '--ecs-server', '--mfa-token', s.sts.currentCode(MFA_SERIAL), '--', 'sh', '-c', script], { env, timeoutMs: 90_000 });
    assert.equal(result.code, 0, result.stderr);
    const sdkArns = JSON.parse(readFileSync(join(root, 'sdk.out'), 'utf8')) as string[];
    const cliArns = readFileSync(join(root, 'cli.out'), 'utf8').trim().split('\n');
    assert.equal(sdkArns.length, 7);
    assert.equal(cliArns.length, 4);
    for (const arn of [...sdkArns, ...cliArns]) assert.match(arn, ROLE_ARN);
    assert.ok(s.sts.count('AssumeRole') >= 3, `the role session was renewed while the child ran (${s.sts.count('AssumeRole')} AssumeRole calls)`);
    assert.equal(s.sts.count('GetSessionToken'), 1, 'one MFA code for the whole run');
    const childEnv = readFileSync(join(root, 'child.env'), 'utf8');
    assert.doesNotMatch(childEnv, /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)=/m);
    assert.match(childEnv, /^AWS_CONTAINER_CREDENTIALS_FULL_URI=http:\/\/127\.0\.0\.1:\d+\/credentials$/m);
    assert.match(childEnv, /^AWS_CONTAINER_AUTHORIZATION_TOKEN=[A-Za-z0-9_-]{43}$/m);
    assert.match(childEnv, /^AWS_VAULT=env1$/m);
    for (const credentials of issued) assert.ok(!childEnv.includes(credentials.secretAccessKey) && !childEnv.includes(credentials.sessionToken));
    assert.ok(!result.stderr.includes(issued[0]!.secretAccessKey));
  });

  it('the server refuses a missing or wrong token, other methods and paths; 20 requests at expiry make one AssumeRole; after SIGTERM the child is refused', async () => {
    const root = s.isolated.root;
    // The child prints where to ask, then, once vault-git is told to stop, asks once more.
    const askAgain = `node -e 'fetch(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI, { headers: { authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN } }).then((r) => r.status, () => "refused").then(console.log)' > ${join(root, 'after-stop.out')}`;
    const script = `trap '${askAgain.replace(/'/g, `'\\''`)}; exit 0' TERM\necho "URI=$AWS_CONTAINER_CREDENTIALS_FULL_URI TOKEN=$AWS_CONTAINER_AUTHORIZATION_TOKEN"\nwhile :; do sleep 0.2; done`;
    const running = startProcess(vaultGitBin, ['exec', 'env1', '--ecs-server', '--', 'sh', '-c', script], { env, timeoutMs: 60_000 });
    const [, uri, token] = await running.waitForStdout(/URI=(\S+) TOKEN=(\S+)/);
    const ask = (init: RequestInit & { url?: string } = {}) => fetch(init.url ?? uri!, init);

    assert.equal((await ask()).status, 403, 'no token');
    assert.equal((await ask({ headers: { authorization: `${token!}x` } })).status, 403, 'wrong token');
    assert.equal((await ask({ headers: { authorization: token!.slice(0, 10) } })).status, 403, 'a prefix of the token');
    assert.equal((await ask({ method: 'POST', headers: { authorization: token! } })).status, 405);
    assert.equal((await ask({ url: uri!.replace('/credentials', '/other'), headers: { authorization: token! } })).status, 404);
    const good = await ask({ headers: { authorization: token! } });
    assert.equal(good.status, 200);
    const first = (await good.json()) as { AccessKeyId: string; SecretAccessKey: string; Token: string; Expiration: string };
    assert.match(first.AccessKeyId, /^ASIA/);
    assert.match(first.Expiration, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    // Wait until the held session is inside the renewal window, then ask 20 times at once.
    const waitMs = new Date(first.Expiration).getTime() - WINDOW_SECONDS * 1000 - Date.now() + 300;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitMs)));
    const before = s.sts.count('AssumeRole');
    const answers = await Promise.all(Array.from({ length: 20 }, () => ask({ headers: { authorization: token! } }).then((r) => r.json() as Promise<{ AccessKeyId: string }>)));
    assert.equal(s.sts.count('AssumeRole'), before + 1, 'one renewal for 20 requests');
    assert.equal(new Set(answers.map((answer) => answer.AccessKeyId)).size, 1);
    assert.notEqual(answers[0]!.AccessKeyId, first.AccessKeyId);

    running.child.kill('SIGTERM');
    const result = await running.done;
    assert.equal(readFileSync(join(root, 'after-stop.out'), 'utf8').trim().match(/^(503|refused)$/)?.[0] !== undefined, true, 'refused after the stop');
    assert.equal(result.code, 0, result.stderr);
    await assert.rejects(ask({ headers: { authorization: token! } }), 'the port is closed once the child is gone');
  });

  it('a renewal that needs an MFA code it cannot ask for fails the request with a clear body, and vault-git says what to run', async () => {
    const script = 'echo "URI=$AWS_CONTAINER_CREDENTIALS_FULL_URI TOKEN=$AWS_CONTAINER_AUTHORIZATION_TOKEN"; exec sleep 30';
    const running = startProcess(vaultGitBin, ['exec', 'env1', '--ecs-server', '--', 'sh', '-c', script], { env, timeoutMs: 60_000 });
    const [, uri, token] = await running.waitForStdout(/URI=(\S+) TOKEN=(\S+)/);
    // The MFA session goes; the held role session runs into its renewal window.
    assert.equal((await runProcess(vaultGitBin, ['clear'], { env })).code, 0);
    const held = (await (await fetch(uri!, { headers: { authorization: token! } })).json()) as { Expiration: string };
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, new Date(held.Expiration).getTime() - WINDOW_SECONDS * 1000 - Date.now() + 300)));
    const refused = await fetch(uri!, { headers: { authorization: token! } });
    assert.equal(refused.status, 500);
    const body = (await refused.json()) as { code: string; message: string };
    assert.equal(body.code, 'CredentialsUnavailable');
    assert.match(body.message, /no terminal to ask for the MFA code/);
    running.child.kill('SIGTERM');
    const result = await running.done;
    assert.match(result.stderr, /vault-git: the credential server could not renew the credentials: .*no terminal to ask for the MFA code/);
  });

  it('--lazy makes no call before the child asks; --ecs-server with --json is a usage error', async () => {
    const before = s.sts.calls.length;
    const lazy = await runProcess(vaultGitBin, ['exec', 'env2', '--ecs-server', '--lazy', '--', 'true'], { env });
    assert.equal(lazy.code, 0, lazy.stderr);
    assert.equal(s.sts.calls.length, before);
    const both = await runProcess(vaultGitBin, ['exec', 'env1', '--ecs-server', '--json'], { env });
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--ecs-server and --json do not go together/);
  });

  it('--min-ttl renews first, and warns when the role cannot last that long', async () => {
    const result = await runProcess(vaultGitBin, ['exec', 'env1', '--min-ttl', '2h', '--mfa-token', s.sts.currentCode(MFA_SERIAL), '--', 'true'], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /profile env1's credentials last \d+s, less than --min-ttl 2h .*add --ecs-server so they are renewed/);
  });
});
