import { readFileSync } from 'node:fs';
import { compileHotModule, HOT_MODULE_FILE, readHotCodeCache, type HotModule } from '../hot/hotModuleCode.js';

/**
 * The hot path of the credential helper, for `git-credential-vault` and `vault-git credential`: dist/hot-get.cjs
 * compiled with its V8 code cache when there is one. Any trouble with the cache costs only speed: V8 compiles
 * the code itself, and should even that fail, Node's loader loads the bundle.
 */
export function loadHotPath(dir: string, requireFrom: NodeJS.Require): HotModule {
  try {
    const source = readFileSync(`${dir}/${HOT_MODULE_FILE}`, 'utf8');
    return compileHotModule(dir, source, readHotCodeCache(dir)).run(requireFrom);
  } catch {
    return requireFrom('./hot-get.cjs') as HotModule;
  }
}
