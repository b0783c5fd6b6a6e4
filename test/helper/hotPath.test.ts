import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../support/projectPaths.js';

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

describe("the helper's hot path", () => {
  for (const entry of ['build/src/entries/gitCredentialVault.js', 'build/src/entries/vaultGit.js']) {
    it(`${entry} statically loads no CLI parser, no SDK client, no keychain binding and no prompt code`, () => {
      const closure = [...importClosure(join(projectRoot, entry))];
      const relative = closure.map((file) => file.replace(`${projectRoot}/build/`, ''));
      const forbidden = relative.filter(
        (module) =>
          module === 'yargs' ||
          module.startsWith('@aws-sdk/') ||
          module === '@napi-rs/keyring' ||
          module.startsWith('src/cli/') ||
          module.startsWith('src/prompt/') ||
          module.startsWith('src/aws/sts/'),
      );
      assert.deepEqual(forbidden, []);
      assert.ok(relative.includes('src/codecommit/signCodeCommitPassword.js'), 'the walk does follow the helper');
    });
  }

  for (const entry of ['build/src/entries/gitCredentialVault.js', 'build/src/entries/vaultGit.js']) {
    it(`${entry} cannot reach the terminal prompt or the CLI even through import() (issue 8)`, () => {
      const closure = [...importClosure(join(projectRoot, entry), true)].map((file) => file.replace(`${projectRoot}/build/`, ''));
      // vault-git's own entry imports the CLI lazily for other verbs; the helper part must not.
      const reachable = entry.endsWith('vaultGit.js') ? [...importClosure(join(projectRoot, 'build/src/helper/main.js'), true)].map((file) => file.replace(`${projectRoot}/build/`, '')) : closure;
      assert.ok(reachable.includes('src/aws/sts/stsCalls.js'), 'the walk follows import()');
      assert.ok(reachable.includes('src/prompt/createMfaCodeSource.js'), 'the helper may run mfa_process and desktop dialogs');
      assert.deepEqual(reachable.filter((module) => module === 'src/prompt/promptOnTerminal.js' || module === 'src/prompt/openTerminal.js' || module.startsWith('src/cli/') || module === 'yargs'), []);
    });
  }

  it('the shipped helper bundle contains neither yargs nor the STS client', () => {
    const bundle = readFileSync(join(projectRoot, 'dist/git-credential-vault.cjs'), 'utf8');
    assert.doesNotMatch(bundle, /yargs/);
    assert.doesNotMatch(bundle, /STSClient/);
    assert.match(bundle, /require\("\.\/sts\.cjs"\)/, 'STS is loaded from its own bundle, on demand');
  });
});
