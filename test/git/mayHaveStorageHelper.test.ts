import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mayHaveStorageHelper } from '../../src/git/mayHaveStorageHelper.js';

// Where the repository's own config lives when git runs a helper from a linked worktree or a submodule.
describe('mayHaveStorageHelper finds a storing helper in the repository config of worktrees and submodules', () => {
  let root: string;
  let home: string;
  let main: string;
  let tree: string;
  const startedIn = process.cwd();
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ HOME: home, GIT_CONFIG_NOSYSTEM: '1', PATH: process.env.PATH, ...extra });
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: { ...env(), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
  const inDirectory = <T>(dir: string, run: () => T): T => {
    process.chdir(dir);
    try {
      return run();
    } finally {
      process.chdir(startedIn);
    }
  };

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'vault-git-storage-check-'));
    home = join(root, 'home');
    mkdirSync(home);
    main = join(root, 'main');
    tree = join(root, 'tree');
    git(root, 'init', '-q', main);
    git(main, 'commit', '-q', '--allow-empty', '-m', 'first');
    git(main, 'worktree', 'add', '-q', '-b', 'side', tree);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('nothing configured anywhere: no', () => {
    assert.equal(inDirectory(main, () => mayHaveStorageHelper(env())), false);
    assert.equal(inDirectory(tree, () => mayHaveStorageHelper(env())), false);
  });

  it('set in the repository: yes at its top, in a linked worktree through GIT_DIR or its .git file, and through GIT_COMMON_DIR', () => {
    git(main, 'config', 'credential.helper', 'store');
    try {
      assert.equal(inDirectory(main, () => mayHaveStorageHelper(env())), true);
      assert.equal(inDirectory(tree, () => mayHaveStorageHelper(env())), true, '.git is a file naming .git/worktrees/tree');
      assert.equal(inDirectory(tree, () => mayHaveStorageHelper(env({ GIT_DIR: join(main, '.git/worktrees/tree') }))), true, 'GIT_DIR as git-remote-https sets it');
      assert.equal(inDirectory(root, () => mayHaveStorageHelper(env({ GIT_DIR: join(root, 'elsewhere'), GIT_COMMON_DIR: join(main, '.git') }))), true);
    } finally {
      git(main, 'config', '--unset-all', 'credential.helper');
    }
  });

  it('settings in the environment: git -c and GIT_CONFIG_COUNT pairs count, pairs past the count do not, a bad count is a yes', () => {
    const check = (extra: NodeJS.ProcessEnv) => inDirectory(main, () => mayHaveStorageHelper(env(extra)));
    assert.equal(check({ GIT_CONFIG_PARAMETERS: "'credential.helper'='store'" }), true);
    assert.equal(check({ GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_0: 'user.name', GIT_CONFIG_VALUE_0: 'x', GIT_CONFIG_KEY_1: 'credential.helper', GIT_CONFIG_VALUE_1: 'cache --timeout 60' }), true);
    assert.equal(check({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'user.name', GIT_CONFIG_VALUE_0: 'x', GIT_CONFIG_KEY_1: 'credential.helper', GIT_CONFIG_VALUE_1: 'store' }), false);
    assert.equal(check({ GIT_CONFIG_COUNT: 'many' }), true);
    assert.equal(check({ GIT_CONFIG_PARAMETERS: "'credential.helper'='vault --profile a'" }), false);
  });

  it('a value continued on the next line and an upper-case [Include] are read as git reads them', () => {
    const config = join(home, '.gitconfig');
    try {
      writeFileSync(config, '[credential]\n\thelper = \\\n  store\n');
      assert.equal(inDirectory(main, () => mayHaveStorageHelper(env())), true, 'helper = \\ + store');
      writeFileSync(config, '[Include]\n\tpath = elsewhere\n');
      assert.equal(inDirectory(main, () => mayHaveStorageHelper(env())), true, '[Include]');
      writeFileSync(config, '[credential]\n\thelper = vault --profile a\n[user]\n\tname = storehouse\n');
      assert.equal(inDirectory(main, () => mayHaveStorageHelper(env())), false, 'our helper, and "store" outside a helper line');
    } finally {
      rmSync(config, { force: true });
    }
  });

  it('a .git file that is not a gitdir pointer leaves the answer to git (yes)', () => {
    const odd = join(root, 'odd');
    mkdirSync(odd);
    writeFileSync(join(odd, '.git'), 'not a pointer\n');
    assert.equal(inDirectory(odd, () => mayHaveStorageHelper(env())), true);
  });
});
