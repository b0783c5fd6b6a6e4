// Builds what runs: one CommonJS bundle per entry in dist/ (esbuild), and with --with-tests the
// type-checked ESM output of src/, test/ and scripts/ in build/ (tsc) that the test runner loads.
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
  ['src/entries/gitRemoteCodeCommit.ts', 'git-remote-codecommit.cjs'],
  ['src/cli/main.ts', 'cli.cjs'],
  ['src/cli/completion/runComplete.ts', 'complete.cjs'],
  ['src/aws/sts/stsCalls.ts', 'sts.cjs'],
  ['src/aws/sso/ssoCalls.ts', 'sso.cjs'],
  ['src/aws/iam/iamCalls.ts', 'iam.cjs'],
  ['src/vault/keychain/keychainWorker.ts', 'keychain-worker.cjs'],
  ['src/entries/writeCodeCache.ts', 'code-cache.cjs'],
  ['src/hot/sealHotRecord.ts', 'hot-seal.cjs'],
];

function lazyBoundaryPlugin(entryFile) {
  return {
    name: 'lazy-boundaries',
    setup(builder) {
      builder.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
        const bundle = lazyBoundaries.get(target);
        if (bundle && target !== entryFile) return { path: `./${bundle}`, external: true };
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

export async function bundle({ outdir = join(root, 'dist'), plugins = [] } = {}) {
  const digests = {};
  for (const [entry, outfile] of entries) {
    const entryFile = join(root, entry);
    await build({
      entryPoints: [entryFile],
      outfile: join(outdir, outfile),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      // ESM builds of the AWS packages tree-shake far better than their CommonJS builds.
      mainFields: ['module', 'main'],
      external: ['@napi-rs/keyring'],
      // ESM-only dependencies (yargs) read import.meta.url, which a CommonJS bundle must supply itself;
      // and dynamic import() of the lazy bundles becomes require(), skipping the ESM loader's start-up cost.
      define: { 'import.meta.url': '__vaultGitImportMetaUrl', __VAULT_GIT_VERSION__: JSON.stringify(version), ...digests },
      banner: { js: "const __vaultGitImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      supported: { 'dynamic-import': false },
      plugins: [...plugins, lazyBoundaryPlugin(entryFile)],
      logLevel: 'warning',
      legalComments: 'none',
      // Less to parse at every start; identifiers stay, so --debug stacks remain readable, except in the
      // helper's hot path, which never prints a stack (--debug goes to the full path) and is compiled on
      // every git request.
      minifyWhitespace: true,
      minifySyntax: true,
      minifyIdentifiers: hotBundles.has(outfile),
    });
    // The banner loads node:url; a bundle that never reads import.meta.url (the helper's hot path) is
    // better off without it.
    const file = join(outdir, outfile);
    const text = readFileSync(file, 'utf8');
    const [banner, ...rest] = text.split('\n');
    if (!rest.join('\n').includes('__vaultGitImportMetaUrl')) writeFileSync(file, rest.join('\n'));
    else if (!banner.includes('__vaultGitImportMetaUrl')) throw new Error(`${outfile}: the import.meta.url banner is missing`);
    if (cachedBundles.has(outfile)) digests[cachedBundles.get(outfile)] = JSON.stringify(createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16));
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
