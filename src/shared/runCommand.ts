import { spawn, type StdioOptions } from 'node:child_process';

export interface CommandResult {
  /** The exit code; null when the command was killed (time limit) or could not start. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Set when the command could not be started at all (ENOENT, EACCES). */
  readonly startError?: NodeJS.ErrnoException | undefined;
}

export interface CommandOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string | undefined;
  readonly input?: string | undefined;
  /** Killed (with its whole process group when `ownProcessGroup`) once this has passed. */
  readonly timeoutMs?: number | undefined;
  /** Output past this many bytes per stream is dropped, so a runaway child cannot fill memory. */
  readonly maxOutputBytes?: number | undefined;
  /** Runs it as the leader of a new process group (and session), so a timeout kills its children too.
   *  Only for commands that must not reach the terminal (storage helpers, git itself). */
  readonly ownProcessGroup?: boolean | undefined;
  /** stdin is always a pipe fed with `input`; stderr is dropped unless 'inherit' or 'capture'. */
  readonly stderr?: 'ignore' | 'inherit' | 'capture';
  /** Replaces stdin with this file descriptor (a terminal for mfa_process). */
  readonly stdinFd?: number | undefined;
}

const DEFAULT_MAX_OUTPUT = 1024 * 1024;

/**
 * The one way vault-git runs another program: never through a shell unless the caller passes /bin/sh,
 * with a time limit, bounded output, and a result instead of an exception. Callers state their policy
 * (what a time-out or a failure means) in a line of their own.
 */
export function runCommand(command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  return new Promise((resolve) => {
    const stdio: StdioOptions = [options.stdinFd ?? 'pipe', 'pipe', options.stderr === 'capture' ? 'pipe' : (options.stderr ?? 'ignore')];
    let child;
    try {
      child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio, detached: options.ownProcessGroup === true });
    } catch (error) {
      resolve({ code: null, stdout: '', stderr: '', timedOut: false, startError: error as NodeJS.ErrnoException });
      return;
    }
    const out = collector(limit);
    const err = collector(limit);
    child.stdout?.on('data', out.add);
    child.stderr?.on('data', err.add);
    let timedOut = false;
    let startError: NodeJS.ErrnoException | undefined;
    const kill = () => {
      try {
        if (options.ownProcessGroup && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            kill();
            // A grandchild holding our pipes open must not keep us waiting for 'close' either.
            finish(null);
          }, options.timeoutMs);
    let done = false;
    const finish = (code: number | null) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({ code, stdout: out.text(), stderr: err.text(), timedOut, startError });
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      startError = error;
      finish(null);
    });
    child.on('close', (code) => finish(code));
    if (child.stdin) {
      child.stdin.on('error', () => undefined); // the child may exit before reading everything
      child.stdin.end(options.input ?? '');
    }
  });
}

function collector(limit: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    add: (chunk: Buffer) => {
      if (size >= limit) return;
      chunks.push(chunk.subarray(0, limit - size));
      size += chunk.length;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}
