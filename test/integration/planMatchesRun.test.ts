import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { vaultGitBin } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';
import { ENV1_ROLE, MFA_SERIAL, startSessionScenario, type SessionScenario } from '../support/sessionScenario.js';

describe('issue 8: exec --plan prints exactly the steps the run takes', () => {
  let s: SessionScenario;
  const vaultGit = (args: string[]) => runProcess(vaultGitBin, args, { env: s.env });
  before(async () => {
    s = await startSessionScenario();
  });
  after(async () => s.stop());

  it('--duration and --region: the plan shows a 30-minute role in eu-west-1, and the run assumes exactly that', async () => {
    const plan = await vaultGit(['exec', 'env1', '--plan', '--duration', '30m', '--region', 'eu-west-1']);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, /^Plan for profile env1 \(region eu-west-1\):$/m);
    assert.match(plan.stdout, new RegExp(`^  2\\. AssumeRole ${ENV1_ROLE} for profile env1 \\(chained MFA: no code\\), 30m$`, 'm'));
    const run = await vaultGit(['exec', 'env1', '--duration', '30m', '--region', 'eu-west-1', '--mfa-token', s.sts.currentCode(MFA_SERIAL), '--', 'true']);
    assert.equal(run.code, 0, run.stderr);
    const role = s.sts.calls.filter((call) => call.action === 'AssumeRole' && call.status === 200).at(-1)!;
    assert.equal(role.params.DurationSeconds, '1800');
    assert.equal(role.region, 'eu-west-1');
    assert.deepEqual(s.sts.calls.filter((call) => call.status === 200).map((call) => call.action), ['GetSessionToken', 'GetCallerIdentity', 'AssumeRole']);
  });

  it('--no-session: the plan lists no GetSessionToken, and the run makes none', async () => {
    const plan = await vaultGit(['exec', 'env2', '--plan', '--no-session']);
    assert.equal(plan.code, 0, plan.stderr);
    assert.doesNotMatch(plan.stdout, /GetSessionToken for/);
    assert.match(plan.stdout, /^  1\. AssumeRole \S+ for profile env2 with MFA /m);
    const before = s.sts.count('GetSessionToken');
    const run = await vaultGit(['exec', 'env2', '--no-session', '--mfa-token', s.sts.currentCode(MFA_SERIAL), '--', 'true']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(s.sts.count('GetSessionToken'), before);
    assert.equal(s.sts.calls.filter((call) => call.action === 'AssumeRole' && call.status === 200).at(-1)!.params.SerialNumber, MFA_SERIAL);
  });
});
