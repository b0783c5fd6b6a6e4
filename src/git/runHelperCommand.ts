import { spawn } from 'node:child_process';

/**
 * Runs a credential helper's command line through /bin/sh, as git does, feeding it a request on stdin and
 * returning what it printed. Its stderr is dropped (and GIT_TERMINAL_PROMPT=0) so it cannot talk to the
 * user in the middle of ours; a helper that fails simply answers nothing.
 */
export function runHelperCommand(command: string, input: string, options: { cwd?: string | undefined; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd: options.cwd, env: { ...options.env, GIT_TERMINAL_PROMPT: '0' }, stdio: ['pipe', 'pipe', 'ignore'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.on('error', () => resolve(''));
    child.on('close', () => resolve(Buffer.concat(out).toString('utf8')));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
