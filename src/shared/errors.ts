/**
 * Every failure we expect carries a one-sentence message for the user, an optional hint (the command to
 * run next) and an exit code. Only the two entry points (helper/main, cli/main) turn these into output.
 */
// The STS code lives in its own bundle with its own copy of this class, so `instanceof` cannot recognise
// an error thrown there; a registered symbol marks every VaultGitError whichever bundle made it.
const MARK = Symbol.for('vault-git.error');

export class VaultGitError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: number;
  readonly [MARK] = true;

  constructor(message: string, options: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** A command line the user typed that we cannot act on. Exit code 2, as for any usage error. */
export class UsageError extends VaultGitError {
  constructor(message: string, hint?: string) {
    super(message, { hint, exitCode: 2 });
  }
}

export function isVaultGitError(value: unknown): value is VaultGitError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARK] === true;
}
