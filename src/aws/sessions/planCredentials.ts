import { createHash } from 'node:crypto';
import { VaultGitError } from '../../shared/errors.js';
import { formatDuration } from '../config/parseGoDuration.js';
import type { ResolvedProfile } from '../config/ResolvedProfile.js';
import type { AssumeRoleStep, BaseCredentials, CacheSlot, CredentialPlan, PlanStep } from './CredentialPlan.js';

export class CredentialsMissingError extends VaultGitError {}

/** AWS caps an AssumeRole made with temporary credentials from another role ("role chaining") at one hour. */
export const ROLE_CHAINING_LIMIT_SECONDS = 3600;
export const DEFAULT_ASSUME_ROLE_SECONDS = 3600;
/** One MFA code in the morning: the primed session lasts a working day unless configured otherwise. */
export const DEFAULT_MFA_SESSION_SECONDS = 12 * 3600;

export interface PlanOptions {
  /** Profiles whose long-term key is in the vault. */
  readonly storedKeyProfiles: ReadonlySet<string>;
  /** --no-session: no GetSessionToken. */
  readonly noSession?: boolean;
}

/** Step fields that say how to get a session, not what the session is. Everything else keys the cache. */
const NOT_KEYED = new Set(['cache', 'mfaProcess', 'chainedMfa']);
/** STS sessions are global: one made through any regional endpoint serves every role of its source. */
const NOT_KEYED_FOR_SESSION_TOKEN = new Set(['region', 'endpointUrl']);

/**
 * Gives a step its cache slot, keyed by the step's own fields (so a parameter added to a step changes
 * the key without anyone remembering to) and by the slots of the steps it sits on.
 */
function withCacheSlot<T extends Omit<PlanStep, 'cache'>>(step: T, sourceProfile: string, below: readonly PlanStep[]): T & { cache: CacheSlot } {
  const keyedBy: Record<string, string> = {};
  for (const [field, value] of Object.entries(step)) {
    if (NOT_KEYED.has(field) || (step.type === 'GetSessionToken' && NOT_KEYED_FOR_SESSION_TOKEN.has(field))) continue;
    keyedBy[field] = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  }
  if (below.length > 0) keyedBy.base = below.map((lower) => lower.cache.fingerprint).join('/');
  const fingerprint = createHash('sha256').update(JSON.stringify(Object.entries(keyedBy).sort())).digest('hex').slice(0, 16);
  return { ...step, cache: { type: step.type, profile: step.profile, sourceProfile, fingerprint, keyedBy } };
}

/** The profiles from the one holding the credentials (first) up to the target (last). */
function chainToBase(target: ResolvedProfile, stored: ReadonlySet<string>): { chain: ResolvedProfile[]; base: BaseCredentials } {
  const topDown: ResolvedProfile[] = [];
  let current: ResolvedProfile | undefined = target;
  while (current) {
    topDown.push(current);
    // Stored keys win over everything else on the same profile; that is also what lets
    // `credential_process = vault-git exec X --json` sit on profile X without recursion.
    if (stored.has(current.name)) return { chain: topDown.reverse(), base: { kind: 'stored-keys', profile: current.name } };
    if (current.sourceProfile) {
      current = current.sourceProfile;
      continue;
    }
    // The AWS SDKs' order: a sign-in before a credential_process on the same profile.
    if (current.sso) {
      if (!current.ssoAccountId || !current.ssoRoleName) {
        throw new CredentialsMissingError(`profile ${current.name} signs in to IAM Identity Center but names no ${current.ssoAccountId ? 'sso_role_name' : 'sso_account_id'}`, {
          hint: `add sso_account_id and sso_role_name, or list what you can reach: vault-git sso profiles --profile ${current.name}`,
        });
      }
      if (!/^\d{12}$/.test(current.ssoAccountId)) throw new CredentialsMissingError(`profile ${current.name}: sso_account_id = ${current.ssoAccountId.slice(0, 40)} is not a 12-digit account id`);
      return { chain: topDown.reverse(), base: { kind: 'sso', profile: current.name, session: current.sso } };
    }
    if (current.credentialProcess) {
      return { chain: topDown.reverse(), base: { kind: 'credential-process', profile: current.name, command: current.credentialProcess } };
    }
    const hint = current.inConfig || current === target ? `vault-git add ${current.name}` : `add [profile ${current.name}] to the AWS config, or fix source_profile`;
    throw new CredentialsMissingError(
      current === target ? `profile ${current.name}: no key in the vault and no source_profile` : `profile ${target.name}: its source ${current.name} has no key in the vault`,
      { hint },
    );
  }
  throw new CredentialsMissingError(`profile ${target.name}: credentials missing`);
}

/**
 * Decides the STS calls for a profile, following aws-vault's current (ByteNess) rule:
 * - prime one GetSessionToken (with MFA when there is a serial) on the profile holding the long-term key
 *   when the chain has no role, one role of at most an hour, or several roles, so that many role
 *   profiles share one MFA code;
 * - with exactly one role asking for more than an hour, AssumeRole straight from the long-term key with MFA,
 *   so the whole duration is usable;
 * - cap every AssumeRole that sits on temporary credentials at AWS's one-hour role-chaining limit.
 * One step further than aws-vault: when the role names an mfa_serial and the source profile names none,
 * prime on the source with the role's serial (it is the source user's device), so env1, env2 and env3
 * share one code where aws-vault asks for one per role.
 */
