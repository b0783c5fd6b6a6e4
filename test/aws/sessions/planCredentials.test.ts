// aws-vault's chain tests (ByteNess vault/vault_test.go, shared/reference/aws-vault-semantics.md §19.3)
// expressed against vault-git's plan: the same STS calls in the same order, with MFA and durations.
// Where vault-git deliberately differs, the case says so.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAwsConfig } from '../../../src/aws/config/parseAwsConfig.js';
import type { ProfileFlags } from '../../../src/aws/config/ResolvedProfile.js';
import { resolveProfile } from '../../../src/aws/config/resolveProfile.js';
import type { CredentialPlan } from '../../../src/aws/sessions/CredentialPlan.js';
import { planCredentials } from '../../../src/aws/sessions/planCredentials.js';

const MFA = 'arn:aws:iam::111111111111:mfa/user';

async function plan(config: string, target: string, keys: string[], options: { flags?: ProfileFlags; env?: NodeJS.ProcessEnv; noSession?: boolean } = {}) {
  const parsed = await parseAwsConfig(config, '/test/config');
  const profile = resolveProfile(target, { config: parsed, env: options.env ?? {}, flags: options.flags });
  return planCredentials(profile, { storedKeyProfiles: new Set(keys), noSession: options.noSession });
}

/** "GetSessionToken(source, MFA, 12h)" / "AssumeRole(target, chained, 1h)": one string per step. */
function steps(p: CredentialPlan): string[] {
  return p.steps.map((step) => {
    if (step.type === 'GetRoleCredentials') return `GetRoleCredentials(${step.profile}, ${step.accountId}, ${step.roleName})`;
    const mfa = step.mfaSerial ? 'MFA' : step.type === 'AssumeRole' && step.chainedMfa ? 'chained' : 'no MFA';
    return `${step.type}(${step.profile}, ${mfa}, ${step.durationSeconds / 3600}h)`;
  });
}

