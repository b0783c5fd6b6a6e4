import { obtainProfileCredentials } from '../aws/sessions/obtainProfileCredentials.js';
import { createMfaCodeSource } from '../prompt/createMfaCodeSource.js';
import { assertValidProfileName } from '../shared/validateProfileName.js';
import type { CliContext } from './CliContext.js';
import { profileFlags, type SessionOptions } from './profileOptions.js';

/** exec, export and login: credentials for a profile, asking for an MFA code on the terminal if needed. */
export async function openProfileCredentials(profile: string, options: SessionOptions & { backend?: string | undefined }, context: CliContext, debug: boolean) {
  assertValidProfileName(profile);
  const { backend } = await context.openBackend(options.backend);
  return obtainProfileCredentials({
    profile,
    env: context.env,
    backend,
    flags: profileFlags(options),
    noSession: options.noSession,
    now: () => context.now(),
    getMfaCode: createMfaCodeSource({ env: context.env, mfaToken: options.mfaToken, allowTerminal: true, renewCommand: `vault-git exec ${profile}` }),
    log: debug ? (line) => context.err(`vault-git: debug: ${line}\n`) : undefined,
    warn: (line) => context.err(`vault-git: ${line}\n`),
  });
}
