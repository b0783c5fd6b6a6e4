import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsCredentials } from '../../codecommit/AwsCredentials.js';
import { withFileLock } from '../../shared/withFileLock.js';
import type { StsCredentials } from '../sts/StsCredentials.js';
import type { BaseCredentials, CacheSlot, CredentialPlan, PlanStep } from './CredentialPlan.js';
import type { SessionCache } from './SessionCache.js';

type StsModule = typeof import('../sts/stsCalls.js');

export interface MfaCodeRequest {
  readonly serial: string;
  readonly profile: string;
  readonly mfaProcess?: string | undefined;
}

export interface SessionDeps {
  readonly cache: SessionCache;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  /** A cached session is reused only while it has more than this left (AWS_MIN_TTL, default 5 minutes). */
  readonly minTtlSeconds: number;
  /** Where refresh locks live (a private runtime directory). */
  readonly lockDirectory: string;
  loadBaseCredentials(base: BaseCredentials): Promise<AwsCredentials>;
  /** Returns a code for the step's serial, or throws (the helper throws MfaRequiredError with the command to run). */
  getMfaCode(request: MfaCodeRequest): Promise<string>;
  /** Loads the STS module; only called when a call must really be made. */
  loadSts(): Promise<StsModule>;
  /** One line per decision, for --debug. */
  log?(line: string): void;
}

export interface ObtainedCredentials extends AwsCredentials {
  readonly account?: string | undefined;
  readonly arn?: string | undefined;
}

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
export async function obtainCredentials(plan: CredentialPlan, deps: SessionDeps): Promise<ObtainedCredentials> {
  const notBefore = () => Math.floor(deps.now().getTime() / 1000) + deps.minTtlSeconds;
  let start = plan.steps.length;
  let current: StsCredentials | undefined;
  for (let index = plan.steps.length - 1; index >= 0; index--) {
    const cached = await deps.cache.read(plan.steps[index]!.cache, notBefore());
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
    const caller: AwsCredentials = current ?? (base ??= await deps.loadBaseCredentials(plan.base));
    current = await refreshStep(step, caller, deps, notBefore);
  }
  return current!;
}

async function refreshStep(
  step: PlanStep,
  caller: AwsCredentials,
  deps: SessionDeps,
  notBefore: () => number,
): Promise<StsCredentials> {
  mkdirSync(deps.lockDirectory, { recursive: true, mode: 0o700 });
  return withFileLock(
    lockPath(deps.lockDirectory, step.cache),
    async () => {
      // Someone may have refreshed while we waited for the lock.
      deps.cache.invalidate();
      const fresh = await deps.cache.read(step.cache, notBefore());
      if (fresh) {
        deps.log?.(`profile ${step.profile}: another process refreshed the ${step.type} session`);
        return fresh;
      }
      const tokenCode = step.mfaSerial ? await deps.getMfaCode({ serial: step.mfaSerial, profile: step.profile, mfaProcess: step.mfaProcess }) : undefined;
      const sts = await deps.loadSts();
      const target = { region: step.region, endpointUrl: step.endpointUrl };
      deps.log?.(`profile ${step.profile}: calling STS ${step.type}${step.mfaSerial ? ' with MFA' : ''}`);
      const credentials =
        step.type === 'GetSessionToken'
          ? await sts.getSessionToken(caller, { profile: step.profile, durationSeconds: step.durationSeconds, mfaSerial: step.mfaSerial, tokenCode }, target, deps.env)
          : await sts.assumeRole(
              caller,
              {
                profile: step.profile,
                roleArn: step.roleArn,
                durationSeconds: step.durationSeconds,
                roleSessionName: step.roleSessionName,
                externalId: step.externalId,
                mfaSerial: step.mfaSerial,
                tokenCode,
                sessionTags: step.sessionTags,
                transitiveSessionTags: step.transitiveSessionTags,
                sourceIdentity: step.sourceIdentity,
              },
              target,
              deps.env,
            );
      await deps.cache.write(step.cache, credentials);
      return credentials;
    },
    // Long enough for another process's user to type an MFA code; a crashed holder is taken over.
    { timeoutMs: 180_000, staleMs: 300_000 },
  );
}
