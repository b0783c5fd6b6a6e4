import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { AwsCredentials } from '../../shared/AwsCredentials.js';
import { VaultGitError } from '../../shared/errors.js';
import { LockTimeoutError, withFileLock } from '../../shared/withFileLock.js';
import type { StsCredentials } from '../sts/StsCredentials.js';
import type { BaseCredentials, CacheSlot, PlanStep, RoleCredentialsStep } from './CredentialPlan.js';
import type { MfaCodeSource } from '../../shared/MfaCodeRequest.js';
import type { PreparedProfile } from './prepareProfile.js';
import type { SessionStore } from './SessionStore.js';
import type { SsoSessionConfig } from '../sso/SsoSessionConfig.js';

export type StsModule = Pick<typeof import('../sts/stsCalls.js'), 'getSessionToken' | 'assumeRole'>;
export type SsoPortalModule = Pick<typeof import('../sso/ssoCalls.js'), 'getRoleCredentials'>;

/** What a GetRoleCredentials step needs its access token for; `rejected` is one the portal just refused. */
export interface SsoTokenRequest {
  readonly session: SsoSessionConfig;
  readonly profile: string;
  readonly rejected?: string | undefined;
}

export interface SessionDeps {
  readonly store: SessionStore;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  /** A cached session is reused only while it has more than this left (AWS_MIN_TTL, default 5 minutes). */
  readonly minTtlSeconds: number;
  /** Where refresh locks live (a private runtime directory, checked when first needed). */
  lockDirectory(): string;
  /** Epoch milliseconds by which the caller needs an answer (the credential helper's budget); none for exec. */
  readonly deadline?: number | undefined;
  /** A line the user should see even without --debug (a session that could not be cached). */
  warn?(line: string): void;
  loadBaseCredentials(base: BaseCredentials): Promise<AwsCredentials>;
  /** Returns a code for the step's serial, or throws (the helper's throws MfaRequiredError with the command to run). */
  getMfaCode: MfaCodeSource;
  /** Loads the STS module; only called when a call must really be made. */
  loadSts(): Promise<StsModule>;
  /**
   * A usable IAM Identity Center access token, renewed with the refresh token when needed; the CLI's may
   * sign in on the terminal, the helper's throws SsoLoginRequiredError naming the command instead.
   */
  getSsoAccessToken(request: SsoTokenRequest): Promise<string>;
  /** Loads the SSO portal client; only called when role credentials must really be fetched. */
  loadSso(): Promise<SsoPortalModule>;
  /** One line per decision, for --debug. */
  log?(line: string): void;
}

export interface ObtainedCredentials extends AwsCredentials {
  readonly account?: string | undefined;
  readonly arn?: string | undefined;
}

/** Long enough for another process's user to type an MFA code; a crashed holder is taken over sooner. */
const LOCK_WAIT_MS = 180_000;

function lockPath(directory: string, slot: CacheSlot): string {
  const id = createHash('sha256').update(`${slot.type}\0${slot.profile}\0${slot.sourceProfile}\0${slot.fingerprint}`).digest('hex').slice(0, 24);
  return join(directory, `refresh-${id}.lock`);
}

/**
 * Carries out a plan: starts from the highest step whose cached session is still fresh, and calls STS only
 * for the steps above it. Each call happens under a lock per cache slot, and the cache is read again once
 * the lock is held, so N processes that need the same refresh at once make one STS call (and ask for at
 * most one MFA code) between them.
 */
export async function obtainCredentials(prepared: PreparedProfile, deps: SessionDeps): Promise<ObtainedCredentials> {
  const plan = prepared.plan;
  const notBefore = () => Math.floor(deps.now().getTime() / 1000) + deps.minTtlSeconds;
  let start = plan.steps.length;
  let current: StsCredentials | undefined;
  for (let index = plan.steps.length - 1; index >= 0; index--) {
    const cached = await deps.store.read(plan.steps[index]!.cache, notBefore());
    if (cached) {
      deps.log?.(`profile ${plan.steps[index]!.profile}: using cached ${plan.steps[index]!.type} session (expires ${cached.expiration.toISOString()})`);
      current = cached;
      start = index + 1;
      break;
    }
    start = index;
  }
  if (plan.steps.length === 0) {
    return deps.loadBaseCredentials(plan.base);
  }

  let base: AwsCredentials | undefined;
  for (let index = start; index < plan.steps.length; index++) {
    const step = plan.steps[index]!;
    // GetRoleCredentials spends the sign-in's access token, not AWS credentials.
    const caller: AwsCredentials | undefined = step.type === 'GetRoleCredentials' ? undefined : (current ?? (base ??= await deps.loadBaseCredentials(plan.base)));
    current = await refreshStep(step, caller, deps, notBefore);
  }
  return current!;
}

