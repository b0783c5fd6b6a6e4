import yargs from 'yargs';
import { UsageError } from '../shared/errors.js';
import { formatErrorForUser } from '../shared/formatErrorForUser.js';
import { writeAll } from '../shared/writeAll.js';
import { addCommand, runAdd } from './commands/add.js';
import { clearCommand, runClear } from './commands/clear.js';
import { execCommand, runExec } from './commands/exec.js';
import { exportCommand, runExport } from './commands/export.js';
import { loginCommand, runLogin } from './commands/login.js';
import { listCommand, runList } from './commands/list.js';
import { migrateCommand, runMigrate } from './commands/migrate.js';
import { removeCommand, runRemove } from './commands/remove.js';
import { doctorCommand, runDoctor } from './commands/doctor.js';
import { runSetup, setupCommand } from './commands/setup.js';
import { importCommand, runImport } from './commands/import.js';
import { rotateCommand, runRotate } from './commands/rotate.js';
import { runSsoLogin, runSsoLogout, runSsoProfiles, ssoLoginCommand, ssoLogoutCommand, ssoProfilesCommand } from './commands/sso.js';
import { createProcessContext } from './createProcessContext.js';
import { readSessionOptions } from './profileOptions.js';
import { VERSION } from '../shared/version.js';
import { COMPLETION_SCRIPTS } from './completion/completionScripts.js';

type Args = Record<string, unknown>;
const str = (value: unknown) => (value === undefined ? undefined : String(value));

/**
 * `vault-git <command>`: this file only declares commands; each handler passes plain options to a
 * `run<Verb>` function. One catch at the end decides how an error is printed and which code ends it.
 */
