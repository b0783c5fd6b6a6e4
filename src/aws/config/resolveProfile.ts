import type { AwsConfigFile, RawSection } from './AwsConfigFile.js';
import { ConfigFileError } from './ConfigFileError.js';
import { isKnownProfileKey } from './knownProfileKeys.js';
import { parseGoDuration } from './parseGoDuration.js';
import { readProfileSsoSession } from '../sso/readSsoSession.js';
import { parseSessionTags, parseTransitiveTags } from './parseSessionTags.js';
import type { ProfileFlags, ResolvedProfile } from './ResolvedProfile.js';

/**
 * The sections that answer for a profile, most specific first: its own, then its include_profile chain,
 * then [default] (and what [default] includes). aws-vault errors when [default] includes a profile that
 * falls back to [default] again; a section seen before simply ends the chain here instead.
 */
function sectionChain(name: string, config: AwsConfigFile): { chain: RawSection[]; own: number } {
  const chain: RawSection[] = [];
  const visited: string[] = [];
  let current: string | undefined = name;
  while (current !== undefined) {
    if (visited.includes(current)) {
      throw new ConfigFileError(`include_profile loop in ${config.path}: ${[...visited, current].join(' -> ')}`);
    }
    visited.push(current);
    const section = config.profiles.get(current);
    if (!section) break;
    chain.push(section);
    current = section.include_profile;
  }
  const own = chain.length;
  let fallback: string | undefined = 'default';
  while (fallback !== undefined && !visited.includes(fallback)) {
    visited.push(fallback);
    const section = config.profiles.get(fallback);
    if (!section) break;
    chain.push(section);
    fallback = section.include_profile;
  }
  return { chain, own };
}

function parseDurationSeconds(value: string | undefined, profile: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) {
    throw new ConfigFileError(`duration_seconds = ${value} in profile ${profile} is not a whole number of seconds`, {
      hint: 'write it in seconds, for example duration_seconds = 3600',
    });
  }
  return Number(value);
}

function envDuration(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name];
  return value ? parseGoDuration(value) : undefined;
}

interface ResolveOptions {
  readonly config: AwsConfigFile;
  readonly env: NodeJS.ProcessEnv;
  readonly flags?: ProfileFlags;
}

/**
 * Resolves a profile the way aws-vault users rely on: every field takes the first value found in
 * command-line flags, then the environment, then the profile's own section, its include chain and
 * [default]. Nothing is inherited through source_profile (the source is resolved on its own and linked);
 * a profile naming itself as source is ignored, and longer source_profile loops are an error naming the loop.
 */
export function resolveProfile(name: string, options: ResolveOptions): ResolvedProfile {
  return resolveWithSources(name, options, [], true);
}

function resolveWithSources(name: string, options: ResolveOptions, sourcePath: readonly string[], isTarget: boolean): ResolvedProfile {
  const { config, env } = options;
  const flags = options.flags ?? {};
  const { chain, own } = sectionChain(name, config);
  const lookup = (sections: readonly RawSection[]) => (key: string): string | undefined => {
    for (const section of sections) {
      const value = section[key];
      if (value !== undefined && value !== '') return value;
    }
    return undefined;
  };
  const file = lookup(chain);
  // A sign-in is the profile's own business (as for the AWS CLI): [default]'s never spreads to other profiles.
  const ownFile = lookup(chain.slice(0, own));
  const targetEnv = (key: string) => (isTarget ? env[key] || undefined : undefined);

  let sourceProfileName = file('source_profile');
  if (sourceProfileName === name) sourceProfileName = undefined;
  let sourceProfile: ResolvedProfile | undefined;
  if (sourceProfileName !== undefined) {
    const path = [...sourcePath, name];
    if (path.includes(sourceProfileName)) {
      throw new ConfigFileError(`source_profile loop in ${config.path}: ${[...path, sourceProfileName].join(' -> ')}`);
    }
    sourceProfile = resolveWithSources(sourceProfileName, options, path, false);
  }

  const ssoSessionName = ownFile('sso_session');
  const sso = readProfileSsoSession(name, ownFile, config);
  const sessionTagsText = targetEnv('AWS_SESSION_TAGS') ?? file('session_tags');
  const transitiveText = targetEnv('AWS_TRANSITIVE_TAGS') ?? file('transitive_session_tags');
  const ownSection = config.profiles.get(name) ?? {};

  return {
    name,
    inConfig: config.profiles.has(name),
    region: flags.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || file('region'),
    mfaSerial: env.AWS_MFA_SERIAL || file('mfa_serial'),
    // ByteNess/aws-vault#389: a role profile uses its source's mfa_process unless it has its own.
    mfaProcess: file('mfa_process') ?? sourceProfile?.mfaProcess,
    roleArn: targetEnv('AWS_ROLE_ARN') ?? file('role_arn'),
    externalId: file('external_id'),
    roleSessionName: targetEnv('AWS_ROLE_SESSION_NAME') ?? file('role_session_name'),
    assumeRoleDurationSeconds: flags.durationSeconds ?? envDuration(env, 'AWS_ASSUME_ROLE_TTL') ?? parseDurationSeconds(file('duration_seconds'), name),
    sessionTokenDurationSeconds: flags.durationSeconds ?? envDuration(env, 'AWS_SESSION_TOKEN_TTL'),
    chainedSessionTokenDurationSeconds: envDuration(env, 'AWS_CHAINED_SESSION_TOKEN_TTL'),
    sourceProfileName,
    sourceProfile,
    credentialProcess: file('credential_process'),
    sessionTags: sessionTagsText ? parseSessionTags(sessionTagsText, `profile ${name}`) : undefined,
    transitiveSessionTags: transitiveText ? parseTransitiveTags(transitiveText) : undefined,
    sourceIdentity: targetEnv('AWS_SOURCE_IDENTITY') ?? file('source_identity'),
    endpointUrl: file('endpoint_url'),
    stsRegionalEndpoints: env.AWS_STS_REGIONAL_ENDPOINTS || file('sts_regional_endpoints'),
    ssoSession: ssoSessionName,
    ssoStartUrl: sso?.startUrl,
    ssoRegion: sso?.region,
    ssoAccountId: ownFile('sso_account_id'),
    ssoRoleName: ownFile('sso_role_name'),
    sso,
    unknownKeys: Object.keys(ownSection).filter((key) => !isKnownProfileKey(key)),
  };
}
