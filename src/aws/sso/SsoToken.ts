/**
 * What one IAM Identity Center sign-in keeps in the vault (one item per sso-session): the OIDC client
 * registration it was made with, and its tokens. Times are unix seconds. Never written to a plain file:
 * the AWS CLI's ~/.aws/sso/cache holds the same fields in clear JSON.
 */
export interface SsoToken {
  readonly startUrl: string;
  readonly region: string;
  readonly scopes: readonly string[];
  readonly clientId: string;
  readonly clientSecret: string;
  readonly registrationExpiresAt: number;
  readonly accessToken?: string | undefined;
  readonly accessTokenExpiresAt?: number | undefined;
  readonly refreshToken?: string | undefined;
  readonly signedInAt?: number | undefined;
}

export type ClientRegistration = Pick<SsoToken, 'clientId' | 'clientSecret' | 'registrationExpiresAt'>;

export function formatSsoToken(token: SsoToken): string {
  return JSON.stringify({ v: 1, ...token });
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A damaged or foreign item is no sign-in (the user signs in again); never an exception. */
export function parseSsoToken(text: string): SsoToken | undefined {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || value.v !== 1) return undefined;
  if (!isText(value.startUrl) || !isText(value.region) || !isText(value.clientId) || !isText(value.clientSecret) || !isTime(value.registrationExpiresAt)) return undefined;
  const scopes = Array.isArray(value.scopes) && value.scopes.every(isText) ? (value.scopes as string[]) : [];
  const hasAccess = isText(value.accessToken) && isTime(value.accessTokenExpiresAt);
  return {
    startUrl: value.startUrl,
    region: value.region,
    scopes,
    clientId: value.clientId,
    clientSecret: value.clientSecret,
    registrationExpiresAt: value.registrationExpiresAt,
    accessToken: hasAccess ? (value.accessToken as string) : undefined,
    accessTokenExpiresAt: hasAccess ? (value.accessTokenExpiresAt as number) : undefined,
    refreshToken: isText(value.refreshToken) ? value.refreshToken : undefined,
    signedInAt: isTime(value.signedInAt) ? value.signedInAt : undefined,
  };
}
