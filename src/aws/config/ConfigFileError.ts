import { VaultGitError } from '../../shared/errors.js';

export class ConfigFileError extends VaultGitError {}
