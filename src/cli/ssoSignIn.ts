import { loginRequired, type SsoTokenDeps } from '../aws/sso/obtainSsoAccessToken.js';
import { signInWithDeviceFlow } from '../aws/sso/signInWithDeviceFlow.js';
import { SsoTokenStore } from '../aws/sso/SsoTokenStore.js';
import { closeTerminal, openTerminal } from '../prompt/openTerminal.js';
import type { Backend } from '../vault/Backend.js';
import type { CliContext } from './CliContext.js';
import { openUrlPrivately } from './openUrlPrivately.js';

export interface SignInOptions {
  /** False with --no-browser: only the URL and code are printed. */
  readonly browser: boolean;
  /** A sign-in the user did not ask for (exec, export, …) happens only where someone can see it. */
  readonly requireTerminal: boolean;
}

function hasTerminal(): boolean {
  try {
    closeTerminal(openTerminal('the IAM Identity Center sign-in'));
    return true;
  } catch {
    return false;
  }
}

/**
 * The CLI's way to sign in to IAM Identity Center: the device flow on stderr, the browser opened through
 * a private page (no secret on any command line), Ctrl-C ending it with nothing stored.
 */
export function createSsoSignIn(backend: Backend, context: CliContext, options: SignInOptions): NonNullable<SsoTokenDeps['signIn']> {
  return async (session, previous, profile) => {
    if (options.requireTerminal && !hasTerminal()) throw loginRequired(session, profile, 'needs a sign-in, and there is no terminal to show it on');
    const controller = new AbortController();
    const onInterrupt = () => controller.abort();
    process.once('SIGINT', onInterrupt);
    try {
      return await signInWithDeviceFlow(session, previous, {
        store: new SsoTokenStore(backend, context.env),
        env: context.env,
        now: () => context.now(),
        loadSso: () => import('../aws/sso/ssoCalls.js'),
        err: (text) => context.err(text),
        openBrowser: options.browser ? (url) => openUrlPrivately(url, context.env, 'AWS access portal sign-in') : undefined,
        signal: controller.signal,
        interactive: process.stderr.isTTY === true,
      });
    } finally {
      process.removeListener('SIGINT', onInterrupt);
    }
  };
}
