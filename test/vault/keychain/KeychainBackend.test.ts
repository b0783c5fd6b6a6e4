import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { KeychainBackend, KeychainUnavailableError } from '../../../src/vault/keychain/KeychainBackend.js';
import { secretServiceAvailable } from '../../support/startSecretService.js';

const dir = mkdtempSync(join(tmpdir(), 'vault-git-keychain-failures-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function withBus<T>(address: string, work: () => Promise<T>): Promise<T> {
  const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
  process.env.DBUS_SESSION_BUS_ADDRESS = address;
  try {
    return await work();
  } finally {
    if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
    else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
  }
}

describe('KeychainBackend when no usable Secret Service answers: an error naming the service, never null, never a hang', { skip: process.platform !== 'linux' }, () => {
  it('a bus address pointing at a missing socket', async () => {
    await withBus(`unix:path=${join(dir, 'missing.sock')}`, async () => {
      await assert.rejects(new KeychainBackend({ timeoutMs: 1500 }).get('credentials', 'x'), (error: unknown) => {
        assert.ok(error instanceof KeychainUnavailableError);
        assert.match(error.message, /Secret Service/);
        return true;
      });
    });
  });

  it('a bus socket that accepts and never answers (the binding would block forever)', async () => {
    const socketPath = join(dir, 'silent.sock');
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(socketPath, resolve));
    try {
      const started = Date.now();
      await withBus(`unix:path=${socketPath}`, async () => {
        await assert.rejects(new KeychainBackend({ timeoutMs: 1000 }).list('session'), /did not answer within 1 s/);
      });
      assert.ok(Date.now() - started < 10_000);
    } finally {
      silent.close();
    }
  });

  it('a bus with no Secret Service provider on it', { skip: !secretServiceAvailable() }, async () => {
    // A bus without service activation: the stock session config would start gnome-keyring on demand.
    const config = join(dir, 'bus.conf');
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:path=${join(dir, 'empty-bus')}</listen>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`,
    );
    const bus = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const address = await new Promise<string>((resolve) => bus.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().split('\n')[0]!.trim())));
    try {
      await withBus(address, async () => {
        await assert.rejects(new KeychainBackend({ timeoutMs: 5000 }).get('credentials', 'x'), KeychainUnavailableError);
      });
    } finally {
      bus.kill();
    }
  });
});