async function refreshStep(
  step: PlanStep,
  caller: AwsCredentials | undefined,
  deps: SessionDeps,
  notBefore: () => number,
): Promise<StsCredentials> {
  const lock = lockPath(deps.lockDirectory(), step.cache);
  const waitMs = deps.deadline === undefined ? LOCK_WAIT_MS : Math.max(0, deps.deadline - Date.now() - 1000);
  try {
    return await withFileLock(lock, () => refreshUnderLock(step, caller, deps, notBefore), { timeoutMs: waitMs, staleMs: 300_000 });
  } catch (error) {
    if (error instanceof LockTimeoutError && deps.deadline !== undefined) {
      throw new VaultGitError(`another vault-git is renewing the ${step.type} session of profile ${step.profile} (it may be waiting for an MFA code); gave up after ${Math.round(waitMs / 1000)} s`, {
        hint: `finish that one, or run in a terminal: vault-git exec ${step.profile} -- true`,
      });
    }
    throw error;
  }
}

async function callForStep(step: PlanStep, caller: AwsCredentials | undefined, deps: SessionDeps): Promise<StsCredentials> {
  if (step.type === 'GetRoleCredentials') return fetchRoleCredentials(step, deps);
  const tokenCode = step.mfaSerial ? await deps.getMfaCode({ serial: step.mfaSerial, profile: step.profile, mfaProcess: step.mfaProcess }) : undefined;
  const sts = await deps.loadSts();
  const target = { region: step.region, endpointUrl: step.endpointUrl, deadline: deps.deadline };
  deps.log?.(`profile ${step.profile}: calling STS ${step.type}${step.mfaSerial ? ' with MFA' : ''}`);
  return step.type === 'GetSessionToken' ? sts.getSessionToken(caller!, step, tokenCode, target, deps.env) : sts.assumeRole(caller!, step, tokenCode, target, deps.env);
}

/**
 * The portal refuses an access token that was revoked or timed out early (a sign-out elsewhere, an admin):
 * that token is dropped and a renewed one is tried once before giving up.
 */
async function fetchRoleCredentials(step: RoleCredentialsStep, deps: SessionDeps): Promise<StsCredentials> {
  const request = { session: step.session, profile: step.profile };
  const accessToken = await deps.getSsoAccessToken(request);
  const sso = await deps.loadSso();
  deps.log?.(`profile ${step.profile}: calling IAM Identity Center GetRoleCredentials for ${step.roleName} in account ${step.accountId}`);
  try {
    return await sso.getRoleCredentials(accessToken, step, deps.env, deps.deadline);
  } catch (error) {
    if ((error as { code?: string }).code !== 'UnauthorizedException') throw error;
    deps.log?.(`profile ${step.profile}: the access token was refused; renewing it`);
    const renewed = await deps.getSsoAccessToken({ ...request, rejected: accessToken });
    return sso.getRoleCredentials(renewed, step, deps.env, deps.deadline);
  }
}

async function refreshUnderLock(step: PlanStep, caller: AwsCredentials | undefined, deps: SessionDeps, notBefore: () => number): Promise<StsCredentials> {
  // Someone may have refreshed while we waited for the lock.
  const fresh = await deps.store.read(step.cache, notBefore());
  if (fresh) {
    deps.log?.(`profile ${step.profile}: another process refreshed the ${step.type} session`);
    return fresh;
  }
  const credentials = await callForStep(step, caller, deps);
  try {
    await deps.store.write(step.cache, credentials);
  } catch (error) {
    // A full disk or a read-only vault must not cost the user the session just made: use it uncached.
    deps.warn?.(`could not cache the new ${step.type} session of profile ${step.profile} (${(error as Error).message}); using it anyway`);
  }
  return credentials;
}
