import type { AwsCredentials } from '../../shared/AwsCredentials.js';
import type { Backend } from '../../vault/Backend.js';
import { readStoredCredentials } from '../../vault/StoredCredentials.js';
import { requirePrivateSubdirectory } from '../../shared/runtimeDirectory.js';
import { loadAwsConfig } from '../config/loadAwsConfig.js';
import type { ProfileFlags, ResolvedProfile } from '../config/ResolvedProfile.js';
import { resolveProfile } from '../config/resolveProfile.js';
import type { CredentialPlan } from './CredentialPlan.js';
import { findStoredKeyProfiles } from './findStoredKeyProfiles.js';
import { obtainCredentials, type MfaCodeRequest, type ObtainedCredentials } from './obtainCredentials.js';
import { parseMinTtl } from './parseMinTtl.js';
import { CredentialsMissingError, planCredentials } from './planCredentials.js';
import { runCredentialProcess } from './runCredentialProcess.js';
import { SessionCache } from './SessionCache.js';

export interface ProfileRequest {
  readonly profile: string;
  readonly env: NodeJS.ProcessEnv;
  readonly backend: Backend;
  readonly flags?: ProfileFlags | undefined;
  readonly noSession?: boolean | undefined;
}

export interface PreparedProfile {
  readonly resolved: ResolvedProfile;
  readonly plan: CredentialPlan;
}

/** Config → resolved profile → plan. Pure apart from reading the config (and, rarely, the vault). */
export async function prepareProfile(request: ProfileRequest): Promise<PreparedProfile> {
  const config = await loadAwsConfig(request.env);
  const resolved = resolveProfile(request.profile, { config, env: request.env, flags: request.flags });
  const storedKeyProfiles = await findStoredKeyProfiles(resolved, request.backend);
  return { resolved, plan: planCredentials(resolved, { storedKeyProfiles, noSession: request.noSession }) };
}

export interface ObtainRequest extends ProfileRequest {
  readonly now: () => Date;
  /** Epoch milliseconds by which an answer is needed (the credential helper); none for interactive commands. */
  readonly deadline?: number | undefined;
  warn?(line: string): void;
  getMfaCode(request: MfaCodeRequest): Promise<string>;
  log?(line: string): void;
}

export async function loadBaseCredentials(backend: Backend, base: CredentialPlan['base'], env: NodeJS.ProcessEnv): Promise<AwsCredentials> {
  if (base.kind === 'credential-process') return runCredentialProcess(base.profile, base.command, env);
  const stored = await readStoredCredentials(backend, base.profile);
  if (!stored) {
    throw new CredentialsMissingError(`profile ${base.profile}: no key stored in the ${backend.name} vault (${backend.location})`, {
      hint: `vault-git add ${base.profile}`,
    });
  }
  return { accessKeyId: stored.accessKeyId, secretAccessKey: stored.secretAccessKey };
}

/** Everything a command or the helper needs to turn a profile name into working credentials. */
export async function obtainProfileCredentials(request: ObtainRequest): Promise<PreparedProfile & { credentials: ObtainedCredentials }> {
  const prepared = await prepareProfile(request);
  const credentials = await obtainCredentials(prepared.plan, {
    cache: new SessionCache(request.backend),
    env: request.env,
    now: request.now,
    minTtlSeconds: parseMinTtl(request.env),
    lockDirectory: () => requirePrivateSubdirectory(request.env, 'locks'),
    deadline: request.deadline,
    warn: request.warn,
    loadBaseCredentials: (base) => loadBaseCredentials(request.backend, base, request.env),
    getMfaCode: (mfa) => request.getMfaCode(mfa),
    loadSts: () => import('../sts/stsCalls.js'),
    log: request.log,
  });
  return { ...prepared, credentials };
}
