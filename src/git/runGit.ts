import { childEnvironment } from '../shared/childEnvironment.js';
import { VaultGitError } from '../shared/errors.js';
import { runCommand } from '../shared/runCommand.js';

export class GitCommandError extends VaultGitError {}

export interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface GitOptions {
  readonly cwd?: string | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly input?: string | undefined;
  /** git config answers in milliseconds; a git that has not answered by then is stuck (a hung include, NFS). */
  readonly timeoutMs?: number | undefined;
}

/** Runs git with arguments (never through a shell), optionally feeding stdin. */
export async function runGit(args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  const result = await runCommand('git', args, {
    cwd: options.cwd,
    env: childEnvironment(options.env ?? process.env),
    input: options.input,
    timeoutMs: options.timeoutMs ?? 20_000,
    maxOutputBytes: 4 * 1024 * 1024,
    stderr: 'capture',
  });
  if (result.startError) throw new GitCommandError(`could not run git: ${result.startError.message}`);
  if (result.timedOut) throw new GitCommandError(`git ${args[0]} did not finish within ${Math.round((options.timeoutMs ?? 20_000) / 1000)} s`);
  return { code: result.code ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** git config … that must succeed; its own error line becomes ours. */
export async function gitConfig(args: readonly string[], options: GitOptions = {}): Promise<string> {
  const result = await runGit(['config', ...args], options);
  if (result.code !== 0 && !(result.code === 5 && args.includes('--unset-all'))) {
    throw new GitCommandError(`git config ${args[0]} failed: ${result.stderr.trim().split('\n')[0] ?? `exit ${result.code}`}`);
  }
  return result.stdout;
}
