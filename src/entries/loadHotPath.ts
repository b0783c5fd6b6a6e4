import { readFileSync, writeSync } from 'node:fs';
import { compileHotModule, HOT_MODULE_FILE, readHotCodeCache, type HotModule } from '../hot/hotModuleCode.js';

/**
 * The hot path of the credential helper, for `git-credential-vault` and `vault-git credential`: dist/hot-get.cjs
 * compiled with its V8 code cache when there is one. Any trouble with the cache costs only speed: V8 compiles
 * the code itself, and should even that fail, Node's loader loads the bundle. Without the bundle (a broken
 * install) one line says so, and git is told no (exit 1), never a stack trace on its terminal.
 */
export function loadHotPath(dir: string, requireFrom: NodeJS.Require): HotModule {
  try {
    const source = readFileSync(`${dir}/${HOT_MODULE_FILE}`, 'utf8');
    return compileHotModule(dir, source, readHotCodeCache(dir)).run(requireFrom);
  } catch {
    try {
      return requireFrom('./hot-get.cjs') as HotModule;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      writeSync(2, `vault-git: cannot load ${dir}/${HOT_MODULE_FILE} (${code}): this installation is incomplete; install vault-git again\n`);
      process.exit(1);
    }
  }
}
