import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childEnvironment } from '../../shared/childEnvironment.js';
import type { KeychainRequest, KeychainResponse } from './keychainProtocol.js';

export class KeychainWorkerTimeout extends Error {}
export class KeychainWorkerFailure extends Error {}

/** Beside the bundle that runs us (dist/keychain-worker.cjs), or beside this module in the compiled tree. */
function workerPath(): string {
  const here = fileURLToPath(import.meta.url);
  return fileURLToPath(new URL(here.endsWith('.cjs') ? './keychain-worker.cjs' : './keychainWorker.js', import.meta.url));
}

type Pending = { resolve(value: KeychainResponse['value']): void; reject(error: Error): void; timer: NodeJS.Timeout };

/**
 * Talks to one keychain worker process for the life of this process. Every call has a time limit; past
 * it the worker is killed and every later call fails at once (a keychain that hung once is not asked
 * again in the same command). The worker never keeps this process alive: its pipes are unreferenced, and
 * it is killed when we exit.
 */
export class KeychainWorkerClient {
  private child: ChildProcessWithoutNullStreams | undefined;
  private broken: Error | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffered = '';

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly timeoutMs: number,
  ) {}

  /** Starts the worker ahead of the first call, so its start-up overlaps other work. */
  start(): void {
    if (this.child || this.broken) return;
    const child = spawn(process.execPath, [workerPath()], { env: childEnvironment(this.env), stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.receive(chunk));
    child.stderr.resume();
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => this.fail(new KeychainWorkerFailure(`the keychain worker could not start: ${error.message}`)));
    child.on('exit', () => this.fail(new KeychainWorkerFailure('the keychain worker ended unexpectedly')));
    for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
    child.unref();
    process.once('exit', () => child.kill('SIGKILL'));
  }

  call(request: Omit<KeychainRequest, 'id'>, describe: string): Promise<KeychainResponse['value']> {
    this.start();
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // This timer is what keeps the event loop alive while the worker's pipes are unreferenced.
      const timer = setTimeout(() => {
        const error = new KeychainWorkerTimeout(`did not answer within ${this.timeoutMs / 1000} s (${describe})`);
        this.fail(error);
        this.child?.kill('SIGKILL');
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.child!.stdin.write(`${JSON.stringify({ ...request, id })}\n`);
    });
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    let newline: number;
    while ((newline = this.buffered.indexOf('\n')) !== -1) {
      const line = this.buffered.slice(0, newline);
      this.buffered = this.buffered.slice(newline + 1);
      let response: KeychainResponse;
      try {
        response = JSON.parse(line) as KeychainResponse;
      } catch {
        continue;
      }
      const waiting = this.pending.get(response.id);
      if (!waiting) continue;
      this.pending.delete(response.id);
      clearTimeout(waiting.timer);
      if (response.ok) waiting.resolve(response.value);
      else waiting.reject(new KeychainWorkerFailure(response.error ?? 'unknown error'));
    }
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
      this.pending.delete(id);
    }
  }
}