describe('plan: aws-vault chain cases', () => {
  it('DirectRoleLoginDoesNotUseGetSessionToken', async () => {
    const p = await plan(`[profile target]\nrole_arn=arn:aws:iam::1:role/t\nmfa_serial=${MFA}\n`, 'target', ['target']);
    assert.deepEqual(steps(p), ['AssumeRole(target, MFA, 1h)']);
    assert.ok(p.notes.includes('profile target: using AssumeRole (with MFA)'));
  });

  it('RoleChainingMfaUsesGetSessionTokenBeforeAssumeRole', async () => {
    const config = `[profile source]\nrole_arn=arn:aws:iam::1:role/s\nmfa_serial=${MFA}\n[profile target]\nsource_profile=source\nrole_arn=arn:aws:iam::1:role/t\nmfa_serial=${MFA}\n`;
    const p = await plan(config, 'target', ['source']);
    // vault-git's MFA session lasts 12h by default (aws-vault: 8h when chained), per the product's one-code-a-day goal.
    assert.deepEqual(steps(p), ['GetSessionToken(source, MFA, 12h)', 'AssumeRole(source, chained, 1h)', 'AssumeRole(target, chained, 1h)']);
  });

  it('NonRoleChainingFlowDoesNotUseChainedMfaPath', async () => {
    const config = `[profile source]\nrole_arn=arn:aws:iam::1:role/s\nmfa_serial=${MFA}\n[profile target]\nsource_profile=source\n`;
    assert.deepEqual(steps(await plan(config, 'target', ['source'])), ['AssumeRole(source, MFA, 1h)']);
  });

  it('DefaultMfaRoleChainDoesNotCallGetSessionTokenWithSessionCreds', async () => {
    const config = `[default]\nmfa_serial=${MFA}\n[profile source]\nregion=us-east-1\nduration_seconds=7200\n[profile admin]\nsource_profile=source\nrole_arn=arn:aws:iam::1:role/admin\nrole_session_name=user\nduration_seconds=7200\n[profile target]\nsource_profile=admin\nrole_arn=arn:aws:iam::1:role/target\nrole_session_name=user\nduration_seconds=7200\n`;
    const p = await plan(config, 'target', ['source']);
    assert.deepEqual(steps(p), ['GetSessionToken(source, MFA, 12h)', 'AssumeRole(admin, chained, 1h)', 'AssumeRole(target, chained, 1h)']);
    assert.ok(p.notes.includes('profile admin: using AssumeRole (chained MFA)'));
    assert.ok(p.notes.includes('profile target: using AssumeRole (chained MFA)'));
  });

  it('RoleChainingCapsAssumeRoleDurationToOneHour', async () => {
    const config = `[profile source]\nrole_arn=arn:aws:iam::1:role/s\nmfa_serial=${MFA}\n[profile target]\nsource_profile=source\nrole_arn=arn:aws:iam::1:role/t\nmfa_serial=${MFA}\n`;
    const p = await plan(config, 'target', ['source'], { env: { AWS_ASSUME_ROLE_TTL: '12h', AWS_CHAINED_SESSION_TOKEN_TTL: '12h' } });
    assert.deepEqual(steps(p), ['GetSessionToken(source, MFA, 12h)', 'AssumeRole(source, chained, 1h)', 'AssumeRole(target, chained, 1h)']);
    assert.ok(p.notes.includes('profile source: capping AssumeRole duration from 12h to AWS maximum 1h for role chaining'));
    assert.ok(p.notes.includes('profile target: capping AssumeRole duration from 12h to AWS maximum 1h for role chaining'));
  });

  it('SourceProfileRoleLoginDoesNotCapAssumeRoleDuration (ByteNess #290)', async () => {
    const config = `[profile source]\nmfa_serial=${MFA}\n[profile target]\nsource_profile=source\nrole_arn=arn:aws:iam::1:role/t\nmfa_serial=${MFA}\n`;
    assert.deepEqual(steps(await plan(config, 'target', ['source'], { flags: { durationSeconds: 43200 } })), ['AssumeRole(target, MFA, 12h)']);
  });

  it('AliasedSourceProfileRoleLoginDoesNotCapAssumeRoleDuration', async () => {
    const config = `[profile source]\nmfa_serial=${MFA}\n[profile alias]\nsource_profile=source\n[profile target]\nsource_profile=alias\nrole_arn=arn:aws:iam::1:role/t\nmfa_serial=${MFA}\n`;
    assert.deepEqual(steps(await plan(config, 'target', ['source'], { flags: { durationSeconds: 43200 } })), ['AssumeRole(target, MFA, 12h)']);
  });

  it('SingleRoleWithinCapPrimesGetSessionToken (ByteNess #392)', async () => {
    const config = `[profile source]\nmfa_serial=${MFA}\n[profile target]\nsource_profile=source\nrole_arn=arn:aws:iam::1:role/t\nmfa_serial=${MFA}\n`;
    const p = await plan(config, 'target', ['source']);
    assert.deepEqual(steps(p), ['GetSessionToken(source, MFA, 12h)', 'AssumeRole(target, chained, 1h)']);
    assert.ok(!p.notes.some((note) => note.includes('capping')));
  });

  it('PassthroughRoleChainingCapsAssumeRoleDurationToOneHour', async () => {
    const config = `[profile source]\nmfa_serial=${MFA}\n[profile admin]\nsource_profile=source\nrole_arn=arn:aws:iam::1:role/admin\n[profile passthrough]\nsource_profile=admin\nregion=us-east-1\n[profile target]\nsource_profile=passthrough\nrole_arn=arn:aws:iam::1:role/t\n`;
    const p = await plan(config, 'target', ['source'], { flags: { durationSeconds: 43200 } });
    assert.deepEqual(steps(p), ['GetSessionToken(source, MFA, 12h)', 'AssumeRole(admin, no MFA, 1h)', 'AssumeRole(target, no MFA, 1h)']);
  });

  it('upstream: serials that differ cannot share a session (the role asks for its own code)', async () => {
    const config = `[profile source]\nmfa_serial=${MFA}\n[profile target]\nsource_profile=source\nrole_arn=arn:aws:iam::1:role/t\nmfa_serial=arn:aws:iam::1:mfa/other\n`;
    const p = await plan(config, 'target', ['source']);
    assert.deepEqual(steps(p), ['AssumeRole(target, MFA, 1h)']);
    assert.ok(p.notes.includes("profile source: skipping GetSessionToken because MFA serial doesn't match profile 'target'"));
  });

  it('a profile with keys and no role gets a GetSessionToken of its own (with MFA when it has a serial)', async () => {
    assert.deepEqual(steps(await plan(`[profile me]\nmfa_serial=${MFA}\n`, 'me', ['me'])), ['GetSessionToken(me, MFA, 12h)']);
    assert.deepEqual(steps(await plan('[profile me]\n', 'me', ['me'])), ['GetSessionToken(me, no MFA, 12h)']);
    assert.deepEqual(steps(await plan('[profile me]\n', 'me', ['me'], { noSession: true })), []);
  });
});

