import { filePassphraseSetting } from '../shared/awsVaultVariables.js';
import { VaultGitError } from '../shared/errors.js';
import type { PassphraseSource } from './file/FileBackend.js';

export class PassphraseRequiredError extends VaultGitError {}

/**
 * VAULT_GIT_FILE_PASSPHRASE (else aws-vault's AWS_VAULT_FILE_PASSPHRASE) when set; otherwise the interactive prompt the caller supplies (the CLI asks on
 * the terminal), or a clear error where asking is not allowed (the credential helper never prompts).
 */
export function resolvePassphraseSource(env: NodeJS.ProcessEnv, ask?: PassphraseSource): PassphraseSource {
  return async (directory, creating) => {
    const fromEnv = filePassphraseSetting(env);
    if (fromEnv) return fromEnv.value;
    if (ask) return ask(directory, creating);
    throw new PassphraseRequiredError(`the file vault at ${directory} needs its passphrase and this command cannot ask for it`, {
      hint: 'set VAULT_GIT_FILE_PASSPHRASE, or run the vault-git command in a terminal',
    });
  };
}
