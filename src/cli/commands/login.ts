import type { Argv } from 'yargs';
import { loadBaseCredentials } from '../../aws/sessions/createSessionDeps.js';
import type { AwsCredentials } from '../../shared/AwsCredentials.js';
import type { CliContext } from '../CliContext.js';
import { buildConsoleLoginUrl } from '../buildConsoleLoginUrl.js';
import { obtainCommandCredentials, prepareCommandProfile } from '../openProfileCredentials.js';
import { openUrlPrivately } from '../openUrlPrivately.js';
import { profileOptions, withSessionOptions, type SessionOptions } from '../profileOptions.js';

export interface LoginOptions extends SessionOptions {
  readonly profile: string;
  readonly stdout: boolean;
  readonly backend?: string | undefined;
  readonly debug: boolean;
}

export const loginCommand = {
  command: 'login <profile>',
  describe: 'open the AWS console signed in as the profile (or print the sign-in URL)',
  builder: (yargs: Argv) =>
    withSessionOptions(yargs.positional('profile', { type: 'string', demandOption: true })).option('stdout', {
      alias: 's',
      type: 'boolean',
      default: false,
      describe: 'print the URL instead of opening a browser',
    })
      .example('$0 login env1', 'the console of env1 in the browser')
      .example('$0 login env1 --stdout', 'print the sign-in URL (it holds a secret: open it, do not share it)'),
};

/**
 * Role profiles (and IAM Identity Center profiles) sign in with their role session. Profiles without a role sign in through
 * GetFederationToken made with the long-term key (the console accepts no GetSessionToken session).
 */
export async function runLogin(options: LoginOptions, context: CliContext): Promise<void> {
  const { prepared, backend } = await prepareCommandProfile(profileOptions(options.profile, options), options.backend, context);
  const { plan, resolved } = prepared;
  // IAM Identity Center role credentials are a role session as much as AssumeRole's.
  const hasRole = plan.steps.some((step) => step.type === 'AssumeRole' || step.type === 'GetRoleCredentials');
  const durationSeconds = prepared.options.flags?.durationSeconds;
  let signInWith: AwsCredentials;
  if (hasRole) {
    signInWith = await obtainCommandCredentials(prepared, backend, options, context);
  } else {
    const longTerm = await loadBaseCredentials(backend, plan.base, context.env);
    const { getFederationToken } = await import('../../aws/sts/stsCalls.js');
    signInWith = await getFederationToken(longTerm, { profile: options.profile, name: options.profile, durationSeconds: durationSeconds ?? 3600 }, { region: resolved.region, endpointUrl: resolved.endpointUrl }, context.env);
  }
  const url = await buildConsoleLoginUrl(signInWith, {
    region: resolved.region,
    sessionDurationSeconds: hasRole ? durationSeconds : undefined,
    env: context.env,
  });
  if (options.stdout || !(await openUrlPrivately(url, context.env))) {
    context.out(`${url}\n`);
    return;
  }
  context.err(`Opened the AWS console for profile ${options.profile} in your browser.\n`);
}