export function planCredentials(target: ResolvedProfile, options: PlanOptions): CredentialPlan {
  const { chain, base } = chainToBase(target, options.storedKeyProfiles);
  const notes: string[] = [];
  const source = chain[0]!;
  const roles = chain.filter((profile) => profile.roleArn);
  notes.push(
    base.kind === 'stored-keys'
      ? `profile ${source.name}: using stored credentials`
      : base.kind === 'sso'
        ? `profile ${source.name}: using IAM Identity Center role credentials (${base.session.name !== undefined ? `sso-session ${base.session.name}` : base.session.startUrl})`
        : `profile ${source.name}: using credential process`,
  );
  for (let index = chain.length - 1; index > 0; index--) notes.push(`profile ${chain[index]!.name}: sourcing credentials from profile ${chain[index - 1]!.name}`);

  let primeSerial: string | undefined;
  let prime = false;
  const firstRole = roles[0];
  const skip = (reason: string) => notes.push(`profile ${source.name}: skipping GetSessionToken because ${reason}`);
  if (base.kind !== 'stored-keys') {
    // credential_process output and SSO role credentials are used as they come.
  } else if (options.noSession) {
    skip('sessions are disabled');
  } else if (!firstRole) {
    // No role: the session is the product.
    prime = true;
    primeSerial = source.mfaSerial;
  } else if (roles.length === 1 && source.roleArn) {
    skip('the profile holding the key assumes its own role directly');
  } else if (roles.length === 1 && (firstRole.assumeRoleDurationSeconds ?? DEFAULT_ASSUME_ROLE_SECONDS) > ROLE_CHAINING_LIMIT_SECONDS) {
    skip(
      `profile ${firstRole.name} asks for ${formatDuration(firstRole.assumeRoleDurationSeconds!)}, more than a role assumed from a session may have; AssumeRole straight from the key keeps it`,
    );
  } else if (source.mfaSerial && firstRole.mfaSerial && source.mfaSerial !== firstRole.mfaSerial) {
    skip(`MFA serial doesn't match profile '${firstRole.name}'`);
  } else if (roles.length === 1 && !firstRole.mfaSerial) {
    skip(`profile '${firstRole.name}' has no MFA serial defined`);
  } else {
    // One role within the hour, or a chain of roles: one session on the source serves them all.
    prime = true;
    primeSerial = source.mfaSerial ?? firstRole.mfaSerial;
    if (!source.mfaSerial && firstRole.mfaSerial) {
      notes.push(
        `profile ${source.name}: priming the MFA session with ${firstRole.name}'s mfa_serial, so every role on this source shares one code (aws-vault would ask per role here)`,
      );
    }
  }

  const steps: PlanStep[] = [];
  if (base.kind === 'sso') {
    // Role credentials from the portal are a role session already: no GetSessionToken on top, and every
    // role assumed from them is role chaining (at most an hour). A role's own mfa_serial is asked per role.
    steps.push(
      withCacheSlot(
        { type: 'GetRoleCredentials' as const, profile: source.name, session: base.session, accountId: source.ssoAccountId!, roleName: source.ssoRoleName! },
        source.name,
        [],
      ),
    );
  }
  if (prime) {
    const durationSeconds =
      (roles.length === 0 ? source.sessionTokenDurationSeconds : source.chainedSessionTokenDurationSeconds) ?? DEFAULT_MFA_SESSION_SECONDS;
    notes.push(`profile ${source.name}: using GetSessionToken${primeSerial ? ' (with MFA)' : ' '}`.trimEnd());
    steps.push(
      withCacheSlot(
        {
          type: 'GetSessionToken' as const,
          profile: source.name,
          mfaSerial: primeSerial,
          mfaProcess: primeSerial ? (source.mfaProcess ?? roles[0]?.mfaProcess ?? target.mfaProcess) : undefined,
          durationSeconds,
          region: source.region,
          endpointUrl: source.endpointUrl,
        },
        source.name,
        [],
      ),
    );
  }

  for (const role of roles) {
    const sitsOnTemporary = steps.length > 0;
    let durationSeconds = role.assumeRoleDurationSeconds ?? DEFAULT_ASSUME_ROLE_SECONDS;
    if (sitsOnTemporary && durationSeconds > ROLE_CHAINING_LIMIT_SECONDS) {
      notes.push(
        `profile ${role.name}: capping AssumeRole duration from ${formatDuration(durationSeconds)} to AWS maximum ${formatDuration(ROLE_CHAINING_LIMIT_SECONDS)} for role chaining`,
      );
      durationSeconds = ROLE_CHAINING_LIMIT_SECONDS;
    }
    const chainedMfa = prime && primeSerial !== undefined && role.mfaSerial === primeSerial;
    const mfaSerial = chainedMfa ? undefined : role.mfaSerial;
    notes.push(`profile ${role.name}: using AssumeRole${chainedMfa ? ' (chained MFA)' : mfaSerial ? ' (with MFA)' : ''}`);
    const step: AssumeRoleStep = withCacheSlot(
      {
        type: 'AssumeRole' as const,
        profile: role.name,
        roleArn: role.roleArn!,
        mfaSerial,
        mfaProcess: mfaSerial ? (role.mfaProcess ?? target.mfaProcess) : undefined,
        chainedMfa,
        durationSeconds,
        externalId: role.externalId,
        roleSessionName: role.roleSessionName,
        sessionTags: role.sessionTags,
        transitiveSessionTags: role.transitiveSessionTags,
        sourceIdentity: role.sourceIdentity,
        region: role.region,
        endpointUrl: role.endpointUrl,
      },
      source.name,
      steps,
    );
    steps.push(step);
  }
  return { profile: target.name, region: target.region, base, steps, notes };
}
