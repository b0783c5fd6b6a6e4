import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';

/** Every module reachable from `entry` through static imports, and with `dynamic` through `import()` too. */
function importClosure(entry: string, dynamic = false): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.startsWith('/')) continue; // a package name: recorded, not followed
    const source = readFileSync(file, 'utf8');
    const statics = [...source.matchAll(/^\s*(?:import|export)\s+(?:[^'"()]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    const dynamics = dynamic ? [...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!) : [];
    for (const specifier of [...statics, ...dynamics]) {
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier));
      else seen.add(specifier);
    }
  }
  return seen;
}

/** What the hot bundle may grow to before this test fails the build: measured at 20.5 KB, 1 December 2026. */
const HOT_BUNDLE_MAX_BYTES = 24 * 1024;
/** The only modules the hot bundle may require: node:fs, and the record opener it loads lazily (the entries load the full helper). */
const HOT_BUNDLE_REQUIRES = new Set(['node:fs', 'buffer', './hot-seal.cjs']);
/** The entries load it with its V8 code cache (node:vm), or through Node's loader when that fails. */
const ENTRY_REQUIRES = new Set(['node:fs', 'node:vm', './hot-get.cjs']);
const ENTRY_MAX_BYTES = 4 * 1024;

const relativeTo = (files: Iterable<string>) => [...files].map((file) => file.replace(`${projectRoot}/build/`, ''));
// require("…") calls, and bundle names passed to a require function under another name (the hot path's loader).
const requiresOf = (text: string) => [...new Set([...text.matchAll(/require\(["']([^"']+)["']\)|["'](\.\/[\w-]+\.cjs)["']/g)].map((match) => (match[1] ?? match[2])!))];

describe("the helper's hot path", () => {
  it('the hot path statically loads node:fs and nothing heavier: no CLI parser, SDK, keychain binding, prompt, vault or node:crypto', () => {
    const closure = relativeTo(importClosure(join(projectRoot, 'build/src/hot/runHotGet.js')));
    assert.ok(closure.includes('src/hot/readHotRecord.js') && closure.includes('src/codecommit/signCodeCommitPasswordPortable.js'), 'the walk does follow the hot path');
    const builtins = closure.filter((module) => module.startsWith('node:'));
    assert.deepEqual(builtins, ['node:fs']);
    const forbidden = closure.filter(
      (module) =>
        module === 'yargs' ||
        module.startsWith('@aws-sdk/') ||
        module === '@napi-rs/keyring' ||
        /^src\/(cli|prompt|vault|aws\/sts|aws\/sessions\/(?!parseMinTtl))/.test(module) ||
        module === 'src/codecommit/signCodeCommitPassword.js',
    );
    assert.deepEqual(forbidden, []);
  });

  it('git-credential-vault loads only the hot path, through node:fs and node:vm', () => {
    const closure = relativeTo(importClosure(join(projectRoot, 'build/src/entries/gitCredentialVault.js')));
    assert.deepEqual(closure.filter((module) => !module.startsWith('node:')).sort(), ['src/entries/distDirectory.js', 'src/entries/gitCredentialVault.js', 'src/entries/loadHotPath.js', 'src/hot/bundleCodeCache.js', 'src/shared/readRegularFile.js']);
    assert.deepEqual(closure.filter((module) => module.startsWith('node:')).sort(), ['node:fs', 'node:vm']);
  });

  it('vault-git statically loads the hot path\'s loader and nothing else before it knows which path it takes', () => {
    // The same loader as git-credential-vault's, so that `vault-git credential get` starts as fast as the helper.
    const loader = relativeTo(importClosure(join(projectRoot, 'build/src/entries/gitCredentialVault.js'))).filter((module) => module !== 'src/entries/gitCredentialVault.js');
    const closure = relativeTo(importClosure(join(projectRoot, 'build/src/entries/vaultGit.js')));
    assert.deepEqual(closure.sort(), ['src/entries/vaultGit.js', ...loader].sort());
  });

  it('the helper cannot reach the terminal prompt or the CLI even through import() (issue 8)', () => {
    // The hot path, and the full helper the entries hand over to.
    const reachable = relativeTo(new Set([...importClosure(join(projectRoot, 'build/src/hot/runHotGet.js'), true), ...importClosure(join(projectRoot, 'build/src/helper/main.js'), true)]));
    assert.ok(reachable.includes('src/aws/sts/stsCalls.js'), 'the walk follows import()');
    assert.ok(reachable.includes('src/prompt/createMfaCodeSource.js'), 'the helper may run mfa_process and desktop dialogs');
    assert.deepEqual(reachable.filter((module) => module === 'src/prompt/promptOnTerminal.js' || module === 'src/prompt/openTerminal.js' || module.startsWith('src/cli/') || module === 'yargs'), []);
  });

  it(`dist/hot-get.cjs (the hot path) stays under ${HOT_BUNDLE_MAX_BYTES / 1024} KB and requires only ${[...HOT_BUNDLE_REQUIRES].join(', ')}`, () => {
    const hot = readFileSync(join(projectRoot, 'dist/hot-get.cjs'), 'utf8');
    assert.ok(hot.length <= HOT_BUNDLE_MAX_BYTES, `dist/hot-get.cjs is ${hot.length} bytes`);
    assert.deepEqual(requiresOf(hot).filter((module) => !HOT_BUNDLE_REQUIRES.has(module)), []);
    // Names only, never the bundle itself in a failure message.
    assert.deepEqual(hot.match(/yargs|STSClient|createHmac|@napi-rs\/keyring/g) ?? [], []);
  });

  it(`dist/git-credential-vault.cjs is the hot path's loader: under ${ENTRY_MAX_BYTES / 1024} KB, requiring only ${[...ENTRY_REQUIRES].join(', ')}`, () => {
    const entry = readFileSync(join(projectRoot, 'dist/git-credential-vault.cjs'), 'utf8');
    assert.ok(entry.length <= ENTRY_MAX_BYTES, `dist/git-credential-vault.cjs is ${entry.length} bytes`);
    assert.deepEqual(requiresOf(entry).sort(), [...ENTRY_REQUIRES].sort());
  });

  it('bin/git-credential-vault and bin/vault-git are the entries themselves, not stubs that require them (a second module load per git request)', () => {
    for (const [bin, extra] of [['git-credential-vault', []], ['vault-git', ['../dist/cli.cjs', '../dist/complete.cjs']]] as const) {
      const file = join(projectRoot, 'bin', bin);
      const entry = readFileSync(file, 'utf8');
      assert.ok(entry.startsWith('#!/usr/bin/env node\n'), `bin/${bin} starts with its #! line`);
      assert.ok(entry.length <= ENTRY_MAX_BYTES, `bin/${bin} is ${entry.length} bytes`);
      assert.deepEqual(requiresOf(entry).sort(), [...ENTRY_REQUIRES, ...extra].sort(), `bin/${bin}`);
      assert.equal(statSync(file).mode & 0o111, 0o111, `bin/${bin} is executable`);
    }
  });

  it('the bin/ entries find dist/ through a link elsewhere, as install.sh and npm link them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-git-link-'));
    try {
      const env = { PATH: process.env.PATH, HOME: dir, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', AWS_CONFIG_FILE: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
      const input = 'protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\npath=v1/repos/demo\n\n';
      for (const [bin, args] of [['git-credential-vault', ['get']], ['vault-git', ['credential', 'get']], ['git-credential-vault', ['--debug', 'get']]] as const) {
        symlinkSync(join(projectRoot, 'bin', bin), join(dir, `${bin}-${args.length}`));
        const result = await runProcess(join(dir, `${bin}-${args.length}`), [...args], { env, input, cwd: dir });
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /^username=AKIDEXAMPLE\npassword=\d{8}T\d{6}Z[0-9a-f]{64}\n/, `${bin} ${args.join(' ')}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('vault-git loads the hot path for `credential`, the completions for `__complete` and the CLI for everything else, nothing more', () => {
    const entry = readFileSync(join(projectRoot, 'dist/vault-git.cjs'), 'utf8');
    assert.ok(entry.length <= ENTRY_MAX_BYTES, `dist/vault-git.cjs is ${entry.length} bytes`);
    assert.deepEqual(requiresOf(entry).sort(), [...ENTRY_REQUIRES, './cli.cjs', './complete.cjs'].sort());
  });

  it('the full helper bundle contains neither yargs nor the STS client, which it loads on demand', () => {
    const full = readFileSync(join(projectRoot, 'dist/helper.cjs'), 'utf8');
    assert.doesNotMatch(full, /yargs/);
    assert.doesNotMatch(full, /STSClient/);
    assert.match(full, /require\("\.\/sts\.cjs"\)/);
  });
});
