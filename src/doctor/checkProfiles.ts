import type { AwsConfigFile } from '../aws/config/AwsConfigFile.js';
import { suggestProfileKey } from '../aws/config/knownProfileKeys.js';
import { CredentialsMissingError } from '../aws/sessions/planCredentials.js';
import { prepareProfile } from '../aws/sessions/prepareProfile.js';
import { MemoryBackend } from '../vault/memory/MemoryBackend.js';
import type { Finding } from './Finding.js';

/**
 * Every profile in the config must prepare (resolve and plan) as the helper would prepare it; keys
 * nothing reads are reported with a did-you-mean. Planned against an empty vault, which makes the plan
 * assume each chain's key sits with its key holder (where `vault-git add` puts it): doctor judges the
 * configuration, not what happens to be stored.
 */
export async function checkProfiles(config: AwsConfigFile, env: NodeJS.ProcessEnv): Promise<Finding[]> {
  const findings: Finding[] = [];
  if (!config.exists) return [{ check: 'profiles', status: 'info', message: `no AWS config file at ${config.path}` }];
  const assumeKeyHolders = new MemoryBackend();
  let healthy = 0;
  for (const name of config.profiles.keys()) {
    try {
      const { resolved } = await prepareProfile({ profile: name }, { env, backend: assumeKeyHolders, config });
      for (const key of resolved.unknownKeys) {
        const suggestion = suggestProfileKey(key);
        findings.push({
          check: 'profiles',
          status: 'problem',
          message: `profile ${name}: ${key} is not a key any AWS tool reads${suggestion ? `; did you mean ${suggestion}?` : ''}`,
          fix: suggestion ? `rename ${key} to ${suggestion} in ${config.path}` : `remove ${key} from [profile ${name}]`,
        });
      }
      healthy++;
    } catch (error) {
      // A profile without a role or a source has nothing to plan here (a bare [default]).
      const section = config.profiles.get(name) ?? {};
      if (error instanceof CredentialsMissingError && !section.role_arn && !section.source_profile) {
        healthy++;
        continue;
      }
      const hint = (error as { hint?: string }).hint;
      findings.push({ check: 'profiles', status: 'problem', message: (error as Error).message, fix: hint });
    }
  }
  findings.push({ check: 'profiles', status: healthy === config.profiles.size ? 'ok' : 'info', message: `${healthy} of ${config.profiles.size} profiles in ${config.path} resolve` });
  return findings;
}
