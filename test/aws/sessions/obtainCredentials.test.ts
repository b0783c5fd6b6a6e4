import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseAwsConfig } from '../../../src/aws/config/parseAwsConfig.js';
import type { AssumeRoleStep, SessionTokenStep } from '../../../src/aws/sessions/CredentialPlan.js';
import { loadBaseCredentials } from '../../../src/aws/sessions/createSessionDeps.js';
import { obtainCredentials, type SessionDeps, type StsModule } from '../../../src/aws/sessions/obtainCredentials.js';
import { prepareProfile, type PreparedProfile } from '../../../src/aws/sessions/prepareProfile.js';
import { SessionStore } from '../../../src/aws/sessions/SessionStore.js';
import type { StsCredentials } from '../../../src/aws/sts/StsCredentials.js';
import type { AwsCredentials } from '../../../src/shared/AwsCredentials.js';
import { MemoryBackend } from '../../../src/vault/memory/MemoryBackend.js';

const SERIAL = 'arn:aws:iam::000000000000:mfa/me';
const CONFIG = `[profile base]
region = eu-west-1

[profile env1]
source_profile = base
role_arn = arn:aws:iam::111111111111:role/Deploy
mfa_serial = ${SERIAL}
`;

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

let serial = 0;
/** A fake STS module: issues sessions that last exactly what the step asks, against the fake clock. */
function fakeSts(clock: { now: Date }, delayMs = 0) {
  const calls: string[] = [];
  const issue = (kind: string): StsCredentials => {
    serial++;
    return {
      accessKeyId: `ASIA${kind}${String(serial).padStart(12, '0')}`.slice(0, 20).toUpperCase(),
      secretAccessKey: 'S'.repeat(40),
      sessionToken: `IQoJ${'t'.repeat(60)}${serial}`,
      expiration: new Date(0),
    };
  };
  const module: StsModule = {
    getSessionToken: async (_caller: AwsCredentials, step: Pick<SessionTokenStep, 'durationSeconds'>, tokenCode: string | undefined) => {
      calls.push(`GetSessionToken(${tokenCode ?? 'no code'})`);
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return { ...issue('GST'), expiration: new Date(clock.now.getTime() + step.durationSeconds * 1000) };
    },
    assumeRole: async (caller: AwsCredentials, step: AssumeRoleStep, tokenCode: string | undefined) => {
      calls.push(`AssumeRole(${step.roleArn.split('/').pop()}, from ${caller.accessKeyId.slice(0, 7)}, ${tokenCode ?? 'no code'})`);
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return { ...issue('ROL'), expiration: new Date(clock.now.getTime() + step.durationSeconds * 1000) };
    },
  };
  return { module, calls };
}

async function world(options: { delayMs?: number } = {}) {
  const backend = new MemoryBackend();
  await backend.set('credentials', 'base', JSON.stringify({ accessKeyId: 'AKIABASEKEY000000001', secretAccessKey: 'k'.repeat(40), addedAt: '' }));
  const config = await parseAwsConfig(CONFIG, '/test/config');
  const lockDir = mkdtempSync(join(tmpdir(), 'vault-git-obtain-'));
  dirs.push(lockDir);
  const env = { VAULT_GIT_RUNTIME_DIR: lockDir };
  const prepared: PreparedProfile = await prepareProfile({ profile: 'env1' }, { env, backend, config });
  const clock = { now: new Date('2026-12-01T08:00:00Z') };
  const sts = fakeSts(clock, options.delayMs);
  const codes: string[] = [];
  const deps: SessionDeps = {
    store: new SessionStore(backend, env),
    env,
    now: () => clock.now,
    minTtlSeconds: 300,
    lockDirectory: () => lockDir,
    loadBaseCredentials: (base) => loadBaseCredentials(backend, base, env),
    getMfaCode: async (request) => {
      codes.push(request.serial);
      return '123456';
    },
    loadSts: async () => sts.module as Awaited<ReturnType<SessionDeps['loadSts']>>,
    getSsoAccessToken: async () => assert.fail('no SSO profile in this world'),
    loadSso: async () => assert.fail('no SSO profile in this world'),
  };
  const advance = (minutes: number) => (clock.now = new Date(clock.now.getTime() + minutes * 60_000));
  return { prepared, deps, calls: sts.calls, codes, advance };
}

