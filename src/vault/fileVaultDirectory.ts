import { homedir } from 'node:os';
import { join } from 'node:path';

/** VAULT_GIT_FILE_DIR, else ~/.vault-git. */
export function fileVaultDirectory(env: NodeJS.ProcessEnv): string {
  return env.VAULT_GIT_FILE_DIR || join(env.HOME || homedir(), '.vault-git');
}
