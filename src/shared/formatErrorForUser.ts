import { isVaultGitError } from './errors.js';
import { redact } from './redact.js';

/**
 * Turns any thrown value into the lines printed on stderr: `vault-git: <message>` plus the hint, with no
 * stack unless debugging. Unknown errors are bugs; they say so instead of pretending to be user errors.
 */
export function formatErrorForUser(error: unknown, debug: boolean): string[] {
  const lines: string[] = [];
  if (isVaultGitError(error)) {
    lines.push(`vault-git: ${oneLine(error.message)}`);
    if (error.hint) lines.push(`vault-git: hint: ${oneLine(error.hint)}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    lines.push(`vault-git: internal error: ${oneLine(message)} (please report it; VAULT_GIT_DEBUG=1 shows details)`);
  }
  if (debug && error instanceof Error && error.stack) {
    lines.push(...redact(error.stack).split('\n').map((line) => `vault-git: debug: ${line}`));
  }
  return lines;
}

function oneLine(text: string): string {
  return redact(text).replace(/[\r\n]+/g, ' ').slice(0, 2000);
}
