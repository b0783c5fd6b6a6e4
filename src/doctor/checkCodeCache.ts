import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeCacheFile, compileBundle, HELPER_BUNDLE, HOT_BUNDLE, readCodeCache, type CachedBundle } from '../hot/bundleCodeCache.js';
import type { Finding } from './Finding.js';

type Fit = 'fits' | 'missing' | 'rejected';

function fitOf(dir: string, bundle: CachedBundle): Fit {
  const cache = readCodeCache(dir, bundle);
  if (cache === undefined) return 'missing';
  // Compiling is all it takes to know: V8 says at once whether it took the cache. Nothing is run.
  return compileBundle(dir, bundle, readFileSync(join(dir, bundle.file), 'utf8'), cache).cacheRejected ? 'rejected' : 'fits';
}

/**
 * Whether the credential helper's V8 code caches (its hot path's, and the full helper's for hand-overs) fit
 * the Node running now. Without them the helper works the same, a few milliseconds slower on every git
 * request: after a Node upgrade, or an install that ran no scripts (npm --ignore-scripts).
 */
export function checkCodeCache(dir: string | undefined = typeof __dirname === 'string' ? __dirname : undefined): Finding[] {
  const names = [codeCacheFile(HOT_BUNDLE), codeCacheFile(HELPER_BUNDLE)];
  if (dir === undefined || names.includes(undefined)) return [{ check: 'code-cache', status: 'skipped', message: 'not a built copy of vault-git (no dist/ bundles)' }];
  const fix = `node ${join(dir, 'code-cache.cjs')}`;
  const bundles = [HOT_BUNDLE, HELPER_BUNDLE];
  const fits = bundles.map((bundle) => fitOf(dir, bundle));
  const missing = bundles.filter((_, index) => fits[index] === 'missing').map((bundle) => join(dir, codeCacheFile(bundle)!));
  if (missing.length > 0) {
    return [{ check: 'code-cache', status: 'info', message: `the credential helper has no usable code cache for Node ${process.version} (${missing.join(' and ')}: missing or damaged): it works, a few milliseconds slower per git request`, fix }];
  }
  if (fits.includes('rejected')) {
    return [{ check: 'code-cache', status: 'info', message: `the credential helper's code caches were made by another Node or with other flags; Node ${process.version} ignores them (a few milliseconds per git request)`, fix }];
  }
  return [{ check: 'code-cache', status: 'ok', message: `the credential helper's code caches fit Node ${process.version}` }];
}
