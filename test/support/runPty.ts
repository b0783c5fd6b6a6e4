import { spawn } from 'node:child_process';
import type { ProcessResult } from './runProcess.js';

/**
 * Runs a command on a pseudo-terminal (util-linux `script`), typing the next answer each time new output
 * ends in a prompt, so prompts that read /dev/tty with echo off are exercised for real. `stdout` is the
 * whole terminal transcript (what a person would have seen).
 */
export function runPty(commandLine: string, answers: readonly string[], env: NodeJS.ProcessEnv, prompt: RegExp = /[:?)] $/): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', commandLine, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let transcript = '';
    let stderr = '';
    let answered = 0;
    let consumed = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      transcript += chunk.toString('utf8');
      if (answered < answers.length && prompt.test(transcript.slice(consumed))) {
        consumed = transcript.length;
        child.stdin.write(`${answers[answered++]}\r`);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: transcript, stderr });
    });
  });
}
