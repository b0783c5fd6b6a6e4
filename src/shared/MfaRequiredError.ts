import { VaultGitError } from './errors.js';

/** A session needs an MFA code and this process has no way to ask for one (the credential helper). */
export class MfaRequiredError extends VaultGitError {}
