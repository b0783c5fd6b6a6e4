import { VaultGitError } from '../../shared/errors.js';
import { formatDuration } from '../config/parseGoDuration.js';
import type { SsoModule } from './obtainSsoAccessToken.js';
import { describeSsoSession, type SsoSessionConfig } from './SsoSessionConfig.js';
import type { ClientRegistration, SsoToken } from './SsoToken.js';
import type { SsoTokenStore } from './SsoTokenStore.js';

export interface SignInDeps {
  readonly store: SsoTokenStore;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  loadSso(): Promise<Pick<SsoModule, 'registerClient' | 'startDeviceAuthorization' | 'createToken'>>;
  /** stderr: every line of the sign-in goes there (stdout may be a credential_process pipe). */
  err(text: string): void;
  /** Opens the verification page; absent with --no-browser. Resolves false when no browser could be started. */
  openBrowser?(url: string): Promise<boolean>;
  /** Aborted by Ctrl-C. */
  readonly signal?: AbortSignal | undefined;
  /** True when stderr is a terminal: the waiting line is redrawn in place. */
  readonly interactive?: boolean;
}

/** RFC 8628: each slow_down adds five seconds to the polling interval. */
const SLOW_DOWN_STEP_MS = 5000;
/** A registration with less than this left is replaced rather than reused for a sign-in. */
const REGISTRATION_MARGIN_SECONDS = 24 * 3600;

export class SignInCancelledError extends VaultGitError {}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SignInCancelledError('sign-in cancelled; nothing was stored', { exitCode: 130 }));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new SignInCancelledError('sign-in cancelled; nothing was stored', { exitCode: 130 }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const sameScopes = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((scope) => b.includes(scope));

/**
 * The OIDC device authorization flow: register this client (or reuse a registration that has a day left),
 * start an authorization, show the URL and code on stderr (and open the browser), then poll CreateToken at
 * the interval the service gives, slowing down when told, until the user approves, denies or the code
 * expires. Only an approved sign-in is stored; the vault item is replaced whole.
 */
export async function signInWithDeviceFlow(session: SsoSessionConfig, previous: SsoToken | undefined, deps: SignInDeps): Promise<SsoToken> {
  const sso = await deps.loadSso();
  const nowSeconds = () => Math.floor(deps.now().getTime() / 1000);
  const registration: ClientRegistration =
    previous && previous.registrationExpiresAt - nowSeconds() > REGISTRATION_MARGIN_SECONDS && sameScopes(previous.scopes, session.scopes)
      ? previous
      : await sso.registerClient(session, deps.env);
  const authorization = await sso.startDeviceAuthorization(session, registration, deps.env);

  deps.err(`vault-git: signing in to ${session.startUrl} (${describeSsoSession(session)})\n`);
  deps.err(`vault-git: open ${authorization.verificationUriComplete}\n`);
  deps.err(`vault-git: and check that it shows the code ${authorization.userCode}\n`);
  if (deps.openBrowser && !(await deps.openBrowser(authorization.verificationUriComplete))) {
    deps.err('vault-git: could not start a browser; open the address above yourself\n');
  }

  const giveUpAt = Date.now() + authorization.expiresInSeconds * 1000;
  let intervalMs = Math.max(1, authorization.intervalSeconds) * 1000;
  const waiting = () => `vault-git: waiting for the approval (the code expires in ${formatDuration(Math.max(0, Math.round((giveUpAt - Date.now()) / 1000)))}; Ctrl-C cancels)`;
  deps.err(deps.interactive ? waiting() : `${waiting()}\n`);
  const expired = () => new VaultGitError('the sign-in code expired before it was approved; nothing was stored', { hint: 'run the command again and approve the code in the browser' });

  for (;;) {
    await sleep(Math.min(intervalMs, Math.max(0, giveUpAt - Date.now())), deps.signal);
    if (Date.now() >= giveUpAt) throw expired();
    try {
      const issued = await sso.createToken(session, registration, { deviceCode: authorization.deviceCode }, deps.env);
      if (deps.interactive) deps.err('\n');
      const token: SsoToken = {
        startUrl: session.startUrl,
        region: session.region,
        scopes: [...session.scopes],
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        registrationExpiresAt: registration.registrationExpiresAt,
        accessToken: issued.accessToken,
        accessTokenExpiresAt: nowSeconds() + issued.expiresInSeconds,
        refreshToken: issued.refreshToken,
        signedInAt: nowSeconds(),
      };
      await deps.store.write(session, token);
      const renewal = token.refreshToken ? 'renewed silently while the sign-in lasts' : 'not renewable: sign in again then';
      deps.err(`vault-git: signed in; the access token is good for ${formatDuration(issued.expiresInSeconds)} (${renewal})\n`);
      return token;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'AuthorizationPendingException') {
        if (deps.interactive) deps.err(`\r${waiting()}`);
        continue;
      }
      if (code === 'SlowDownException') {
        intervalMs += SLOW_DOWN_STEP_MS;
        continue;
      }
      if (deps.interactive) deps.err('\n');
      if (code === 'ExpiredTokenException') throw expired();
      if (code === 'AccessDeniedException') throw new VaultGitError('the sign-in was denied in the browser; nothing was stored');
      throw error;
    }
  }
}
