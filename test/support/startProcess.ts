import { spawn, type ChildProcess } from 'node:child_process';
import type { ProcessResult } from './runProcess.js';

export interface StartedProcess {
  readonly child: ChildProcess;
  /** Resolves with the first match of the pattern in stderr so far or later; rejects when the process ends first. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  readonly done: Promise<ProcessResult>;
}

/**
 * Starts a command without a controlling terminal and lets a test act while it runs (approve a sign-in
 * code once it is printed, send Ctrl-C), then collects it like runProcess.
 */
export function startProcess(command: string, args: readonly string[], options: { env: NodeJS.ProcessEnv; timeoutMs?: number }): StartedProcess {
  const child = spawn(command, args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  child.stdin!.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const done = new Promise<ProcessResult>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const listener of listeners) listener();
      resolve({ code, signal, stdout, stderr });
    });
  });
  let ended = false;
  void done.then(() => (ended = true));
  const waitFor = (stream: () => string, name: string) => (pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stream());
        if (match) {
          finish();
          resolve(match);
        } else if (ended || child.exitCode !== null) {
          finish();
          reject(new Error(`process ended before ${pattern} appeared on ${name}: ${stdout}\n${stderr}`));
        }
      };
      const giveUp = setTimeout(() => {
        finish();
        reject(new Error(`${pattern} did not appear on ${name} within ${timeoutMs} ms: ${stdout}\n${stderr}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(giveUp);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  return { child, waitForStderr: waitFor(() => stderr, 'stderr'), waitForStdout: waitFor(() => stdout, 'stdout'), done };
}
