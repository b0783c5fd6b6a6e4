import type { AwsConfigFile } from '../aws/config/AwsConfigFile.js';
import { suggestProfileKey } from '../aws/config/knownProfileKeys.js';
import { resolveProfile } from '../aws/config/resolveProfile.js';
import { planCredentials } from '../aws/sessions/planCredentials.js';
import type { Finding } from './Finding.js';

/** Every profile in the config must resolve to a plan; keys nothing reads are reported with a did-you-mean. */
export function checkProfiles(config: AwsConfigFile, env: NodeJS.ProcessEnv, storedKeys: ReadonlySet<string> | undefined): Finding[] {
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
      let bottom = profile;
      while (bottom.sourceProfile) bottom = bottom.sourceProfile;
      const keys = storedKeys ?? new Set(bottom.credentialProcess || bottom.ssoSession || bottom.ssoStartUrl ? [] : [bottom.name]);
      // Profiles with nothing to resolve (a bare [default] with just a region) are not errors.
      if (profile.roleArn || profile.sourceProfileName || storedKeys?.has(name)) planCredentials(profile, { storedKeyProfiles: keys });
      healthy++;
    } catch (error) {
      const hint = (error as { hint?: string }).hint;
      findings.push({ check: 'profiles', status: 'problem', message: (error as Error).message, fix: hint });
    }
  }
  findings.push({ check: 'profiles', status: healthy === config.profiles.size ? 'ok' : 'info', message: `${healthy} of ${config.profiles.size} profiles in ${config.path} resolve` });
  return findings;
}
