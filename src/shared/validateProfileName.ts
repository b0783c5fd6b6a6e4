import { UsageError } from './errors.js';

/**
 * Profile names end up in config section headers, keychain items and git helper lines, so we accept the
 * characters AWS tools use in practice and nothing that could break out of any of those.
 */
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,63}$/;

export function isValidProfileName(name: string): boolean {
  return PROFILE_NAME.test(name);
}

export function assertValidProfileName(name: string): void {
  if (!isValidProfileName(name)) {
    throw new UsageError(
      `${JSON.stringify(name.slice(0, 80))} is not a usable profile name: use letters, digits and . _ - + @ (at most 64, starting with a letter or digit)`,
    );
  }
}
