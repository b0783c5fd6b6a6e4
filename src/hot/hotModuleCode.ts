import { lstatSync } from 'node:fs';
import { Script } from 'node:vm';
import { readRegularFile } from '../shared/readRegularFile.js';

declare const __VAULT_GIT_HOT_DIGEST__: string | undefined;

/** The hot path's own bundle, beside the entry bundles in dist/. */
export const HOT_MODULE_FILE = 'hot-get.cjs';

/**
 * Its V8 code cache: compiled code for the functions a `get` runs, made on this machine by this Node
 * (writeHotCodeCache.ts). Named after the bundle's SHA-256, which the build writes into every bundle that
 * reads it: V8 checks a cache only against its Node version, flags and the source's length, so a cache
 * left over from another build of the same length would otherwise run that build's code.
 */
export function hotCodeCacheFile(): string | undefined {
  return typeof __VAULT_GIT_HOT_DIGEST__ === 'string' ? `hot-get.${__VAULT_GIT_HOT_DIGEST__}.v8cache` : undefined;
}

/** A code cache is tens of kilobytes; anything far larger is not one. */
const MAX_CODE_CACHE_BYTES = 4 * 1024 * 1024;
const MAGIC = 0x31434756; // "VGC1"
const HEADER_BYTES = 8;

/**
 * The file as written: magic, V8's length, then V8's data twice. V8 in a release build does not verify a
 * code cache's checksum: one flipped byte makes it abort the process with a native stack trace. The
 * second copy lets the reader catch damage with one native comparison, where any checksum computed in
 * JavaScript over the cache costs more than the cache saves (node:zlib's crc32 alone costs as much to load).
 * It is for damage, not for an attacker: whoever can write the cache can rewrite hot-get.cjs just as well.
 */
export function sealCodeCache(data: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data, data]);
}

/** V8's data when the file is whole (both copies alike), else undefined. */
export function openCodeCache(file: Buffer): Buffer | undefined {
  if (file.length < HEADER_BYTES || file.readUInt32LE(0) !== MAGIC) return undefined;
  const length = file.readUInt32LE(4);
  if (file.length !== HEADER_BYTES + 2 * length) return undefined;
  const data = file.subarray(HEADER_BYTES, HEADER_BYTES + length);
  return data.equals(file.subarray(HEADER_BYTES + length)) ? data : undefined;
}

/**
 * The cache, or undefined when there is none (never made, another build), it is not a plain file, or it is
 * damaged: asked first, so the common miss costs no exception, and never read from a FIFO or device, which
 * could block git.
 */
export function readHotCodeCache(dir: string): Buffer | undefined {
  const name = hotCodeCacheFile();
  if (name === undefined || lstatSync(`${dir}/${name}`, { throwIfNoEntry: false }) === undefined) return undefined;
  try {
    // A link is followed like the bundles beside it (stow-style installs); a FIFO or device is refused.
    return openCodeCache(readRegularFile(`${dir}/${name}`, { maxBytes: MAX_CODE_CACHE_BYTES }));
  } catch {
    return undefined;
  }
}

/** What hot-get.cjs exports (a type only: nothing of runHotGet.ts is loaded by importing this module). */
export type HotModule = Pick<typeof import('./runHotGet.js'), 'runHotGet' | 'warmHotPath'>;

export interface CompiledHotModule {
  readonly script: Script;
  /** True when V8 did not take the cache offered (another Node, other flags): the code compiles as usual. */
  readonly cacheRejected: boolean;
  run(requireFrom: NodeJS.Require): HotModule;
}

/**
 * Compiles hot-get.cjs as Node's CommonJS loader would (the same wrapper), but through vm.Script, which
 * takes a code cache: the loader offers none, and compiling the bundle's functions on first call is most of
 * what the hot path costs beyond Node's own start. The writer of the cache and every reader compile the
 * very same text, or V8 would refuse the cache.
 */
export function compileHotModule(dir: string, source: string, cachedData?: Buffer): CompiledHotModule {
  const filename = `${dir}/${HOT_MODULE_FILE}`;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename, cachedData });
  return {
    script,
    cacheRejected: cachedData !== undefined && script.cachedDataRejected === true,
    run(requireFrom) {
      const module = { exports: {} as HotModule };
      (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireFrom, module, filename, dir);
      return module.exports;
    },
  };
}
