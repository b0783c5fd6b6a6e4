/**
 * Where an IAM Identity Center sign-in happens: an `[sso-session NAME]` section, or the legacy form with
 * sso_start_url and sso_region written in the profile itself. One sign-in (one vault item) per `id`.
 */
export interface SsoSessionConfig {
  /** The vault item's key: the sso-session name, or the start URL for the legacy form. */
  readonly id: string;
  /** The `[sso-session NAME]`; undefined for the legacy form. */
  readonly name?: string | undefined;
  readonly startUrl: string;
  readonly region: string;
  readonly scopes: readonly string[];
  /** endpoint_url of the sso-session section (AWS_ENDPOINT_URL_SSO / _SSO_OIDC still win). */
  readonly endpointUrl?: string | undefined;
}

/** The scope the AWS CLI asks for when sso_registration_scopes is unset: enough to list and use roles. */
export const DEFAULT_SSO_SCOPES: readonly string[] = ['sso:account:access'];

/** How the session is named in messages. */
export function describeSsoSession(session: SsoSessionConfig): string {
  return session.name !== undefined ? `IAM Identity Center session ${session.name}` : `IAM Identity Center sign-in for ${session.startUrl}`;
}

/** The command that signs in to this session again. */
export function ssoLoginCommand(session: SsoSessionConfig, profile?: string): string {
  if (session.name !== undefined) return `vault-git sso login --sso-session ${session.name}`;
  return profile !== undefined ? `vault-git sso login --profile ${profile}` : 'vault-git sso login --profile <profile>';
}
