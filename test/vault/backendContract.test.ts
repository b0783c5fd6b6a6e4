import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Backend } from '../../src/vault/Backend.js';
import { FileBackend } from '../../src/vault/file/FileBackend.js';
import { KeychainBackend } from '../../src/vault/keychain/KeychainBackend.js';
import { MemoryBackend } from '../../src/vault/memory/MemoryBackend.js';
import { secretServiceAvailable, startSecretService, type SecretService } from '../support/startSecretService.js';

const TOKEN = 'IQoJb3JpZ2luX2VjE' + 'A'.repeat(1200) + '/+==';

/** The behaviour every backend owes its callers; each backend below runs the same cases. */
function backendContract(name: string, create: () => Promise<Backend>, teardown: () => Promise<void> = async () => undefined) {
  describe(`Backend contract: ${name}`, () => {
    let backend: Backend;
    before(async () => {
      backend = await create();
    });
    after(teardown);

    it('answers undefined for an item that was never stored', async () => {
      assert.equal(await backend.get('credentials', 'never-stored'), undefined);
      assert.equal(await backend.get('session', 'never-stored'), undefined);
    });

    it('stores, reads back, overwrites', async () => {
      await backend.set('credentials', 'alpha', '{"k":"one"}');
      assert.equal(await backend.get('credentials', 'alpha'), '{"k":"one"}');
      await backend.set('credentials', 'alpha', '{"k":"two"}');
      assert.equal(await backend.get('credentials', 'alpha'), '{"k":"two"}');
    });

    it('keeps credentials and sessions apart', async () => {
      await backend.set('credentials', 'shared-name', 'long-term');
      await backend.set('session', 'shared-name', 'short-lived');
      assert.equal(await backend.get('credentials', 'shared-name'), 'long-term');
      assert.equal(await backend.get('session', 'shared-name'), 'short-lived');
      assert.ok((await backend.list('credentials')).includes('shared-name'));
      assert.ok((await backend.list('session')).includes('shared-name'));
      assert.equal(await backend.delete('session', 'shared-name'), true);
      assert.equal(await backend.get('credentials', 'shared-name'), 'long-term');
    });

    it('round-trips long session tokens, unicode and session-style names', async () => {
      const name = 'AssumeRole,ZW52MQ,b3JpaXNoaS10,0123456789abcdef,1893456000';
      await backend.set('session', name, JSON.stringify({ token: TOKEN, note: 'ключ ✓' }));
      assert.deepEqual(JSON.parse((await backend.get('session', name))!), { token: TOKEN, note: 'ключ ✓' });
    });

    it('lists the names of one kind, sorted', async () => {
      await backend.set('credentials', 'zulu', 'z');
      await backend.set('credentials', 'bravo', 'b');
      const names = await backend.list('credentials');
      assert.deepEqual(names, [...names].sort());
      for (const expected of ['alpha', 'bravo', 'zulu']) assert.ok(names.includes(expected), expected);
    });

    it('deletes and says whether anything was there', async () => {
      await backend.set('credentials', 'to-delete', 'x');
      assert.equal(await backend.delete('credentials', 'to-delete'), true);
      assert.equal(await backend.get('credentials', 'to-delete'), undefined);
      assert.equal(await backend.delete('credentials', 'to-delete'), false);
      assert.ok(!(await backend.list('credentials')).includes('to-delete'));
    });
  });
}

backendContract('memory', async () => new MemoryBackend());

let fileRoot: string;
backendContract(
  'file',
  async () => {
    fileRoot = mkdtempSync(join(tmpdir(), 'vault-git-contract-'));
    return new FileBackend({
      directory: join(fileRoot, 'vault'),
      passphrase: async () => 'contract passphrase',
      env: { VAULT_GIT_RUNTIME_DIR: join(fileRoot, 'runtime') },
      scrypt: { N: 2 ** 12, r: 8, p: 1 },
    });
  },
  async () => rmSync(fileRoot, { recursive: true, force: true }),
);

// The real Secret Service (gnome-keyring on a private D-Bus). CI installs it; it is not optional there.
const haveSecretService = secretServiceAvailable();
if (!haveSecretService && process.env.CI) throw new Error('CI must provide gnome-keyring and dbus for the keychain contract tests');
let service: SecretService | undefined;
if (haveSecretService) {
  backendContract(
    'keychain (gnome-keyring over a private D-Bus)',
    async () => {
      service = await startSecretService();
      Object.assign(process.env, service.env);
      return new KeychainBackend({ timeoutMs: 5000 });
    },
    async () => service?.stop(),
  );
} else {
  describe('Backend contract: keychain', () => {
    it('needs gnome-keyring and dbus-daemon (apt-get install gnome-keyring dbus-x11)', { skip: 'no Secret Service tools on this machine' }, () => undefined);
  });
}
