import type { AwsConfigFile } from '../aws/config/AwsConfigFile.js';
import { suggestProfileKey } from '../aws/config/knownProfileKeys.js';
import { resolveProfile } from '../aws/config/resolveProfile.js';
import { keyHolderOf } from '../aws/sessions/findStoredKeyProfiles.js';
import { planCredentials } from '../aws/sessions/planCredentials.js';
import type { Finding } from './Finding.js';

/** Every profile in the config must resolve to a plan; keys nothing reads are reported with a did-you-mean. */
export function checkProfiles(config: AwsConfigFile, env: NodeJS.ProcessEnv): Finding[] {
  const findings: Finding[] = [];
  if (!config.exists) return [{ check: 'profiles', status: 'info', message: `no AWS config file at ${config.path}` }];
  let healthy = 0;
  for (const name of config.profiles.keys()) {
    try {
      const profile = resolveProfile(name, { config, env });
      for (const key of profile.unknownKeys) {
        const suggestion = suggestProfileKey(key);
        findings.push({
          check: 'profiles',
          status: 'problem',
          message: `profile ${name}: ${key} is not a key any AWS tool reads${suggestion ? `; did you mean ${suggestion}?` : ''}`,
          fix: suggestion ? `rename ${key} to ${suggestion} in ${config.path}` : `remove ${key} from [profile ${name}]`,
        });
      }
      // Planned as the helper plans it, assuming the key sits with the key holder. Profiles with nothing to
      // plan (a bare [default] with just a region) are not errors.
      const holder = keyHolderOf(profile);
      if (profile.roleArn || profile.sourceProfileName) planCredentials(profile, { storedKeyProfiles: new Set(holder.servedOtherwise ? [] : [holder.name]) });
      healthy++;
    } catch (error) {
      const hint = (error as { hint?: string }).hint;
      findings.push({ check: 'profiles', status: 'problem', message: (error as Error).message, fix: hint });
    }
  }
  findings.push({ check: 'profiles', status: healthy === config.profiles.size ? 'ok' : 'info', message: `${healthy} of ${config.profiles.size} profiles in ${config.path} resolve` });
  return findings;
}
