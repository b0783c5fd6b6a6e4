import { connect } from 'node:net';

/**
 * Checks that the D-Bus session bus answers its authentication handshake, within a time limit, before the
 * keyring binding touches it. The binding connects synchronously on the main thread, so a bus socket that
 * accepts but never answers would freeze the process where no timer of ours can fire; this probe runs
 * asynchronously and costs a millisecond or two when the bus is healthy.
 * Resolves with undefined when the bus answered, or with the reason it did not.
 */
export async function probeSessionBus(address: string | undefined, timeoutMs: number): Promise<string | undefined> {
  if (!address) return 'DBUS_SESSION_BUS_ADDRESS is not set';
  const first = address.split(';')[0]!;
  const path = /^unix:path=([^,]+)/.exec(first)?.[1];
  const abstract = /^unix:abstract=([^,]+)/.exec(first)?.[1];
  // Other transports (tcp:, launchd:) are left to the binding itself.
  if (!path && !abstract) return undefined;
  const socketPath = path ? decodeURIComponent(path) : `\0${decodeURIComponent(abstract!)}`;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return new Promise((resolve) => {
    const socket = connect({ path: socketPath });
    const finish = (reason: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reason);
    };
    const timer = setTimeout(() => finish(`the D-Bus session bus at ${first} did not answer within ${timeoutMs / 1000} s`), timeoutMs);
    socket.on('connect', () => socket.write(`\0AUTH EXTERNAL ${Buffer.from(String(uid)).toString('hex')}\r\n`));
    let reply = '';
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
      if (!reply.includes('\r\n')) return;
      finish(reply.startsWith('OK ') ? undefined : `the D-Bus session bus refused us (${reply.trim().slice(0, 60)})`);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(`cannot connect to the D-Bus session bus at ${first} (${error.code ?? error.message})`));
  });
}
