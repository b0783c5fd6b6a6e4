import { externalDataInterceptor, loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import type { AwsConfigFile, RawSection } from './AwsConfigFile.js';
import { ConfigFileError } from './ConfigFileError.js';

function lowerCaseKeys(section: Readonly<Record<string, string | undefined>>): RawSection {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(section)) {
    // Indented sub-sections (`s3 =` followed by nested keys) arrive as dotted keys; no profile key has a dot.
    if (value === undefined || key.includes('.')) continue;
    out[key.toLowerCase()] = value;
  }
  return out;
}

/**
 * Parses config file text with the AWS SDK's own shared-ini loader (@smithy/shared-ini-file-loader), so
 * comments, sub-sections, `[profile X]` vs `[default]` and `[sso-session X]` are read exactly as the SDKs
 * and Terraform read them. The loader swallows its own errors (returning an empty config), so the one
 * input it refuses, a `__proto__` section, is checked here first and reported.
 */
export async function parseAwsConfig(text: string, path: string): Promise<AwsConfigFile> {
  const hostile = /^\s*\[\s*(profile\s+)?__proto__\s*\]/m.exec(text);
  if (hostile) throw new ConfigFileError(`${path} has a section named ${JSON.stringify(hostile[0].trim())}, which no AWS tool accepts`);

  // Hand the text to the loader under a private key so it neither reads the disk again nor caches the path.
  const key = `vault-git:${path}`;
  externalDataInterceptor.interceptFile(key, text);
  externalDataInterceptor.interceptFile(`${key}:credentials`, '');
  const [{ configFile }, ssoData] = await Promise.all([
    loadSharedConfigFiles({ configFilepath: key, filepath: `${key}:credentials`, ignoreCache: true }),
    loadSsoSessionData({ configFilepath: key }),
  ]);
  const profiles = new Map<string, RawSection>();
  for (const [name, section] of Object.entries(configFile)) {
    // The loader keeps other typed sections under "<type>.<name>"; only profiles belong here.
    if (name.startsWith('sso-session.') || name.startsWith('services.')) continue;
    profiles.set(name, lowerCaseKeys(section));
  }
  const ssoSessions = new Map<string, RawSection>();
  for (const [name, section] of Object.entries(ssoData)) ssoSessions.set(name, lowerCaseKeys(section));
  return { path, exists: true, profiles, ssoSessions };
}
