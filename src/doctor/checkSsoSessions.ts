import type { AwsConfigFile } from '../aws/config/AwsConfigFile.js';
import { resolveProfile } from '../aws/config/resolveProfile.js';
import { describeSsoSession, ssoLoginCommand, type SsoSessionConfig } from '../aws/sso/SsoSessionConfig.js';
import { SsoTokenStore } from '../aws/sso/SsoTokenStore.js';
import { formatTimeLeft } from '../shared/formatTimeLeft.js';
import { isValidProfileName } from '../shared/validateProfileName.js';
import type { Backend } from '../vault/Backend.js';
import type { Finding } from './Finding.js';

/**
 * Each IAM Identity Center sign-in the config's profiles use: signed in, renewable by the helper, or gone
 * (then git would get quit=1 with the same command this names as the fix).
 */
export async function checkSsoSessions(config: AwsConfigFile, backend: Backend, env: NodeJS.ProcessEnv, now: Date): Promise<Finding[]> {
  const used = new Map<string, { session: SsoSessionConfig; profile: string }>();
  for (const name of config.profiles.keys()) {
    if (!isValidProfileName(name)) continue;
    try {
      const sso = resolveProfile(name, { config, env }).sso;
      if (sso && !used.has(sso.id)) used.set(sso.id, { session: sso, profile: name });
    } catch {
      // checkProfiles reports profiles that do not resolve.
    }
  }
  const store = new SsoTokenStore(backend, env);
  const findings: Finding[] = [];
  const nowSeconds = Math.floor(now.getTime() / 1000);
  for (const { session, profile } of used.values()) {
    const token = await store.read(session);
    const fix = ssoLoginCommand(session, profile);
    const what = describeSsoSession(session);
    if (!token) {
      findings.push({ check: 'sso', status: 'problem', message: `${what}: not signed in; git pushes through its profiles get quit=1`, fix });
    } else if (token.accessToken && token.accessTokenExpiresAt! > nowSeconds) {
      findings.push({ check: 'sso', status: 'ok', message: `${what}: signed in, access token good for ${formatTimeLeft(token.accessTokenExpiresAt!, now)}${token.refreshToken ? ', then renewed silently' : ''}` });
    } else if (token.refreshToken && token.registrationExpiresAt > nowSeconds) {
      findings.push({ check: 'sso', status: 'ok', message: `${what}: the access token has run out; the refresh token renews it at the next use` });
    } else {
      findings.push({ check: 'sso', status: 'problem', message: `${what}: the sign-in has expired or was signed out`, fix });
    }
  }
  return findings;
}
