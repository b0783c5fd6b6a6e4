import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CorruptVaultFileError, FileBackend, WrongPassphraseError } from '../../../src/vault/file/FileBackend.js';
import { projectRoot } from '../../support/projectPaths.js';
import { runProcess } from '../../support/runProcess.js';

const roots: string[] = [];
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

function fixture(passphrase = 'correct horse battery') {
  const root = mkdtempSync(join(tmpdir(), 'vault-git-file-'));
  roots.push(root);
  const directory = join(root, 'vault');
  const runtime = join(root, 'runtime');
  let asked = 0;
  const make = (phrase = passphrase) =>
    new FileBackend({
      directory,
      passphrase: async () => {
        asked++;
        return phrase;
      },
      env: { VAULT_GIT_RUNTIME_DIR: runtime },
      scrypt: { N: 2 ** 12, r: 8, p: 1 },
    });
  return { root, directory, runtime, make, asked: () => asked };
}

/** Every file under a directory with its bytes, to prove an operation changed nothing. */
function snapshot(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).sort().map((file) => [file, readFileSync(join(dir, file)).toString('base64')]));
}

// Backends store opaque names; the expiry travels beside the item (SessionStore owns the naming).
const session = (profile: string, _expiresAt?: number) => `session of ${profile}`;

describe('FileBackend', () => {
  it('keeps the directory 0700 and every file 0600', async () => {
    const { directory, make } = fixture();
    const backend = make();
    await backend.set('credentials', 'env1', 'secret-value');
    await backend.set('session', session('env1', 4_000_000_000), 'session-value');
    assert.equal(statSync(directory).mode & 0o777, 0o700);
    for (const file of readdirSync(directory)) assert.equal(statSync(join(directory, file)).mode & 0o777, 0o600, file);
  });

  it('reveals neither profile names nor secrets in file names or contents', async () => {
    const { directory, make } = fixture();
    const backend = make();
    await backend.set('credentials', 'customer-prod-admin', 'AKIAEXAMPLEEXAMPLE12 super-secret');
    await backend.set('session', session('customer-prod-admin', 4_000_000_000), 'session-secret');
    for (const file of readdirSync(directory)) {
      assert.ok(!file.includes('customer'), file);
      const text = readFileSync(join(directory, file), 'utf8');
      for (const leak of ['customer', 'super-secret', 'session-secret', 'AKIAEXAMPLE', Buffer.from('customer-prod-admin').toString('base64url')]) {
        assert.ok(!text.includes(leak), `${file} contains ${leak}`);
      }
    }
  });

  it('a wrong passphrase is a clear error and the directory is byte for byte unchanged', async () => {
    const { directory, make } = fixture();
    await make().set('credentials', 'env1', 'value-1');
    const before = snapshot(directory);
    await assert.rejects(make('wrong passphrase').set('credentials', 'env2', 'value-2'), WrongPassphraseError);
    await assert.rejects(make('wrong passphrase').get('credentials', 'env1'), /wrong passphrase for the file vault/);
    assert.deepEqual(snapshot(directory), before);
    assert.equal(await make().get('credentials', 'env1'), 'value-1');
  });

  it('a truncated item file is reported by name and left as it was', async () => {
    const { directory, make } = fixture();
    const backend = make();
    await backend.set('credentials', 'env1', 'value-1');
    const file = readdirSync(directory).find((name) => name.startsWith('c-'))!;
    const path = join(directory, file);
    writeFileSync(path, readFileSync(path).subarray(0, 40));
    const before = snapshot(directory);
    await assert.rejects(make().get('credentials', 'env1'), (error: unknown) => error instanceof CorruptVaultFileError && error.message.includes(path));
    assert.deepEqual(snapshot(directory), before);
  });

  it('an altered item file fails authentication and is reported, not overwritten', async () => {
    const { directory, make } = fixture();
    await make().set('credentials', 'env1', 'value-1');
    const file = readdirSync(directory).find((name) => name.startsWith('c-'))!;
    const item = JSON.parse(readFileSync(join(directory, file), 'utf8'));
    const data = Buffer.from(item.box.data, 'base64');
    data[0] = data[0]! ^ 0xff;
    item.box.data = data.toString('base64');
    writeFileSync(join(directory, file), JSON.stringify(item));
    const before = snapshot(directory);
    await assert.rejects(make().get('credentials', 'env1'), /does not decrypt/);
    // A listing passes over it (issue 9: one damaged file must not break the others) and names it.
    const lister = make();
    assert.deepEqual(await lister.list('credentials'), []);
    assert.match(lister.unreadable().map((u) => `${u.file}: ${u.reason}`).join('\n'), new RegExp(`^${file}: .*does not decrypt`));
    assert.deepEqual(snapshot(directory), before);
  });

  it('a damaged header stops everything with its path and changes nothing', async () => {
    const { directory, make } = fixture();
    await make().set('credentials', 'env1', 'value-1');
    writeFileSync(join(directory, 'vault.json'), '{"format": "vault-git-file/1", "kdf": ');
    const before = snapshot(directory);
    await assert.rejects(make().set('credentials', 'env2', 'x'), /vault header .*vault\.json is damaged/);
    assert.deepEqual(snapshot(directory), before);
  });

  it('reads and writes sessions without the passphrase (no KDF on the git hot path)', async () => {
    const { make, asked } = fixture();
    const backend = make();
    const name = session('env1', 4_000_000_000);
    await backend.set('session', name, 'session-value');
    assert.equal(await make().get('session', name), 'session-value');
    assert.deepEqual(await make().list('session'), [name]);
    assert.equal(asked(), 0);
  });

  it('treats sessions sealed under a vanished runtime key (reboot, logout) as absent', async () => {
    const { runtime, make } = fixture();
    const name = session('env1', 4_000_000_000);
    await make().set('session', name, 'session-value');
    rmSync(runtime, { recursive: true, force: true });
    assert.equal(await make().get('session', name), undefined);
    assert.deepEqual(await make().list('session'), []);
  });

  it('drops expired sessions on the next write', async () => {
    const { make } = fixture();
    const backend = make();
    await backend.set('session', session('old'), 'old', { expiresAt: Math.floor(Date.now() / 1000) - 10 });
    await backend.set('session', session('new'), 'new', { expiresAt: 4_000_000_000 });
    assert.deepEqual(await backend.list('session'), [session('new', 4_000_000_000)]);
  });

  it('20 concurrent writer processes: every write is present afterwards', async () => {
    const { directory, runtime, make } = fixture('writer passphrase');
    const writer = join(projectRoot, 'build/test/support/fileVaultWriter.js');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => runProcess(process.execPath, [writer, directory, runtime, 'once', `profile-${index}`])),
    );
    for (const result of results) assert.equal(result.code, 0, result.stderr);
    const names = await make('writer passphrase').list('credentials');
    assert.deepEqual(names, Array.from({ length: 20 }, (_, index) => `profile-${index}`).sort());
    for (const name of names) assert.deepEqual(JSON.parse((await make('writer passphrase').get('credentials', name))!), { profile: name });
  });

  it('a writer killed mid-write leaves the old value or the new one, never a broken file', async () => {
    const { directory, runtime, make } = fixture('writer passphrase');
    const writer = join(projectRoot, 'build/test/support/fileVaultWriter.js');
    for (let attempt = 0; attempt < 5; attempt++) {
      const child = spawn(process.execPath, [writer, directory, runtime, 'loop', 'victim'], { stdio: ['ignore', 'pipe', 'inherit'] });
      let completed = 0;
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          completed = Number(chunk.toString().trim().split('\n').at(-1));
          // Kill at a varying moment once a few writes have landed, most likely in the middle of one.
          if (completed >= 2 + attempt) {
            setTimeout(() => child.kill('SIGKILL'), attempt * 3);
            resolve();
          }
        });
      });
      await new Promise((resolve) => child.on('close', resolve));
      const value = JSON.parse((await make('writer passphrase').get('credentials', 'victim'))!) as { round: number };
      assert.ok(value.round >= completed, `round ${value.round} after ${completed} completed writes`);
      assert.ok(value.round <= completed + 1);
    }
    assert.deepEqual(await make('writer passphrase').list('credentials'), ['victim'], 'stray temp files are not items');
    // The next write under the lock clears what the killed writers left behind.
    await make('writer passphrase').set('credentials', 'victim', JSON.stringify({ round: 0 }));
    assert.deepEqual(readdirSync(directory).filter((file) => file.includes('.tmp-')), []);
  });
});