export async function main(argv: readonly string[]): Promise<void> {
  const context = createProcessContext(process.env);
  const debug = argv.includes('--debug') || process.env.VAULT_GIT_DEBUG === '1';
  let exitCode = 0;
  try {
    await yargs([...argv])
      .scriptName('vault-git')
      .usage('$0 <command> [options]\n\nKeeps AWS keys in the OS keychain, caches MFA sessions, and signs CodeCommit passwords for git.')
      .option('backend', { type: 'string', global: true, describe: 'vault backend: keychain or file (default: automatic, or VAULT_GIT_BACKEND)' })
      .option('debug', { type: 'boolean', global: true, describe: 'print details of failures' })
      .option('prompt', { type: 'string', global: true, describe: 'how MFA codes are asked for: terminal, zenity, kdialog, osascript or ykman (default: VAULT_GIT_PROMPT, else AWS_VAULT_PROMPT, else terminal)' })
      .middleware((a: Args) => {
        // --prompt beats both variables; set for this process only (and the commands it runs).
        if (a.prompt !== undefined) context.env.VAULT_GIT_PROMPT = String(a.prompt);
      })
      .command({
        ...addCommand,
        handler: (a: Args) => runAdd({ profile: String(a.profile), env: Boolean(a.env), addConfig: a['add-config'] !== false, backend: str(a.backend) }, context),
      })
      .command({
        ...listCommand,
        handler: (a: Args) => {
          const modes = (['profiles', 'credentials', 'sessions'] as const).filter((mode) => a[mode] === true);
          if (modes.length + (a.json === true ? 1 : 0) > 1) throw new UsageError('choose one of --profiles, --credentials, --sessions and --json', 'vault-git list --profiles');
          return runList({ json: Boolean(a.json), only: modes[0], backend: str(a.backend) }, context);
        },
      })
      .command({ ...removeCommand, handler: (a: Args) => runRemove({ profile: String(a.profile), force: Boolean(a.force), backend: str(a.backend) }, context) })
      .command({
        ...migrateCommand,
        handler: (a: Args) => runMigrate({ from: String(a.from), to: String(a.to), profile: str(a.profile), force: Boolean(a.force), dryRun: Boolean(a['dry-run']) }, context),
      })
      .command({
        ...rotateCommand,
        handler: (a: Args) => runRotate({ profile: String(a.profile), noSession: a.session === false || a.n === true, mfaToken: str(a['mfa-token']), backend: str(a.backend) }, context),
      })
      .command({
        ...importCommand,
        handler: (a: Args) =>
          runImport({ from: String(a.from), profile: str(a.profile), dryRun: Boolean(a['dry-run']), force: Boolean(a.force), scrub: Boolean(a.scrub), backend: str(a.backend) }, context),
      })
      .command({
        ...execCommand,
        handler: async (a: Args) => {
          // aws-vault's habit: `exec -- cmd` uses AWS_PROFILE.
          const profile = str(a.profile) ?? (context.env.AWS_PROFILE || undefined);
          if (profile === undefined) throw new UsageError('name the profile, or set AWS_PROFILE', 'vault-git exec PROFILE -- COMMAND');
          exitCode = await runExec(
            {
              ...readSessionOptions(a),
              profile,
              // Everything after `--` is the command, passed on untouched.
              command: [...((a.command as string[] | undefined) ?? []), ...((a['--'] as string[] | undefined) ?? [])].map(String),
              json: Boolean(a.json),
              plan: Boolean(a.plan),
              yes: Boolean(a.yes),
              server: Boolean(a['ecs-server']),
              lazy: Boolean(a.lazy),
              minTtl: str(a['min-ttl']),
              backend: str(a.backend),
              debug,
            },
            context,
          );
        },
      })
      .command({
        ...exportCommand,
        handler: (a: Args) => runExport({ ...readSessionOptions(a), profile: String(a.profile), format: String(a.format), backend: str(a.backend), debug }, context),
      })
      .command({
        ...loginCommand,
        handler: (a: Args) => runLogin({ ...readSessionOptions(a), profile: String(a.profile), stdout: Boolean(a.stdout), backend: str(a.backend), debug }, context),
      })
      .command({
        ...setupCommand,
        handler: (a: Args) =>
          runSetup(
            {
              remote: str(a.remote),
              profile: str(a.profile),
              repo: str(a.repo),
              region: str(a.region),
              url: str(a.url),
              fips: Boolean(a.fips),
              write: Boolean(a.write),
              list: Boolean(a.list),
              all: Boolean(a.all),
              save: Boolean(a.save),
              remove: Boolean(a.remove),
              helperPath: str(process.env.VAULT_GIT_HELPER_PATH),
            },
            context,
          ),
      })
      .command({
        ...doctorCommand,
        handler: async (a: Args) => {
          exitCode = await runDoctor({ repo: str(a.repo), json: Boolean(a.json), backend: str(a.backend) }, context);
        },
      })
      .command({
        command: 'sso <command>',
        describe: 'IAM Identity Center: sign in, sign out, list the accounts and roles you can reach',
        builder: (y) =>
          y
            .command({
              ...ssoLoginCommand,
              handler: (a: Args) => runSsoLogin({ ssoSession: str(a['sso-session']), profile: str(a.profile), browser: a.browser !== false, backend: str(a.backend) }, context),
            })
            .command({ ...ssoLogoutCommand, handler: (a: Args) => runSsoLogout({ name: str(a.name), backend: str(a.backend) }, context) })
            .command({
              ...ssoProfilesCommand,
              handler: (a: Args) => runSsoProfiles({ ssoSession: str(a['sso-session']), profile: str(a.profile), write: Boolean(a.write), region: str(a.region), backend: str(a.backend) }, context),
            })
            .demandCommand(1, 'name an sso command: login, logout or profiles')
            .example('$0 sso login --sso-session corp', 'sign in once in the browser (docs/sso.md)'),
        handler: () => undefined,
      })
      .command({ ...clearCommand, handler: (a: Args) => runClear({ profile: str(a.profile), backend: str(a.backend) }, context) })
      .command({
        command: 'completion <shell>',
        describe: 'print the completion script for bash, zsh or fish (commands, flags, profiles, remotes)',
        builder: (y) =>
          y
            .positional('shell', { type: 'string', choices: ['bash', 'zsh', 'fish'], demandOption: true })
            .example('eval "$($0 completion bash)"', 'in ~/.bashrc')
            .example('eval "$($0 completion zsh)"', 'in ~/.zshrc, after compinit')
            .example('$0 completion fish > ~/.config/fish/completions/vault-git.fish', 'for fish'),
        handler: (a: Args) => context.out(COMPLETION_SCRIPTS[String(a.shell)]!),
      })
      .command({
        command: 'credential',
        describe: 'the git credential helper (same as git-credential-vault): vault-git credential [--profile P] get|store|erase',
        handler: () => undefined,
      })
      .demandCommand(1, 'name a command; vault-git --help lists them')
      .strict()
      .parserConfiguration({ 'parse-numbers': false, 'parse-positional-numbers': false, 'populate--': true, 'halt-at-non-option': false })
      .version(VERSION)
      .help()
      .alias('help', 'h')
      .wrap(Math.min(110, process.stdout.columns || 100))
      .exitProcess(false)
      .fail((message: string | null, error: Error | undefined) => {
        if (error) throw error;
        throw new UsageError(message ?? 'invalid command line', 'vault-git --help');
      })
      .parseAsync();
  } catch (error) {
    for (const line of formatErrorForUser(error, debug)) writeAll(2, `${line}\n`);
    exitCode = typeof (error as { exitCode?: unknown }).exitCode === 'number' ? (error as { exitCode: number }).exitCode : 1;
  }
  // Exit explicitly: a keychain call abandoned after its timeout would otherwise keep the process alive.
  process.exit(exitCode);
}
