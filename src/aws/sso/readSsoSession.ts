import type { AwsConfigFile } from '../config/AwsConfigFile.js';
import { ConfigFileError } from '../config/ConfigFileError.js';
import { DEFAULT_SSO_SCOPES, type SsoSessionConfig } from './SsoSessionConfig.js';

/** A region name, as it goes into an endpoint host name: eu-west-1, us-gov-west-1. */
export const REGION_NAME = /^[a-z]{2,}(-[a-z]+)*-\d{1,2}$/;
const SESSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,63}$/;

/** The start URL as the device flow will send it, refused unless it is plain https (no user info). */
function checkStartUrl(value: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigFileError(`sso_start_url = ${value.slice(0, 200)} in ${where} is not a URL`, { hint: 'copy the AWS access portal URL, for example https://my-org.awsapps.com/start' });
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') {
    throw new ConfigFileError(`sso_start_url in ${where} must be an https:// URL without a user name, not ${url.protocol}//${url.host}`, {
      hint: 'copy the AWS access portal URL, for example https://my-org.awsapps.com/start',
    });
  }
  return value;
}

function checkRegion(value: string | undefined, where: string): string {
  if (value === undefined || value === '') throw new ConfigFileError(`${where} has no sso_region`, { hint: 'add sso_region = the region of your IAM Identity Center instance' });
  if (!REGION_NAME.test(value)) throw new ConfigFileError(`sso_region = ${value.slice(0, 80)} in ${where} is not an AWS region name`);
  return value;
}

function parseScopes(value: string | undefined): readonly string[] {
  if (value === undefined || value.trim() === '') return DEFAULT_SSO_SCOPES;
  return value.split(',').map((scope) => scope.trim()).filter((scope) => scope !== '');
}

/** A `[sso-session NAME]` section, checked. */
export function readNamedSsoSession(name: string, config: AwsConfigFile, usedBy?: string): SsoSessionConfig {
  if (!SESSION_NAME.test(name)) throw new ConfigFileError(`${JSON.stringify(name.slice(0, 80))} is not a usable sso-session name`);
  const section = config.ssoSessions.get(name);
  if (!section) {
    const known = [...config.ssoSessions.keys()];
    throw new ConfigFileError(`${usedBy ? `profile ${usedBy} names sso_session = ${name}, but ` : ''}${config.path} has no [sso-session ${name}] section`, {
      hint: known.length > 0 ? `known sso-sessions: ${known.join(', ')}` : 'add one with sso_start_url and sso_region (see docs/sso.md)',
    });
  }
  const where = `[sso-session ${name}] of ${config.path}`;
  if (!section.sso_start_url) throw new ConfigFileError(`${where} has no sso_start_url`, { hint: 'add sso_start_url = your AWS access portal URL' });
  return {
    id: name,
    name,
    startUrl: checkStartUrl(section.sso_start_url, where),
    region: checkRegion(section.sso_region, where),
    scopes: parseScopes(section.sso_registration_scopes),
    endpointUrl: section.endpoint_url || undefined,
  };
}

/**
 * The sign-in a profile uses, as the AWS CLI reads it: its sso_session's section, or the legacy
 * sso_start_url/sso_region of the profile. A profile that has both must agree with its session, or it is
 * refused (the CLI refuses it too), rather than signing in somewhere the user did not mean.
 */
export function readProfileSsoSession(profile: string, file: (key: string) => string | undefined, config: AwsConfigFile): SsoSessionConfig | undefined {
  const sessionName = file('sso_session');
  const startUrl = file('sso_start_url');
  if (sessionName !== undefined) {
    const session = readNamedSsoSession(sessionName, config, profile);
    const region = file('sso_region');
    if ((startUrl !== undefined && startUrl !== session.startUrl) || (region !== undefined && region !== session.region)) {
      throw new ConfigFileError(`profile ${profile} has sso_session = ${sessionName} and its own sso_start_url/sso_region, which disagree with [sso-session ${sessionName}]`, {
        hint: 'remove sso_start_url and sso_region from the profile; the sso-session section names them',
      });
    }
    return session;
  }
  if (startUrl === undefined) return undefined;
  const where = `profile ${profile} of ${config.path}`;
  return {
    id: checkStartUrl(startUrl, where),
    startUrl,
    region: checkRegion(file('sso_region'), where),
    scopes: parseScopes(file('sso_registration_scopes')),
    // As in the AWS SDKs, a profile's endpoint_url serves every service the profile talks to.
    endpointUrl: file('endpoint_url'),
  };
}
