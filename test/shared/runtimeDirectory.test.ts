import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { existingPrivateRuntimeDirectory, requirePrivateRuntimeDirectory, RuntimeDirectoryError } from '../../src/shared/runtimeDirectory.js';

const scratch = mkdtempSync(join(tmpdir(), 'vault-git-runtime-dir-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('the runtime directory', () => {
  it('requirePrivateRuntimeDirectory creates a missing one 0700; the reader finds it then, and never creates one', () => {
    const dir = join(scratch, 'fresh');
    assert.equal(existingPrivateRuntimeDirectory({ VAULT_GIT_RUNTIME_DIR: dir }), undefined);
    assert.equal(existsSync(dir), false, 'the reader created nothing');
    assert.equal(requirePrivateRuntimeDirectory({ VAULT_GIT_RUNTIME_DIR: dir }), dir);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal(existingPrivateRuntimeDirectory({ VAULT_GIT_RUNTIME_DIR: dir }), dir);
  });

  it('both refuse a directory others can read and a symbolic link to a good one', () => {
    const open = join(scratch, 'open');
    mkdirSync(open);
    chmodSync(open, 0o755);
    const good = join(scratch, 'good');
    mkdirSync(good, { mode: 0o700 });
    const link = join(scratch, 'link');
    symlinkSync(good, link);
    for (const dir of [open, link]) {
      assert.equal(existingPrivateRuntimeDirectory({ VAULT_GIT_RUNTIME_DIR: dir }), undefined, dir);
      assert.throws(() => requirePrivateRuntimeDirectory({ VAULT_GIT_RUNTIME_DIR: dir }), RuntimeDirectoryError);
    }
    assert.equal(existingPrivateRuntimeDirectory({ VAULT_GIT_RUNTIME_DIR: 'relative/dir' }), undefined, 'a relative path is no runtime directory');
  });
});
