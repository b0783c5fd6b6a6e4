/** Helpers that keep what git hands them on `store`, and so can replay a CodeCommit password after it expired. */
const STORAGE_HELPERS = new Set(['store', 'cache', 'osxkeychain', 'libsecret', 'wincred', 'manager', 'manager-core', 'gnome-keyring', 'netrc']);

/** True for our own helper in any of its spellings; it is never asked to erase (no recursion). */
export function isVaultHelper(value: string): boolean {
  return /(^|[/'"\s!])(git-credential-vault|vault-git['"]?\s+credential)\b/.test(value) || /^vault(\s|$)/.test(value.trim());
}

/** The storage helper a configured value runs ("store", "osxkeychain", …), or undefined for anything else. */
export function storageHelperName(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || isVaultHelper(trimmed)) return undefined;
  const first = trimmed.startsWith('!') ? trimmed.slice(1).trim().split(/\s+/).slice(0, 2).join(' ') : trimmed.split(/\s+/)[0]!;
  const fromGit = /^git\s+credential-([\w-]+)$/.exec(first)?.[1];
  const fromPath = /(?:^|\/)git-credential-([\w-]+)(?:\.exe)?$/.exec(first.split(' ')[0]!)?.[1];
  const name = fromGit ?? fromPath ?? (trimmed.startsWith('!') || first.includes('/') ? undefined : first);
  return name && STORAGE_HELPERS.has(name) ? name : undefined;
}

/** The shell command git itself would run for this helper and operation (git's own three forms). */
export function helperCommand(value: string, operation: 'get' | 'erase'): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('!')) return `${trimmed.slice(1)} ${operation}`;
  if (trimmed.startsWith('/') || /^[A-Za-z]:[\\/]/.test(trimmed)) return `${trimmed} ${operation}`;
  return `git credential-${trimmed} ${operation}`;
}