describe('plan: where vault-git goes one step past aws-vault', () => {
  const EXAMPLE = `[profile oriishi-t]\nregion = ap-northeast-1\n[profile env1]\nsource_profile = oriishi-t\nrole_arn = arn:aws:iam::111111111111:role/RoleName\nmfa_serial = arn:aws:iam::000000000000:mfa/device-name\n[profile env2]\nsource_profile = oriishi-t\nrole_arn = arn:aws:iam::222222222222:role/RoleName\nmfa_serial = arn:aws:iam::000000000000:mfa/device-name\n`;

  it('differs: roles name the serial, the source does not: prime the source with it, so env1 and env2 share one code', async () => {
    const env1 = await plan(EXAMPLE, 'env1', ['oriishi-t']);
    const env2 = await plan(EXAMPLE, 'env2', ['oriishi-t']);
    // aws-vault skips GetSessionToken here ("profile 'oriishi-t' has no MFA serial defined") and asks per role.
    assert.deepEqual(steps(env1), ['GetSessionToken(oriishi-t, MFA, 12h)', 'AssumeRole(env1, chained, 1h)']);
    assert.equal(env1.steps[0]!.mfaSerial, 'arn:aws:iam::000000000000:mfa/device-name');
    assert.equal(env1.steps[0]!.cache.fingerprint, env2.steps[0]!.cache.fingerprint, 'one MFA session slot for both');
    assert.notEqual(env1.steps[1]!.cache.fingerprint, env2.steps[1]!.cache.fingerprint);
  });

  it('cache keys change with everything that changes a session: role ARN, region, duration', async () => {
    const base = await plan(EXAMPLE, 'env1', ['oriishi-t']);
    const otherRegion = await plan(EXAMPLE, 'env1', ['oriishi-t'], { env: { AWS_REGION: 'eu-west-1' } });
    const otherRole = await plan(EXAMPLE.replace('111111111111:role/RoleName', '111111111111:role/Other'), 'env1', ['oriishi-t']);
    const shorter = await plan(EXAMPLE, 'env1', ['oriishi-t'], { env: { AWS_ASSUME_ROLE_TTL: '30m' } });
    for (const other of [otherRegion, otherRole, shorter]) assert.notEqual(other.steps[1]!.cache.fingerprint, base.steps[1]!.cache.fingerprint);
    assert.equal(otherRegion.steps[0]!.cache.fingerprint, base.steps[0]!.cache.fingerprint, 'the MFA session is valid in every region');
  });

  it('a missing key names the profile and the command that fixes it', async () => {
    await assert.rejects(plan(EXAMPLE, 'env1', []), /profile env1: its source oriishi-t has no key in the vault/);
  });
});

describe('plan: IAM Identity Center profiles', () => {
  const SSO = `[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n[profile dev]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Developer\n[profile deploy]\nsource_profile = dev\nrole_arn = arn:aws:iam::333333333333:role/Deployer\nduration_seconds = 7200\n[profile guarded]\nsource_profile = deploy\nrole_arn = arn:aws:iam::444444444444:role/Admin\nmfa_serial = arn:aws:iam::000000000000:mfa/me\n`;

  it('an SSO profile is one GetRoleCredentials step, needing no key in the vault', async () => {
    const p = await plan(SSO, 'dev', []);
    assert.equal(p.base.kind, 'sso');
    assert.deepEqual(steps(p), ['GetRoleCredentials(dev, 111111111111, Developer)']);
  });

  it('roles on an SSO profile chain from its role credentials: no GetSessionToken, capped at 1h, their own MFA per role', async () => {
    const p = await plan(SSO, 'guarded', []);
    assert.deepEqual(steps(p), ['GetRoleCredentials(dev, 111111111111, Developer)', 'AssumeRole(deploy, no MFA, 1h)', 'AssumeRole(guarded, MFA, 1h)']);
    assert.ok(p.notes.some((note) => /capping AssumeRole duration from 2h to AWS maximum 1h/.test(note)));
  });

  it('the cache key follows the account, the role and the sign-in', async () => {
    const base = (await plan(SSO, 'dev', [])).steps[0]!.cache.fingerprint;
    for (const changed of [SSO.replace('111111111111', '222222222222'), SSO.replace('= Developer', '= ReadOnly'), SSO.replace('corp.awsapps', 'other.awsapps')]) {
      assert.notEqual((await plan(changed, 'dev', [])).steps[0]!.cache.fingerprint, base);
    }
  });

  it('a sign-in is never taken from [default]', async () => {
    const p = plan(`[default]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = R\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n[profile plain]\nregion = eu-west-1\n`, 'plain', []);
    await assert.rejects(p, /profile plain: no key in the vault/);
  });

  it('an SSO profile without an account or role, or with a bad account id, names what is missing', async () => {
    await assert.rejects(plan(SSO.replace('sso_account_id = 111111111111\n', ''), 'dev', []), /profile dev signs in to IAM Identity Center but names no sso_account_id/);
    await assert.rejects(plan(SSO.replace('111111111111', '12345'), 'dev', []), /sso_account_id = 12345 is not a 12-digit account id/);
  });
});
