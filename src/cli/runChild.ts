import { spawn, type ChildProcess } from 'node:child_process';
import { VaultGitError } from '../shared/errors.js';

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH'];

export interface ChildOutcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * Runs the command with the terminal handed straight through, forwards the signals we receive, and
 * reports how it ended so the caller can end the same way (exit code, or death by the same signal).
 */
export function runChild(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    // Handlers go in before the child starts: a signal that arrives in between (a busy machine can run the
    // child before this process gets the CPU back) would otherwise kill us with the default action and leave
    // the command running, orphaned. A signal that comes before the child exists is passed on once it does.
    let child: ChildProcess | undefined;
    const pending: NodeJS.Signals[] = [];
    const forward = (signal: NodeJS.Signals) => () => {
      if (!child) pending.push(signal);
      else if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const handlers = FORWARDED.map((signal) => [signal, forward(signal)] as const);
    for (const [signal, handler] of handlers) process.on(signal, handler);
    const cleanup = () => handlers.forEach(([signal, handler]) => process.off(signal, handler));
    child = spawn(command, args, { env, stdio: 'inherit' });
    for (const signal of pending) child.kill(signal);
    child.on('error', (error: NodeJS.ErrnoException) => {
      cleanup();
      reject(
        new VaultGitError(
          error.code === 'ENOENT' ? `couldn't find the executable ${JSON.stringify(command)}` : `couldn't run ${JSON.stringify(command)}: ${error.message}`,
          { exitCode: error.code === 'ENOENT' ? 127 : 126 },
        ),
      );
    });
    child.on('exit', (code, signal) => {
      cleanup();
      resolve({ code, signal });
    });
  });
}
