import { spawn } from 'node:child_process';
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
    const child = spawn(command, args, { env, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const handlers = FORWARDED.map((signal) => [signal, forward(signal)] as const);
    for (const [signal, handler] of handlers) process.on(signal, handler);
    const cleanup = () => handlers.forEach(([signal, handler]) => process.off(signal, handler));
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
