import { createSessionDeps } from '../aws/sessions/createSessionDeps.js';
import { obtainCredentials, type ObtainedCredentials } from '../aws/sessions/obtainCredentials.js';
import { prepareProfile, type PreparedProfile, type ProfileOptions } from '../aws/sessions/prepareProfile.js';
import { createMfaCodeSource } from '../prompt/createMfaCodeSource.js';
import { promptOnTerminal } from '../prompt/promptOnTerminal.js';
import { writeHotRecord } from '../hot/writeHotRecord.js';
import type { Backend } from '../vault/Backend.js';
import type { CliContext } from './CliContext.js';
import { CredentialsMissingError } from '../aws/sessions/planCredentials.js';
import { suggestProfileName } from '../aws/config/knownProfileKeys.js';
import { createSsoSignIn } from './ssoSignIn.js';

/** A command's profile, prepared once: the plan `--plan` prints is the plan the command carries out. */
export async function prepareCommandProfile(options: ProfileOptions, backendName: string | undefined, context: CliContext): Promise<{ prepared: PreparedProfile; backend: Backend }> {
  const { backend } = await context.openBackend(backendName);
  return { prepared: await prepareProfile(options, { env: context.env, backend }), backend };
}

/** A name in neither the config nor the vault is most often a typo of one that is: say which. */
function withProfileSuggestion(error: unknown, prepared: PreparedProfile): unknown {
  if (!(error instanceof CredentialsMissingError) || prepared.resolved.inConfig) return error;
  const suggestion = suggestProfileName(prepared.options.profile, prepared.config.profiles.keys());
  if (!suggestion) return error;
  const name = prepared.options.profile;
  return new CredentialsMissingError(`profile ${name} is not in ${prepared.config.path} and has no key in the vault; did you mean ${suggestion}?`, {
    hint: `use ${suggestion}, or store a key for ${name}: vault-git add ${name}`,
  });
}

/** exec, export and login: the prepared profile's credentials, asking for an MFA code (or an SSO sign-in) on the terminal if needed. */
export async function obtainCommandCredentials(
  prepared: PreparedProfile,
  backend: Backend,
  options: { readonly mfaToken?: string | undefined; readonly debug: boolean; readonly minTtlSeconds?: number | undefined },
  context: CliContext,
): Promise<ObtainedCredentials> {
  const profile = prepared.options.profile;
  let credentials: ObtainedCredentials;
  try {
    credentials = await obtainCredentials(
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
  } catch (error) {
    throw withProfileSuggestion(error, prepared);
  }
  // So that the git pushes after `vault-git exec env1 -- true` take the helper's fast path at once.
  await writeHotRecord(prepared, credentials, context.env);
  return credentials;
}
