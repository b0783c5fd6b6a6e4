import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { VaultGitError } from '../../shared/errors.js';
import { withFileLock } from '../../shared/withFileLock.js';
import type { SsoTokenRequest } from '../sessions/obtainCredentials.js';
import { describeSsoSession, ssoLoginCommand, type SsoSessionConfig } from './SsoSessionConfig.js';
import type { SsoToken } from './SsoToken.js';
import type { SsoTokenStore } from './SsoTokenStore.js';

/** The sign-in is gone (never made, expired, signed out or revoked) and this process may not sign in. */
export class SsoLoginRequiredError extends VaultGitError {}

export type SsoModule = typeof import('./ssoCalls.js');

export interface SsoTokenDeps {
  readonly store: SsoTokenStore;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  /** Where the renewal lock lives (the private runtime directory). */
  lockDirectory(): string;
  loadSso(): Promise<Pick<SsoModule, 'createToken'>>;
  /** Epoch milliseconds by which the caller needs an answer (the credential helper's budget). */
  readonly deadline?: number | undefined;
  /** Signs in afresh: the CLI's device flow. The credential helper has none. */
  signIn?(session: SsoSessionConfig, previous: SsoToken | undefined, profile: string): Promise<SsoToken>;
  log?(line: string): void;
}

/** An access token with less than this left is renewed first (the AWS SDKs use the same five minutes). */
const RENEW_WINDOW_SECONDS = 300;
/** Long enough for another process's user to finish a browser sign-in. */
const LOCK_WAIT_MS = 600_000;
/** OIDC answers meaning the refresh token (or the client) is no good any more: only a new sign-in helps. */
const SIGNED_OUT = new Set(['InvalidGrantException', 'ExpiredTokenException', 'InvalidClientException', 'UnauthorizedClientException', 'AccessDeniedException']);

function lockPath(directory: string, session: SsoSessionConfig): string {
  return join(directory, `sso-${createHash('sha256').update(session.id).digest('hex').slice(0, 24)}.lock`);
}

export function loginRequired(session: SsoSessionConfig, profile: string, why: string): SsoLoginRequiredError {
  // One line, the command in it: the helper prints exactly this before quit=1.
  return new SsoLoginRequiredError(`${describeSsoSession(session)} ${why}; sign in again: ${ssoLoginCommand(session, profile)}`);
}

/**
 * A usable access token for a session: the stored one while it has more than five minutes left, else one
 * renewed with the refresh token (silently: the credential helper does this inside `git push`), else a new
 * sign-in where the caller allows one. Renewal happens under a lock per session and the store is read again
 * once it is held: IAM Identity Center replaces the refresh token on use, so two renewals at once would
 * sign the loser out.
 */
export async function obtainSsoAccessToken(request: SsoTokenRequest, deps: SsoTokenDeps): Promise<string> {
  const { session, profile } = request;
  const nowSeconds = () => Math.floor(deps.now().getTime() / 1000);
  const usable = (token: SsoToken | undefined, marginSeconds: number): token is SsoToken & { accessToken: string } =>
    token?.accessToken !== undefined && token.accessToken !== request.rejected && token.accessTokenExpiresAt! - nowSeconds() > marginSeconds;

  const stored = await deps.store.read(session);
  if (usable(stored, RENEW_WINDOW_SECONDS)) return stored.accessToken;

  const waitMs = deps.deadline === undefined ? LOCK_WAIT_MS : Math.max(0, deps.deadline - Date.now() - 1000);
  return withFileLock(
    lockPath(deps.lockDirectory(), session),
    async () => {
      let token = await deps.store.read(session);
      if (usable(token, RENEW_WINDOW_SECONDS)) return token.accessToken;
      if (token?.refreshToken && token.registrationExpiresAt > nowSeconds()) {
        let renewed: SsoToken;
        try {
          renewed = await renew(session, token, deps, nowSeconds);
        } catch (error) {
          // The OIDC endpoint is unreachable: a token with minutes left still serves this call.
          if (usable(token, 0)) return token.accessToken;
          throw error;
        }
        if (renewed.accessToken !== undefined) return renewed.accessToken;
        token = renewed;
      }
      if (usable(token, 0)) return token.accessToken;
      if (deps.signIn) return (await deps.signIn(session, token, profile)).accessToken!;
      throw loginRequired(session, profile, token === undefined ? 'has no sign-in in the vault' : 'has expired or was signed out');
    },
    { timeoutMs: waitMs, staleMs: LOCK_WAIT_MS },
  );
}

/** Renews with the refresh token; returns the token as stored afterwards (without tokens when refused). */
async function renew(session: SsoSessionConfig, token: SsoToken, deps: SsoTokenDeps, nowSeconds: () => number): Promise<SsoToken> {
  const sso = await deps.loadSso();
  deps.log?.(`${describeSsoSession(session)}: renewing the access token with the refresh token`);
  try {
    const issued = await sso.createToken(session, token, { refreshToken: token.refreshToken! }, deps.env, deps.deadline);
    const renewed: SsoToken = {
      ...token,
      accessToken: issued.accessToken,
      accessTokenExpiresAt: nowSeconds() + issued.expiresInSeconds,
      refreshToken: issued.refreshToken ?? token.refreshToken,
    };
    await deps.store.write(session, renewed);
    return renewed;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code || !SIGNED_OUT.has(code)) throw error;
    deps.log?.(`${describeSsoSession(session)}: the refresh token was refused (${code})`);
    // Keep the client registration (a new sign-in reuses it); the tokens are worthless now.
    const signedOut: SsoToken = { ...token, accessToken: undefined, accessTokenExpiresAt: undefined, refreshToken: undefined };
    await deps.store.write(session, signedOut);
    return signedOut;
  }
}
