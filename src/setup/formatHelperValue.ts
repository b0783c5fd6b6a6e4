import { UsageError } from '../shared/errors.js';
import { shellQuote } from '../shared/shellQuote.js';
import { isValidProfileName } from '../shared/validateProfileName.js';

/**
 * The `credential.helper` value setup writes: the helper's absolute path (no PATH lookup, no extra git
 * process) and the profile. The profile is validated to a safe alphabet and the path is shell-quoted, so
 * nothing a user types can add a command to the line git runs through the shell.
 */
export function formatHelperValue(helperPath: string, profile: string): string {
  if (!isValidProfileName(profile)) throw new UsageError(`${JSON.stringify(profile.slice(0, 80))} is not a usable profile name`);
  if (/[\n\r\0]/.test(helperPath)) throw new UsageError('the path of git-credential-vault contains a line break');
  return `!${shellQuote(helperPath)} --profile ${profile}`;
}

/** A value as written in a gitconfig file: always double-quoted, so `;` and `#` are not comments. */
export function formatGitConfigValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The profile a helper line of ours names, if it is one of ours. */
export function profileOfHelper(value: string): string | undefined {
  return /(?:git-credential-vault|vault-git'?\s+credential|^vault)\S*'?\s+(?:.*\s)?--profile(?:=|\s+)([A-Za-z0-9][A-Za-z0-9_.@+-]*)/.exec(value)?.[1];
}
