import { lstatSync } from 'node:fs';
import { Script } from 'node:vm';
import { tryReadRegularFile } from '../shared/readRegularFile.js';

declare const __VAULT_GIT_HOT_DIGEST__: string | undefined;
declare const __VAULT_GIT_HELPER_DIGEST__: string | undefined;

/**
 * A bundle in dist/ that the credential helper compiles itself, with a V8 code cache beside it: the
 * hot path (every `get`) and the full helper (every hand-over from it: a miss, `erase`, `store`, --debug).
 * Each is named with the bundle's SHA-256, which the build writes into the bundles that read it: V8 checks
 * a cache only against its Node version, flags and the source's length, so a cache left over from another
 * build of the same length would otherwise run that build's code.
 */
export interface CachedBundle {
  /** The bundle's file name in dist/. */
  readonly file: string;
  /** Its name without `.cjs`: the caches' names start with it. */
  readonly stem: string;
  /** The first 16 hex digits of its SHA-256; undefined outside a build (tests run the sources). */
  readonly digest: string | undefined;
}

export const HOT_BUNDLE: CachedBundle = { file: 'hot-get.cjs', stem: 'hot-get', digest: typeof __VAULT_GIT_HOT_DIGEST__ === 'string' ? __VAULT_GIT_HOT_DIGEST__ : undefined };
export const HELPER_BUNDLE: CachedBundle = { file: 'helper.cjs', stem: 'helper', digest: typeof __VAULT_GIT_HELPER_DIGEST__ === 'string' ? __VAULT_GIT_HELPER_DIGEST__ : undefined };

/** `hot-get.<digest>.v8cache`: compiled code made on this machine by this Node (writeCodeCaches.ts). */
export function codeCacheFile(bundle: CachedBundle): string | undefined {
  return bundle.digest === undefined ? undefined : `${bundle.stem}.${bundle.digest}.v8cache`;
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
 * It is for damage, not for an attacker: whoever can write the cache can rewrite the bundle just as well.
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
 * A bundle's cache, or undefined when there is none (never made, another build), it is not a plain file, or
 * it is damaged: asked first, so the common miss costs no exception, and never read from a FIFO or device,
 * which could block git.
 */
export function readCodeCache(dir: string, bundle: CachedBundle): Buffer | undefined {
  const name = codeCacheFile(bundle);
  if (name === undefined || lstatSync(`${dir}/${name}`, { throwIfNoEntry: false }) === undefined) return undefined;
  // A link is followed like the bundles beside it (stow-style installs); a FIFO or device is refused.
  const file = tryReadRegularFile(`${dir}/${name}`, { maxBytes: MAX_CODE_CACHE_BYTES });
  return Buffer.isBuffer(file) ? openCodeCache(file) : undefined;
}

/** What hot-get.cjs exports (a type only: nothing of runHotGet.ts is loaded by importing this module). */
export type HotModule = Pick<typeof import('./runHotGet.js'), 'runHotGet' | 'warmHotPath'>;
/** What helper.cjs exports. */
export type HelperModule = Pick<typeof import('../helper/main.js'), 'main' | 'warmFullHelper'>;

export interface CompiledBundle<Exports> {
  readonly script: Script;
  /** True when V8 did not take the cache offered (another Node, other flags): the code compiles as usual. */
  readonly cacheRejected: boolean;
  run(requireFrom: NodeJS.Require): Exports;
}

/**
 * Compiles a bundle as Node's CommonJS loader would (the same wrapper), but through vm.Script, which takes
 * a code cache: the loader offers none, and compiling a bundle's functions is most of what the hot path
 * costs beyond Node's own start, and milliseconds of every hand-over. The writer of a cache and every
 * reader compile the very same text, or V8 would refuse the cache.
 */
export function compileBundle<Exports>(dir: string, bundle: CachedBundle, source: string, cachedData?: Buffer): CompiledBundle<Exports> {
  const filename = `${dir}/${bundle.file}`;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename, cachedData });
  return {
    script,
    cacheRejected: cachedData !== undefined && script.cachedDataRejected === true,
    run(requireFrom) {
      const module = { exports: {} as Exports };
      (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireFrom, module, filename, dir);
      return module.exports;
    },
  };
}
