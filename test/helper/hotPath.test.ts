import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../support/projectPaths.js';

/** Every module reachable from `entry` through static imports (dynamic `import()` is the lazy boundary). */
function staticImportClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.startsWith('/')) continue; // a package name: recorded, not followed
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^\s*(?:import|export)\s+(?:[^'"()]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier));
      else seen.add(specifier);
    }
  }
  return seen;
}

describe("the helper's hot path", () => {
  for (const entry of ['build/src/entries/gitCredentialVault.js', 'build/src/entries/vaultGit.js']) {
    it(`${entry} statically loads no CLI parser, no SDK client, no keychain binding and no prompt code`, () => {
      const closure = [...staticImportClosure(join(projectRoot, entry))];
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

  it('the shipped helper bundle contains neither yargs nor the STS client', () => {
    const bundle = readFileSync(join(projectRoot, 'dist/git-credential-vault.cjs'), 'utf8');
    assert.doesNotMatch(bundle, /yargs/);
    assert.doesNotMatch(bundle, /STSClient/);
    assert.match(bundle, /require\("\.\/sts\.cjs"\)/, 'STS is loaded from its own bundle, on demand');
  });
});
