import type { SsoSessionConfig } from '../sso/SsoSessionConfig.js';

/**
 * Where the chain starts: a long-term key in the vault, a credential_process, or an IAM Identity Center
 * sign-in (whose access token the first step, GetRoleCredentials, spends).
 */
export type BaseCredentials =
  | { readonly kind: 'stored-keys'; readonly profile: string }
  | { readonly kind: 'credential-process'; readonly profile: string; readonly command: string }
  | { readonly kind: 'sso'; readonly profile: string; readonly session: SsoSessionConfig };

export type SessionType = 'GetSessionToken' | 'AssumeRole' | 'GetRoleCredentials';

/** The cache slot a step's result is kept under (see SessionStore.ts). */
export interface CacheSlot {
  readonly type: SessionType;
  readonly profile: string;
  readonly sourceProfile: string;
  readonly fingerprint: string;
  /** What the fingerprint covers, for `exec --plan` and tests. */
  readonly keyedBy: Readonly<Record<string, string>>;
}

export interface SessionTokenStep {
  readonly type: 'GetSessionToken';
  readonly profile: string;
  /** Present when the call carries an MFA code. */
  readonly mfaSerial?: string | undefined;
  /** The mfa_process that can produce that code, if the profile has one. */
  readonly mfaProcess?: string | undefined;
  readonly durationSeconds: number;
  readonly region?: string | undefined;
  readonly endpointUrl?: string | undefined;
  readonly cache: CacheSlot;
}

export interface AssumeRoleStep {
  readonly type: 'AssumeRole';
  readonly profile: string;
  readonly roleArn: string;
  /** Present when this call needs its own MFA code. */
  readonly mfaSerial?: string | undefined;
  readonly mfaProcess?: string | undefined;
  /** True when the profile names the serial already used by the primed session: no second code. */
  readonly chainedMfa: boolean;
  readonly durationSeconds: number;
  readonly externalId?: string | undefined;
  readonly roleSessionName?: string | undefined;
  readonly sessionTags?: Readonly<Record<string, string>> | undefined;
  readonly transitiveSessionTags?: readonly string[] | undefined;
  readonly sourceIdentity?: string | undefined;
  readonly region?: string | undefined;
  readonly endpointUrl?: string | undefined;
  readonly cache: CacheSlot;
}

/** IAM Identity Center's portal: role credentials for an account and permission set, paid for with the access token. */
export interface RoleCredentialsStep {
  readonly type: 'GetRoleCredentials';
  readonly profile: string;
  readonly session: SsoSessionConfig;
  readonly accountId: string;
  readonly roleName: string;
  /** Never set: present so every step can be read the same way (no MFA code is involved). */
  readonly mfaSerial?: undefined;
  readonly cache: CacheSlot;
}

export type PlanStep = SessionTokenStep | AssumeRoleStep | RoleCredentialsStep;

/**
 * Everything vault-git will do to produce credentials for a profile, decided before any call is made:
 * a pure value that `exec --plan` prints and tests assert on.
 */
export interface CredentialPlan {
  readonly profile: string;
  readonly region?: string | undefined;
  readonly base: BaseCredentials;
  readonly steps: readonly PlanStep[];
  /** Why each decision was taken, in aws-vault's --debug wording where one exists. */
  readonly notes: readonly string[];
}
