import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { warmFullHelper } from '../../src/helper/warmFullHelper.js';
import { projectRoot } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';

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

  it("touches nothing of the installing user's: home, runtime directory and temp directory stay empty", async () => {
    // npm install runs it (postinstall) with the user's own environment, vault-git variables included.
    const outside = mkdtempSync(join(tmpdir(), 'vault-git-warm-up-outside-'));
    const scratch = mkdtempSync(join(tmpdir(), 'vault-git-warm-up-test-'));
    try {
      const dirs = ['home', 'xdg-runtime', 'vault-runtime', 'vault-files'].map((name) => join(outside, name));
      for (const dir of dirs) mkdirSync(dir, { mode: 0o700 });
      const [home, xdg, runtime, files] = dirs as [string, string, string, string];
      const module = pathToFileURL(join(projectRoot, 'build/src/helper/warmFullHelper.js')).href;
      const run = await runProcess(process.execPath, ['--input-type=module', '-e', `const { warmFullHelper } = await import(${JSON.stringify(module)}); await warmFullHelper(${JSON.stringify(scratch)}, process.execPath);`], {
        env: { PATH: process.env.PATH, HOME: home, XDG_RUNTIME_DIR: xdg, VAULT_GIT_RUNTIME_DIR: runtime, VAULT_GIT_FILE_DIR: files, VAULT_GIT_BACKEND: 'keychain', AWS_CONFIG_FILE: join(home, 'config'), TMPDIR: join(outside, 'home') },
        timeoutMs: 60_000,
      });
      assert.equal(run.code, 0, run.stderr);
      for (const dir of dirs) assert.deepEqual(readdirSync(dir), [], dir);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
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
