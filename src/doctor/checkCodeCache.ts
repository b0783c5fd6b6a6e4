import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileHotModule, hotCodeCacheFile, HOT_MODULE_FILE, readHotCodeCache } from '../hot/hotModuleCode.js';
import type { Finding } from './Finding.js';

/**
 * Whether the credential helper's V8 code cache fits the Node running now. Without it the helper works
 * the same, a few milliseconds slower on every git request: after a Node upgrade, or an install that ran
 * no scripts (npm --ignore-scripts).
 */
export function checkCodeCache(dir: string | undefined = typeof __dirname === 'string' ? __dirname : undefined): Finding[] {
  const name = hotCodeCacheFile();
  if (dir === undefined || name === undefined) return [{ check: 'code-cache', status: 'skipped', message: 'not a built copy of vault-git (no dist/ bundles)' }];
  const fix = `node ${join(dir, 'code-cache.cjs')}`;
  const cache = readHotCodeCache(dir);
  if (cache === undefined) {
    return [{ check: 'code-cache', status: 'info', message: `the credential helper has no usable code cache for Node ${process.version} (${join(dir, name)} is missing or damaged): it works, a few milliseconds slower per git request`, fix }];
  }
  const compiled = compileHotModule(dir, readFileSync(join(dir, HOT_MODULE_FILE), 'utf8'), cache);
  if (compiled.cacheRejected) {
    return [{ check: 'code-cache', status: 'info', message: `the credential helper's code cache was made by another Node or with other flags; Node ${process.version} ignores it (a few milliseconds per git request)`, fix }];
  }
  return [{ check: 'code-cache', status: 'ok', message: `the credential helper's code cache fits Node ${process.version}` }];
}
