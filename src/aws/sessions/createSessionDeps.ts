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

/** The long-term key from the vault, or what the profile's credential_process prints. */
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

export interface SessionDepsOptions {
  readonly backend: Backend;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  /** Where MFA codes come from: the CLI's may ask on the terminal, the helper's never does. */
  readonly getMfaCode: MfaCodeSource;
  readonly deadline?: number | undefined;
  log?(line: string): void;
  warn?(line: string): void;
}

/** The real world for obtainCredentials: the vault's session store, the runtime directory, the STS bundle. */
export function createSessionDeps(options: SessionDepsOptions): SessionDeps {
  return {
    store: new SessionStore(options.backend, options.env),
    env: options.env,
    now: options.now,
    minTtlSeconds: parseMinTtl(options.env),
    lockDirectory: () => requirePrivateSubdirectory(options.env, 'locks'),
    deadline: options.deadline,
    loadBaseCredentials: (base) => loadBaseCredentials(options.backend, base, options.env),
    getMfaCode: options.getMfaCode,
    loadSts: () => import('../sts/stsCalls.js'),
    log: options.log,
    warn: options.warn,
  };
}
