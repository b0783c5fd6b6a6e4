import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileDirectorySetting } from '../shared/awsVaultVariables.js';

/** VAULT_GIT_FILE_DIR, else aws-vault's AWS_VAULT_FILE_DIR, else ~/.vault-git. */
export function fileVaultDirectory(env: NodeJS.ProcessEnv): string {
  return fileDirectorySetting(env)?.value ?? join(env.HOME || homedir(), '.vault-git');
}
