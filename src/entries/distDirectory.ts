declare const __VAULT_GIT_ENTRY_IN_BIN__: boolean | undefined;

/**
 * The build writes each command's entry twice: as dist/<name>.cjs, and as bin/<name>, the file git and the
 * shell start. The bin/ copy is the whole entry rather than a stub that requires the dist one, which cost a
 * second module load (1.6 million instructions) on every git request.
 */
const inBin = typeof __VAULT_GIT_ENTRY_IN_BIN__ === 'boolean' && __VAULT_GIT_ENTRY_IN_BIN__;

/** `dist` beside a `bin` directory, on POSIX paths and Windows ones alike (Node accepts `/` in both). */
export function distBesideBin(binDirectory: string): string {
  return `${binDirectory.slice(0, Math.max(binDirectory.lastIndexOf('/'), binDirectory.lastIndexOf('\\')))}/dist`;
}

/** dist/, where the bundles the entry loads live, from the entry's own directory (Node resolves links). */
export function distDirectory(entryDirectory: string): string {
  return inBin ? distBesideBin(entryDirectory) : entryDirectory;
}

/**
 * A require for the bundles compiled from dist/: their own relative requires (`./hot-seal.cjs`, `./sts.cjs`)
 * name files in dist/, which the bin/ entry's require would look for beside itself.
 */
export function requireFromDist(dist: string, entryRequire: NodeJS.Require): NodeJS.Require {
  if (!inBin) return entryRequire;
  return ((id: string) => entryRequire(id.startsWith('./') ? `${dist}/${id.slice(2)}` : id)) as NodeJS.Require;
}
