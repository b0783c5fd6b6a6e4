import type { Argv } from 'yargs';
import type { AssumeRoleStep, CredentialPlan, RoleCredentialsStep } from '../../aws/sessions/CredentialPlan.js';
import { isConfirmationRequired } from '../../aws/config/isConfirmationRequired.js';
import { NoTerminalError } from '../../prompt/openTerminal.js';
import type { CliContext } from '../CliContext.js';
import { assertNotNested } from '../assertNotNested.js';
import { buildChildEnvironment } from '../buildChildEnvironment.js';
import { formatCredentialProcessJson } from '../formatCredentials.js';
import { formatPlan } from '../formatPlan.js';
import { obtainCommandCredentials, prepareCommandProfile } from '../openProfileCredentials.js';
import { profileOptions, withSessionOptions, type SessionOptions } from '../profileOptions.js';
import { runChild } from '../runChild.js';
import { startCredentialServer } from '../credentialServer.js';
import { parseMinTtl } from '../../aws/sessions/parseMinTtl.js';
import { formatDuration, parseGoDuration } from '../../aws/config/parseGoDuration.js';
import type { ObtainedCredentials } from '../../aws/sessions/obtainCredentials.js';
import { UsageError, VaultGitError } from '../../shared/errors.js';

export interface ExecOptions extends SessionOptions {
  readonly profile: string;
  readonly command: readonly string[];
  readonly json: boolean;
  readonly plan: boolean;
  readonly yes: boolean;
  /** --ecs-server: hand the child a local credential server instead of the credentials. */
  readonly server: boolean;
  /** --lazy: with the server, no call until the child first asks. */
  readonly lazy: boolean;
  /** --min-ttl: the credentials must last at least this long when the command starts. */
  readonly minTtl?: string | undefined;
  readonly backend?: string | undefined;
  readonly debug: boolean;
}

export const execCommand = {
  command: 'exec [profile] [command..]',
  describe: "run a command (default: your shell) with a profile's credentials in its environment",
  builder: (yargs: Argv) =>
    withSessionOptions(yargs.positional('profile', { type: 'string', describe: 'default: AWS_PROFILE, as for aws-vault' }).positional('command', { type: 'string', array: true }))
      .option('json', { alias: 'j', type: 'boolean', default: false, describe: 'print credential_process JSON instead of running a command' })
      .option('plan', { type: 'boolean', default: false, describe: 'print the STS steps that would be taken, and why; call nothing' })
      .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'skip the confirmation that guarded profiles ask for' })
      .option('ecs-server', {
        alias: 'server',
        type: 'boolean',
        default: false,
        describe: 'give the command a local credential server (the ECS protocol every AWS SDK reads) that renews the role session as it runs out, instead of fixed credentials',
      })
      .option('lazy', { type: 'boolean', default: false, describe: 'with --ecs-server: make no call until the command first asks for credentials' })
      .option('min-ttl', { type: 'string', describe: 'renew first unless the credentials last at least this long (e.g. 2h); warns when the role cannot' })
      .example('$0 exec env1 -- terraform apply', 'apply with env1 credentials')
      .example('$0 exec env1 --ecs-server -- terraform apply', 'a run longer than the one-hour role session')
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

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];

function parseMinTtlFlag(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = /^\d+$/.test(text) ? Number(text) : parseGoDuration(text);
  if (seconds === undefined || seconds <= 0) throw new UsageError(`--min-ttl ${text.slice(0, 40)} is not a duration (write it like 90m or 2h)`);
  return seconds;
}

/** The role's own maximum (or the one-hour chaining cap) can make --min-ttl impossible: say so, and what helps. */
function warnIfShort(credentials: ObtainedCredentials, minTtlSeconds: number, options: ExecOptions, context: CliContext): void {
  if (!credentials.expiration) return;
  const left = Math.floor((credentials.expiration.getTime() - context.now().getTime()) / 1000);
  if (left >= minTtlSeconds) return;
  const remedy = options.server ? 'the credential server renews them as they run out' : `add --ecs-server so they are renewed while the command runs`;
  context.err(`vault-git: profile ${options.profile}'s credentials last ${formatDuration(left)}, less than --min-ttl ${formatDuration(minTtlSeconds)} (the role's maximum, or the one-hour limit of role chaining); ${remedy}\n`);
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
  if (options.server && options.json) throw new UsageError('--ecs-server and --json do not go together: --json prints credentials, the server hands them out', 'vault-git exec --help');
  if (options.lazy && !options.server) throw new UsageError('--lazy only applies to --ecs-server', 'vault-git exec P --ecs-server --lazy -- cmd');
  const minTtlSeconds = parseMinTtlFlag(options.minTtl);
  const credentials = options.lazy ? undefined : await obtainCommandCredentials(prepared, backend, { ...options, minTtlSeconds }, context);
  if (credentials && minTtlSeconds !== undefined) warnIfShort(credentials, minTtlSeconds, options, context);
  if (options.json) {
    context.out(formatCredentialProcessJson(credentials!));
    return 0;
  }

  const { plan, resolved, config } = prepared;
  const region = resolved.region;
  // The wrong-environment guard: say where the command is about to act before it runs.
  context.err(`vault-git: ${describeTarget(options.profile, plan, credentials?.account, region)}\n`);
  if (!options.yes && isConfirmationRequired(options.profile, config, context.env)) await confirm(options.profile, context);

  const [command, ...args] = options.command.length > 0 ? options.command : [context.env.SHELL || '/bin/sh'];
  if (options.command.length === 0 && process.stdout.isTTY) context.err(`Starting subshell ${command}; use \`exit\` to leave it.\n`);
  const server = options.server
    ? await startCredentialServer({
        // Renewals never reuse --mfa-token (STS refuses a code twice); they ask as exec does.
        obtain: () => obtainCommandCredentials(prepared, backend, { debug: options.debug }, context),
        refreshWindowSeconds: parseMinTtl(context.env),
        now: () => context.now(),
        initial: credentials,
        report: (lines) => context.err(lines.map((line) => `${line}\n`).join('')),
      })
    : undefined;
  // "Told to stop": after SIGTERM or SIGHUP the server answers no more (Ctrl-C still lets the command clean up).
  const stopServer = () => void server?.stop();
  if (server) for (const signal of STOP_SIGNALS) process.once(signal, stopServer);
  let outcome: Awaited<ReturnType<typeof runChild>>;
  try {
    outcome = await runChild(command!, args, buildChildEnvironment(context.env, options.profile, server ? { kind: 'server', url: server.url, token: server.token } : { kind: 'static', credentials: credentials! }, region));
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, stopServer);
    await server?.stop();
  }
  if (outcome.signal) {
    // End the way the child ended, so a shell sees the same signal status.
    process.kill(process.pid, outcome.signal);
    return 128;
  }
  return outcome.code ?? 1;
}
