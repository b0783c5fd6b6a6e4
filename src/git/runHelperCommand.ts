import { childEnvironment } from '../shared/childEnvironment.js';
import { runCommand } from '../shared/runCommand.js';

/** A storage helper that has not answered by then is hung (a stopped keyring, a wedged cache daemon). */
export const HELPER_CALL_TIMEOUT_MS = 2000;

export interface HelperAnswer {
  readonly stdout: string;
  readonly timedOut: boolean;
}

/**
 * Runs a credential helper's command line through /bin/sh, as git does, feeding it a request on stdin.
 * It runs in a process group of its own with no terminal, its stderr dropped and GIT_TERMINAL_PROMPT=0,
 * so it cannot talk to the user in the middle of ours; past the time limit the whole group is killed.
 */
export async function runHelperCommand(
  command: string,
  input: string,
  options: { cwd?: string | undefined; env: NodeJS.ProcessEnv; timeoutMs?: number | undefined },
): Promise<HelperAnswer> {
  const result = await runCommand('/bin/sh', ['-c', command], {
    cwd: options.cwd,
    env: { ...childEnvironment(options.env), GIT_TERMINAL_PROMPT: '0' },
    input,
    timeoutMs: options.timeoutMs ?? HELPER_CALL_TIMEOUT_MS,
    maxOutputBytes: 256 * 1024,
    ownProcessGroup: true,
  });
  return { stdout: result.stdout, timedOut: result.timedOut };
}
