import { readFileSync, writeSync } from 'node:fs';
import { compileBundle, HELPER_BUNDLE, HOT_BUNDLE, readCodeCache, type HelperModule, type HotModule } from '../hot/bundleCodeCache.js';

/** One line for git's terminal, never a stack trace, and exit 1: git is told no. */
function reportBrokenInstall(path: string, error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name ?? 'error';
  writeSync(2, `vault-git: cannot load ${path} (${code}): this installation is incomplete; install vault-git again\n`);
  process.exit(1);
}

/**
 * The hot path of the credential helper, for `git-credential-vault` and `vault-git credential`: dist/hot-get.cjs
 * compiled with its V8 code cache when there is one. Any trouble with the cache costs only speed: V8 compiles
 * the code itself, and should even that fail, Node's loader loads the bundle. Without the bundle (a broken
 * install) one line says so, and git is told no (exit 1), never a stack trace on its terminal.
 */
export function loadHotPath(dir: string, requireFrom: NodeJS.Require): HotModule {
  try {
    const source = readFileSync(`${dir}/${HOT_BUNDLE.file}`, 'utf8');
    return compileBundle<HotModule>(dir, HOT_BUNDLE, source, readCodeCache(dir, HOT_BUNDLE)).run(requireFrom);
  } catch {
    try {
      return requireFrom('./hot-get.cjs') as HotModule;
    } catch (error) {
      reportBrokenInstall(`${dir}/${HOT_BUNDLE.file}`, error);
    }
  }
}

/**
 * The full helper, for the hot path's hand-over: dist/helper.cjs compiled with its code cache the same way.
 * Without the bundle, one line and exit 1, as for the hot path's own.
 */
export function loadFullHelper(dir: string, requireFrom: NodeJS.Require): HelperModule {
  try {
    const source = readFileSync(`${dir}/${HELPER_BUNDLE.file}`, 'utf8');
    return compileBundle<HelperModule>(dir, HELPER_BUNDLE, source, readCodeCache(dir, HELPER_BUNDLE)).run(requireFrom);
  } catch (error) {
    // Missing, unreadable, or not JavaScript (a truncated copy).
    reportBrokenInstall(`${dir}/${HELPER_BUNDLE.file}`, error);
  }
}
