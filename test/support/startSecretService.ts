import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SecretService {
  /** DBUS_SESSION_BUS_ADDRESS and friends for any process that should see this keyring. */
  readonly env: NodeJS.ProcessEnv;
  /** Stops the bus process (SIGSTOP): connections are accepted by the kernel and never answered. */
  freeze(): void;
  thaw(): void;
  stop(): void;
}

/** True when the machine has what a real Secret Service needs (CI installs it; see .ci/run). */
export function secretServiceAvailable(): boolean {
  return ['dbus-daemon', 'gnome-keyring-daemon'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);
}

/**
 * A private, real Secret Service: its own D-Bus session bus and a gnome-keyring-daemon whose `login`
 * collection is created and unlocked with a piped password (without --unlock it would try to show a
 * prompt and fail headless). Everything lives in a temp directory and goes away in stop().
 */
export async function startSecretService(options: { readonly keyrings?: Readonly<Record<string, string>> } = {}): Promise<SecretService> {
  const dir = mkdtempSync(join(tmpdir(), 'vault-git-secret-service-'));
  // Keyring files the daemon finds at start (gnome-keyring reads unencrypted "[keyring]" text files too).
  const keyrings = join(dir, '.local', 'share', 'keyrings');
  mkdirSync(keyrings, { recursive: true });
  for (const [name, text] of Object.entries(options.keyrings ?? {})) writeFileSync(join(keyrings, `${name}.keyring`), text, { mode: 0o600 });
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1', `--address=unix:path=${join(dir, 'bus')}`], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let text = '';
    bus.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0]!.trim());
    });
    bus.on('error', reject);
    bus.on('exit', (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
  });
  const env: NodeJS.ProcessEnv = { DBUS_SESSION_BUS_ADDRESS: address };
  const keyring = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
    input: 'test-keyring-password',
    env: { PATH: process.env.PATH, HOME: dir, XDG_RUNTIME_DIR: dir, DBUS_SESSION_BUS_ADDRESS: address },
    encoding: 'utf8',
  });
  if (keyring.status !== 0) throw new Error(`gnome-keyring-daemon failed: ${keyring.stderr}`);
  for (const line of keyring.stdout.split('\n')) {
    const [key, value] = line.split('=');
    if (key === 'GNOME_KEYRING_CONTROL' && value) env.GNOME_KEYRING_CONTROL = value;
  }
  return {
    env,
    freeze: () => bus.kill('SIGSTOP'),
    thaw: () => bus.kill('SIGCONT'),
    stop: () => {
      bus.kill('SIGCONT');
      // The keyring daemon leaves when its bus goes away.
      bus.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
