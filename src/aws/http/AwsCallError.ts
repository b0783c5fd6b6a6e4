import { VaultGitError } from '../../shared/errors.js';

/** A failed AWS call, with the service's error code (ExpiredToken, UnauthorizedException, …) for callers to act on. */
export class AwsCallError extends VaultGitError {
  constructor(
    message: string,
    readonly code: string | undefined,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
