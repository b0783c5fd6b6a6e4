import type { Argv } from 'yargs';
import type { AssumeRoleStep, CredentialPlan, RoleCredentialsStep } from '../../aws/sessions/CredentialPlan.js';
import { isConfirmationRequired } from '../../aws/config/isConfirmationRequired.js';
import { NoTerminalError } from '../../prompt/openTerminal.js';
import { VaultGitError } from '../../shared/errors.js';
import type { CliContext } from '../CliContext.js';
import { assertNotNested } from '../assertNotNested.js';
import { buildChildEnvironment } from '../buildChildEnvironment.js';
import { formatCredentialProcessJson } from '../formatCredentials.js';
import { formatPlan } from '../formatPlan.js';
import { obtainCommandCredentials, prepareCommandProfile } from '../openProfileCredentials.js';
import { profileOptions, withSessionOptions, type SessionOptions } from '../profileOptions.js';
import { runChild } from '../runChild.js';

export interface ExecOptions extends SessionOptions {
  readonly profile: string;
  readonly command: readonly string[];
  readonly json: boolean;
  readonly plan: boolean;
  readonly yes: boolean;
  readonly backend?: string | undefined;
  readonly debug: boolean;
}

export const execCommand = {
  command: 'exec <profile> [command..]',
  describe: "run a command (default: your shell) with a profile's credentials in its environment",
  builder: (yargs: Argv) =>
    withSessionOptions(yargs.positional('profile', { type: 'string', demandOption: true }).positional('command', { type: 'string', array: true }))
      .option('json', { alias: 'j', type: 'boolean', default: false, describe: 'print credential_process JSON instead of running a command' })
      .option('plan', { type: 'boolean', default: false, describe: 'print the STS steps that would be taken, and why; call nothing' })
      .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'skip the confirmation that guarded profiles ask for' })
      .example('$0 exec env1 -- terraform apply', 'apply with env1 credentials')
      .example('$0 exec env1 --plan', 'show which STS calls env1 needs'),
};

function describeTarget(profile: string, plan: CredentialPlan, account: string | undefined, region: string | undefined): string {
  const roleArn = [...plan.steps].reverse().find((step): step is AssumeRoleStep => step.type === 'AssumeRole')?.roleArn;
  const ssoStep = plan.steps.find((step): step is RoleCredentialsStep => step.type === 'GetRoleCredentials');
  const role = roleArn ? roleArn.split('/').slice(1).join('/') || roleArn : ssoStep?.roleName;
  const accountId = account ?? roleArn?.split(':')[4] ?? ssoStep?.accountId;
  return `profile ${profile}: account ${accountId ?? 'unknown'}, ${role ? `role ${role}` : 'no role (the IAM user itself)'}, region ${region ?? 'not set'}`;
}

async function confirm(profile: string, context: CliContext): Promise<void> {
  let typed: string;
  try {
    typed = await context.ask(`Profile ${profile} is guarded. Type its name to go on: `, { secret: false, purpose: 'confirmation' });
  } catch (error) {
    if (error instanceof NoTerminalError) {
      throw new VaultGitError(`profile ${profile} asks for confirmation and there is no terminal to give it`, { hint: 'add --yes in scripts' });
    }
    throw error;
  }
  if (typed !== profile) throw new VaultGitError(`"${typed}" is not ${profile}; nothing was run`);
}

/** Returns the exit code to end with (the child's). */
export async function runExec(options: ExecOptions, context: CliContext): Promise<number> {
  const profileRequest = profileOptions(options.profile, options);
  assertNotNested('exec', options.profile, context.env);
  // One prepared value for both: --plan prints exactly the steps the run would take.
  const { prepared, backend } = await prepareCommandProfile(profileRequest, options.backend, context);
  if (options.plan) {
    context.out(formatPlan(prepared.plan));
    return 0;
  }
  const credentials = await obtainCommandCredentials(prepared, backend, options, context);
  if (options.json) {
    context.out(formatCredentialProcessJson(credentials));
    return 0;
  }

  const { plan, resolved, config } = prepared;
  const region = resolved.region;
  // The wrong-environment guard: say where the command is about to act before it runs.
  context.err(`vault-git: ${describeTarget(options.profile, plan, credentials.account, region)}\n`);
  if (!options.yes && isConfirmationRequired(options.profile, config, context.env)) await confirm(options.profile, context);

  const [command, ...args] = options.command.length > 0 ? options.command : [context.env.SHELL || '/bin/sh'];
  if (options.command.length === 0 && process.stdout.isTTY) context.err(`Starting subshell ${command}; use \`exit\` to leave it.\n`);
  const outcome = await runChild(command!, args, buildChildEnvironment(context.env, options.profile, credentials, region));
  if (outcome.signal) {
    // End the way the child ended, so a shell sees the same signal status.
    process.kill(process.pid, outcome.signal);
    return 128;
  }
  return outcome.code ?? 1;
}
