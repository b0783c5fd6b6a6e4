import { createSessionDeps } from '../aws/sessions/createSessionDeps.js';
import { obtainCredentials, type ObtainedCredentials } from '../aws/sessions/obtainCredentials.js';
import { prepareProfile, type PreparedProfile, type ProfileOptions } from '../aws/sessions/prepareProfile.js';
import { createMfaCodeSource } from '../prompt/createMfaCodeSource.js';
import { promptOnTerminal } from '../prompt/promptOnTerminal.js';
import { writeHotRecord } from '../hot/writeHotRecord.js';
import type { Backend } from '../vault/Backend.js';
import type { CliContext } from './CliContext.js';
import { createSsoSignIn } from './ssoSignIn.js';

/** A command's profile, prepared once: the plan `--plan` prints is the plan the command carries out. */
export async function prepareCommandProfile(options: ProfileOptions, backendName: string | undefined, context: CliContext): Promise<{ prepared: PreparedProfile; backend: Backend }> {
  const { backend } = await context.openBackend(backendName);
  return { prepared: await prepareProfile(options, { env: context.env, backend }), backend };
}

/** exec, export and login: the prepared profile's credentials, asking for an MFA code (or an SSO sign-in) on the terminal if needed. */
export async function obtainCommandCredentials(
  prepared: PreparedProfile,
  backend: Backend,
  options: { readonly mfaToken?: string | undefined; readonly debug: boolean; readonly minTtlSeconds?: number | undefined },
  context: CliContext,
): Promise<ObtainedCredentials> {
  const profile = prepared.options.profile;
  const credentials = await obtainCredentials(
    prepared,
    createSessionDeps({
      backend,
      env: context.env,
      now: () => context.now(),
      minTtlSeconds: options.minTtlSeconds,
      getMfaCode: createMfaCodeSource({
        env: context.env,
        mfaToken: options.mfaToken,
        askOnTerminal: (question, purpose) => promptOnTerminal(question, { secret: false, purpose }),
        renewCommand: `vault-git exec ${profile}`,
      }),
      signInToSso: createSsoSignIn(backend, context, { browser: true, requireTerminal: true }),
      log: options.debug ? (line) => context.err(`vault-git: debug: ${line}\n`) : undefined,
      warn: (line) => context.err(`vault-git: ${line}\n`),
    }),
  );
  // So that the git pushes after `vault-git exec env1 -- true` take the helper's fast path at once.
  await writeHotRecord(prepared, credentials, context.env);
  return credentials;
}
