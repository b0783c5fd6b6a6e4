import type { AwsCredentials } from '../../shared/AwsCredentials.js';
import type { MfaCodeSource } from '../../shared/MfaCodeRequest.js';
import { requirePrivateSubdirectory } from '../../shared/runtimeDirectory.js';
import type { Backend } from '../../vault/Backend.js';
import { readStoredCredentials } from '../../vault/StoredCredentials.js';
import type { CredentialPlan } from './CredentialPlan.js';
import type { SessionDeps } from './obtainCredentials.js';
import { parseMinTtl } from './parseMinTtl.js';
import { CredentialsMissingError } from './planCredentials.js';
import { runCredentialProcess } from './runCredentialProcess.js';
import { SessionStore } from './SessionStore.js';
import { obtainSsoAccessToken, type SsoTokenDeps } from '../sso/obtainSsoAccessToken.js';
import { SsoTokenStore } from '../sso/SsoTokenStore.js';

/** The long-term key from the vault, or what the profile's credential_process prints. */
export async function loadBaseCredentials(backend: Backend, base: CredentialPlan['base'], env: NodeJS.ProcessEnv): Promise<AwsCredentials> {
  if (base.kind === 'credential-process') return runCredentialProcess(base.profile, base.command, env);
  // A sign-in is spent by the plan's GetRoleCredentials step; it is never a key to load.
  if (base.kind === 'sso') throw new CredentialsMissingError(`profile ${base.profile} signs in to IAM Identity Center and has no key of its own`);
  const stored = await readStoredCredentials(backend, base.profile);
  if (!stored) {
    throw new CredentialsMissingError(`profile ${base.profile}: no key stored in the ${backend.name} vault (${backend.location})`, {
      hint: `vault-git add ${base.profile}`,
    });
  }
  return { accessKeyId: stored.accessKeyId, secretAccessKey: stored.secretAccessKey };
}

export interface SessionDepsOptions {
  readonly backend: Backend;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  /** Where MFA codes come from: the CLI's may ask on the terminal, the helper's never does. */
  readonly getMfaCode: MfaCodeSource;
  readonly deadline?: number | undefined;
  /** Overrides AWS_MIN_TTL (exec --min-ttl). */
  readonly minTtlSeconds?: number | undefined;
  /** Signs in to IAM Identity Center when no token can be renewed: the CLI's device flow; the helper has none. */
  readonly signInToSso?: SsoTokenDeps['signIn'];
  log?(line: string): void;
  warn?(line: string): void;
}

/** The real world for obtainCredentials: the vault's session and sign-in stores, the runtime directory, the STS and SSO bundles. */
export function createSessionDeps(options: SessionDepsOptions): SessionDeps {
  const lockDirectory = () => requirePrivateSubdirectory(options.env, 'locks');
  const loadSso = () => import('../sso/ssoCalls.js');
  const ssoTokens: SsoTokenDeps = {
    store: new SsoTokenStore(options.backend, options.env),
    env: options.env,
    now: options.now,
    lockDirectory,
    loadSso,
    deadline: options.deadline,
    signIn: options.signInToSso,
    log: options.log,
  };
  return {
    store: new SessionStore(options.backend, options.env),
    env: options.env,
    now: options.now,
    minTtlSeconds: options.minTtlSeconds ?? parseMinTtl(options.env),
    lockDirectory,
    deadline: options.deadline,
    loadBaseCredentials: (base) => loadBaseCredentials(options.backend, base, options.env),
    getMfaCode: options.getMfaCode,
    loadSts: () => import('../sts/stsCalls.js'),
    getSsoAccessToken: (request) => obtainSsoAccessToken(request, ssoTokens),
    loadSso,
    log: options.log,
    warn: options.warn,
  };
}
