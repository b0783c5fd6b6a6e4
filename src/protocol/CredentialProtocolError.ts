import { VaultGitError } from '../shared/errors.js';

/** Input on the helper's stdin that is not a git credential record we can trust. */
export class CredentialProtocolError extends VaultGitError {}
