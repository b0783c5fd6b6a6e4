import { VaultGitError } from '../shared/errors.js';

/**
 * `exec` and `export` inside a `vault-git exec` (or `aws-vault exec`) shell would stack one profile's
 * credentials on another's; refuse unless the same profile is asked for. The credential helper has no such
 * guard: inside exec it simply uses the environment's credentials.
 */
export function assertNotNested(command: string, profile: string, env: NodeJS.ProcessEnv): void {
  const current = env.AWS_VAULT;
  if (current && current !== profile) {
    throw new VaultGitError(`${command}: already inside an exec shell for profile ${current} (AWS_VAULT is set); not stacking ${profile} on it`, {
      hint: "'exit' from that shell first, or unset AWS_VAULT to force it",
    });
  }
}
