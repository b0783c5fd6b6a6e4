// Builds what runs: one CommonJS bundle per entry in dist/ (esbuild), and with --with-tests the
// type-checked ESM output of src/, test/ and scripts/ in build/ (tsc) that the test runner loads.
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// Modules that must never be inlined into another bundle: importing one loads its own file at run time,
// which keeps the credential helper free of yargs and of the AWS SDK until a command or refresh needs them.
const lazyBoundaries = new Map([
  [join(root, 'src/cli/main.ts'), 'cli.cjs'],
  [join(root, 'src/cli/completion/runComplete.ts'), 'complete.cjs'],
  [join(root, 'src/aws/sts/stsCalls.ts'), 'sts.cjs'],
  [join(root, 'src/aws/sso/ssoCalls.ts'), 'sso.cjs'],
  [join(root, 'src/aws/iam/iamCalls.ts'), 'iam.cjs'],
  // The helper's fast path (node:fs only) and, behind it, the full helper.
  [join(root, 'src/hot/runHotGet.ts'), 'hot-get.cjs'],
  [join(root, 'src/helper/main.ts'), 'helper.cjs'],
  [join(root, 'src/hot/sealHotRecord.ts'), 'hot-seal.cjs'],
]);

// helper.cjs, then hot-get.cjs first: the bundles that load them with a code cache carry their digests
// (see src/hot/bundleCodeCache.ts).
const entries = [
  ['src/helper/main.ts', 'helper.cjs'],
  ['src/hot/runHotGet.ts', 'hot-get.cjs'],
  ['src/entries/gitCredentialVault.ts', 'git-credential-vault.cjs'],
  ['src/entries/vaultGit.ts', 'vault-git.cjs'],
  ['src/cli/main.ts', 'cli.cjs'],
  ['src/cli/completion/runComplete.ts', 'complete.cjs'],
  ['src/aws/sts/stsCalls.ts', 'sts.cjs'],
  ['src/aws/sso/ssoCalls.ts', 'sso.cjs'],
  ['src/aws/iam/iamCalls.ts', 'iam.cjs'],
  ['src/vault/keychain/keychainWorker.ts', 'keychain-worker.cjs'],
  ['src/entries/writeCodeCache.ts', 'code-cache.cjs'],
  ['src/hot/sealHotRecord.ts', 'hot-seal.cjs'],
];

// The commands' entries again, as the files in bin/ that git and the shell start (see src/entries/distDirectory.ts).
// git-remote-codecommit is built only there: nothing runs a dist/ copy of it.
const binEntries = [
  ['src/entries/gitCredentialVault.ts', 'git-credential-vault'],
  ['src/entries/vaultGit.ts', 'vault-git'],
  ['src/entries/gitRemoteCodeCommit.ts', 'git-remote-codecommit'],
];

/** `fromBin`: the bundle is written to bin/, so a lazy bundle is `../dist/<name>` from it. */
function lazyBoundaryPlugin(entryFile, { fromBin = false } = {}) {
  return {
    name: 'lazy-boundaries',
    setup(builder) {
      builder.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
        const bundle = lazyBoundaries.get(target);
        if (bundle && target !== entryFile) return { path: fromBin ? `../dist/${bundle}` : `./${bundle}`, external: true };
        return undefined;
      });
    },
  };
}

const hotBundles = new Set(['git-credential-vault.cjs', 'vault-git.cjs', 'hot-get.cjs']);
// The bundles compiled with a code cache, and the define that carries each one's digest.
const cachedBundles = new Map([
  ['hot-get.cjs', '__VAULT_GIT_HOT_DIGEST__'],
  ['helper.cjs', '__VAULT_GIT_HELPER_DIGEST__'],
]);

/** What every bundle is built with; each caller adds where it goes, its defines and its banner. */
function bundleOptions(entryFile, outfile, { plugins = [], fromBin = false } = {}) {
  return {
    entryPoints: [entryFile],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // ESM builds of the AWS packages tree-shake far better than their CommonJS builds.
    mainFields: ['module', 'main'],
    external: ['@napi-rs/keyring'],
    // Dynamic import() of the lazy bundles becomes require(), skipping the ESM loader's start-up cost.
    supported: { 'dynamic-import': false },
    plugins: [...plugins, lazyBoundaryPlugin(entryFile, { fromBin })],
    logLevel: 'warning',
    legalComments: 'none',
    // Less to parse at every start; identifiers stay, so --debug stacks remain readable, except in the
    // helper's hot path, which never prints a stack (--debug goes to the full path) and is compiled on
    // every git request.
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: hotBundles.has(outfile.endsWith('.cjs') ? basename(outfile) : `${basename(outfile)}.cjs`),
  };
}

export async function bundle({ outdir = join(root, 'dist'), binDir = outdir === join(root, 'dist') ? join(root, 'bin') : undefined, plugins = [] } = {}) {
  const digests = {};
  for (const [entry, outfile] of entries) {
    const file = join(outdir, outfile);
    await build({
      ...bundleOptions(join(root, entry), file, { plugins }),
      // ESM-only dependencies (yargs) read import.meta.url, which a CommonJS bundle must supply itself.
      define: { 'import.meta.url': '__vaultGitImportMetaUrl', __VAULT_GIT_VERSION__: JSON.stringify(version), ...digests },
      banner: { js: "const __vaultGitImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    });
    // The banner loads node:url; a bundle that never reads import.meta.url (the helper's hot path) is
    // better off without it.
    const text = readFileSync(file, 'utf8');
    const [banner, ...rest] = text.split('\n');
    if (!rest.join('\n').includes('__vaultGitImportMetaUrl')) writeFileSync(file, rest.join('\n'));
    else if (!banner.includes('__vaultGitImportMetaUrl')) throw new Error(`${outfile}: the import.meta.url banner is missing`);
    if (cachedBundles.has(outfile)) digests[cachedBundles.get(outfile)] = JSON.stringify(createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16));
  }
  for (const [entry, name] of binDir ? binEntries : []) {
    const file = join(binDir, name);
    await build({
      ...bundleOptions(join(root, entry), file, { fromBin: true }),
      define: { __VAULT_GIT_VERSION__: JSON.stringify(version), __VAULT_GIT_ENTRY_IN_BIN__: 'true', ...digests },
      banner: { js: '#!/usr/bin/env node' },
    });
    // bin/package.json makes these extensionless files CommonJS; none may need the import.meta.url banner.
    if (readFileSync(file, 'utf8').includes('import.meta')) throw new Error(`bin/${name}: an entry must not read import.meta.url`);
    chmodSync(file, 0o755);
  }
  // The V8 code caches, for the Node that runs this build (npm install makes it again for its own).
  const cache = spawnSync(process.execPath, [join(outdir, 'code-cache.cjs')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (cache.status !== 0) console.warn('build: the code caches were not written; the helper works without them');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundle();
  if (process.argv.includes('--with-tests')) {
    rmSync(join(root, 'build'), { recursive: true, force: true });
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
  }
}