describe('obtainCredentials (issue 8: one pipeline, table-tested in process)', () => {
  it('nothing cached: one MFA session on the source, then the role; one code', async () => {
    const w = await world();
    const credentials = await obtainCredentials(w.prepared, w.deps);
    assert.deepEqual(w.calls, ['GetSessionToken(123456)', 'AssumeRole(Deploy, from ASIAGST, no code)']);
    assert.deepEqual(w.codes, [SERIAL]);
    assert.match(credentials.accessKeyId, /^ASIAROL/);
  });

  it('role session fresh: no STS call, no code', async () => {
    const w = await world();
    const first = await obtainCredentials(w.prepared, w.deps);
    w.advance(30);
    const second = await obtainCredentials(w.prepared, w.deps);
    assert.equal(second.accessKeyId, first.accessKeyId);
    assert.equal(w.calls.length, 2);
    assert.equal(w.codes.length, 1);
  });

  it('role session inside AWS_MIN_TTL: the role is assumed again from the cached MFA session, without a code', async () => {
    const w = await world();
    await obtainCredentials(w.prepared, w.deps);
    w.advance(56); // 4 minutes left of the hour: inside the 5-minute window
    await obtainCredentials(w.prepared, w.deps);
    assert.deepEqual(w.calls.slice(2), ['AssumeRole(Deploy, from ASIAGST, no code)']);
    assert.equal(w.codes.length, 1);
  });

  it('MFA session only (the role session gone): AssumeRole from it, no code', async () => {
    const w = await world();
    await obtainCredentials(w.prepared, w.deps);
    await w.deps.store.forget(w.prepared.plan.steps.at(-1)!.cache);
    await obtainCredentials(w.prepared, w.deps);
    assert.deepEqual(w.calls.slice(2), ['AssumeRole(Deploy, from ASIAGST, no code)']);
    assert.equal(w.codes.length, 1);
  });

  it('everything expired: a new MFA session, and the code is asked for once', async () => {
    const w = await world();
    await obtainCredentials(w.prepared, w.deps);
    w.advance(13 * 60);
    await obtainCredentials(w.prepared, w.deps);
    assert.deepEqual(w.calls.slice(2), ['GetSessionToken(123456)', 'AssumeRole(Deploy, from ASIAGST, no code)']);
    assert.equal(w.codes.length, 2, 'one code per MFA session, never one per step');
  });

  it('two concurrent callers make one STS call per step between them', async () => {
    const w = await world({ delayMs: 50 });
    const [a, b] = await Promise.all([obtainCredentials(w.prepared, w.deps), obtainCredentials(w.prepared, w.deps)]);
    assert.equal(a.accessKeyId, b.accessKeyId);
    assert.deepEqual(w.calls, ['GetSessionToken(123456)', 'AssumeRole(Deploy, from ASIAGST, no code)']);
    assert.equal(w.codes.length, 1);
  });

  it('a refresh whose result cannot be cached still answers, and says so', async () => {
    const w = await world();
    const warnings: string[] = [];
    const failing = { ...w.deps, store: Object.assign(Object.create(w.deps.store) as SessionStore, { write: async () => Promise.reject(new Error('cannot write x: the disk is full')) }), warn: (line: string) => warnings.push(line) };
    const credentials = await obtainCredentials(w.prepared, failing);
    assert.match(credentials.accessKeyId, /^ASIAROL/);
    assert.equal(warnings.length, 2);
    assert.match(warnings[1]!, /^could not cache the new AssumeRole session of profile env1 \(cannot write x: the disk is full\); using it anyway$/);
  });

  it('the cache key follows every field of a step: a new duration or region is a new slot', async () => {
    const backend = new MemoryBackend();
    const config = await parseAwsConfig(CONFIG, '/test/config');
    const plain = await prepareProfile({ profile: 'env1' }, { env: {}, backend, config });
    const shorter = await prepareProfile({ profile: 'env1', flags: { durationSeconds: 1800 } }, { env: {}, backend, config });
    const elsewhere = await prepareProfile({ profile: 'env1', flags: { region: 'us-west-2' } }, { env: {}, backend, config });
    const role = (p: PreparedProfile) => p.plan.steps.at(-1)!.cache.fingerprint;
    const mfa = (p: PreparedProfile) => p.plan.steps[0]!.cache.fingerprint;
    assert.notEqual(role(plain), role(shorter));
    assert.notEqual(role(plain), role(elsewhere));
    // The MFA session is global: another region does not cost another code.
    assert.equal(mfa(plain), mfa(elsewhere));
    assert.deepEqual(Object.keys(plain.plan.steps.at(-1)!.cache.keyedBy).sort(), [
      'base', 'durationSeconds', 'endpointUrl', 'externalId', 'mfaSerial', 'profile', 'region', 'roleArn', 'roleSessionName', 'sessionTags', 'sourceIdentity', 'transitiveSessionTags', 'type',
    ]);
  });
});
