import type { SsoSessionConfig } from '../sso/SsoSessionConfig.js';

/** A profile after precedence, include_profile and [default] have been applied; its source hydrated too. */
export interface ResolvedProfile {
  readonly name: string;
  /** False when no section of that name exists (it may still have a key in the vault). */
  readonly inConfig: boolean;
  readonly region?: string | undefined;
  readonly mfaSerial?: string | undefined;
  readonly mfaProcess?: string | undefined;
  readonly roleArn?: string | undefined;
  readonly externalId?: string | undefined;
  readonly roleSessionName?: string | undefined;
  /** duration_seconds (AssumeRole) or AWS_ASSUME_ROLE_TTL / --duration, whichever wins. */
  readonly assumeRoleDurationSeconds?: number | undefined;
  /** AWS_SESSION_TOKEN_TTL / --duration: GetSessionToken for a profile that is itself the target. */
  readonly sessionTokenDurationSeconds?: number | undefined;
  /** AWS_CHAINED_SESSION_TOKEN_TTL: GetSessionToken primed under a role. */
  readonly chainedSessionTokenDurationSeconds?: number | undefined;
  readonly sourceProfileName?: string | undefined;
  readonly sourceProfile?: ResolvedProfile | undefined;
  readonly credentialProcess?: string | undefined;
  readonly sessionTags?: Readonly<Record<string, string>> | undefined;
  readonly transitiveSessionTags?: readonly string[] | undefined;
  readonly sourceIdentity?: string | undefined;
  readonly endpointUrl?: string | undefined;
  readonly stsRegionalEndpoints?: string | undefined;
  readonly ssoSession?: string | undefined;
  readonly ssoStartUrl?: string | undefined;
  readonly ssoRegion?: string | undefined;
  readonly ssoAccountId?: string | undefined;
  /** The IAM Identity Center sign-in the profile uses (its sso-session, or the legacy keys), checked. */
  readonly sso?: SsoSessionConfig | undefined;
  readonly ssoRoleName?: string | undefined;
  /** Keys in the profile's own section that no part of vault-git or the AWS SDKs reads (doctor reports them). */
  readonly unknownKeys: readonly string[];
}

/** Values given on the command line; they beat the environment and the file for every profile of a chain. */
export interface ProfileFlags {
  readonly region?: string | undefined;
  readonly durationSeconds?: number | undefined;
}
