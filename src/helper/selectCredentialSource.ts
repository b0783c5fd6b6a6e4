import type { CredentialSource } from '../credentials/CredentialSource.js';
import { EnvironmentCredentialSource } from '../credentials/EnvironmentCredentialSource.js';
import { readEnvironmentCredentials } from '../credentials/readEnvironmentCredentials.js';
import { environmentForProfile } from '../credentials/environmentForProfile.js';
import { assertValidProfileName } from '../shared/validateProfileName.js';
import { writeAll } from '../shared/writeAll.js';
import type { HelperArguments } from './parseHelperArguments.js';

/**
 * Which credentials answer: the profile named with --profile; otherwise the order every AWS SDK uses:
 * credentials in the environment (as inside `vault-git exec` or `aws-vault exec`), then AWS_PROFILE's
 * sessions, then `default`'s.
 */
export async function selectCredentialSource(args: HelperArguments, env: NodeJS.ProcessEnv): Promise<CredentialSource> {
  const log = args.debug || env.VAULT_GIT_DEBUG === '1' ? (line: string) => void writeAll(2, `vault-git: debug: ${line}\n`) : undefined;
  if (!args.profile && readEnvironmentCredentials(env)) return new EnvironmentCredentialSource(env);
  const profile = args.profile ?? (env.AWS_PROFILE || 'default');
  assertValidProfileName(profile);
  // Loaded only here: the environment path above needs none of the config, vault or session code.
  const { ProfileCredentialSource } = await import('../credentials/ProfileCredentialSource.js');
  return new ProfileCredentialSource(profile, environmentForProfile(env, profile), () => new Date(), log);
}
