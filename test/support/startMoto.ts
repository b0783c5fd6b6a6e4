import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Moto {
  readonly endpoint: string;
  stop(): void;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * moto_server (the STS/IAM emulator on the machine image) on 127.0.0.1. With `unauthenticatedActions`,
 * that many requests run without signature checks (to create users and roles), and every later request
 * must be signed with a key moto issued: a real SigV4 check by botocore's own code.
 */
export async function startMoto(unauthenticatedActions?: number): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, ...(unauthenticatedActions === undefined ? {} : { INITIAL_NO_AUTH_ACTION_COUNT: String(unauthenticatedActions) }) },
    stdio: 'ignore',
  });
  const endpoint = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.status < 500) return { endpoint, stop: () => child.kill() };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill();
  throw new Error('moto_server did not start');
}
