import { VaultGitError } from '../shared/errors.js';

export class NoCredentialsError extends VaultGitError {}
