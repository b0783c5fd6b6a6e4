import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { warmFullHelper } from '../../src/helper/warmFullHelper.js';

describe("the full helper's warm-up for its code cache", () => {
  it('signs a made-up request through config, credential_process and the hot record, all inside its scratch directory', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'vault-git-warm-up-test-'));
    try {
      await warmFullHelper(scratch, process.execPath);
      // A miss ends by writing the profile's hot record: the warm-up ran that far, in its own runtime directory.
      assert.ok(readdirSync(join(scratch, 'run')).some((file) => file.startsWith('hot-')), readdirSync(join(scratch, 'run')).join(', '));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('says so when it could not sign (a credential_process that fails)', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'vault-git-warm-up-test-'));
    try {
      await assert.rejects(warmFullHelper(scratch, '/nonexistent/node'), /did not sign/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
