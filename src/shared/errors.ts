/**
 * Every failure we expect carries a one-sentence message for the user, an optional hint (the command to
 * run next) and an exit code. Only the two entry points (helper/main, cli/main) turn these into output.
 */
export class VaultGitError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: number;

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
  return value instanceof VaultGitError;
}
