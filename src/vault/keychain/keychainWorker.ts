// The keychain worker: a process of its own that makes the native keychain calls for its parent, one
// request per line of JSON on stdin, one answer per line on stdout. It exists because a call into the
// binding that never returns (a hung Secret Service, a half-dead D-Bus) blocks a thread that Node joins at
// exit, so even process.exit() hangs; a child process stuck like that is simply killed. It holds no state
// and ends when its stdin closes.
import { createInterface } from 'node:readline';
import type { KeychainRequest, KeychainResponse } from './keychainProtocol.js';

type KeyringModule = typeof import('@napi-rs/keyring');

// On Linux, pin the Secret Service: by default @napi-rs/keyring silently falls back to the kernel keyring,
// which loses everything at reboot and answers `null` instead of an error when D-Bus times out.
const ENTRY_OPTIONS = { linux: { store: 'secret-service' as const } };

let keyring: KeyringModule | undefined;

async function answer(request: KeychainRequest): Promise<KeychainResponse['value']> {
  keyring ??= (await import('@napi-rs/keyring')) as KeyringModule;
  switch (request.op) {
    case 'get':
      return new keyring.Entry(request.service, request.account!, ENTRY_OPTIONS).getPassword() ?? null;
    case 'set':
      new keyring.Entry(request.service, request.account!, ENTRY_OPTIONS).setPassword(request.secret!);
      return null;
    case 'delete':
      return new keyring.Entry(request.service, request.account!, ENTRY_OPTIONS).deletePassword();
    case 'list':
      return keyring.findCredentials(request.service).map((credential) => ({ account: credential.account, password: credential.password }));
  }
}

function reply(response: KeychainResponse): void {
  process.stdout.write(`${JSON.stringify(response)}\n`);
}

const lines = createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    let request: KeychainRequest;
    try {
      request = JSON.parse(line) as KeychainRequest;
    } catch {
      return;
    }
    try {
      reply({ id: request.id, ok: true, value: await answer(request) });
    } catch (error) {
      reply({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
});
lines.on('close', () => void queue.then(() => process.exit(0)));
