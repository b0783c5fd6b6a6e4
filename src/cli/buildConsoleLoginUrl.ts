import type { AwsCredentials } from '../shared/AwsCredentials.js';
import { VaultGitError } from '../shared/errors.js';

/** The federation sign-in host and console host of a region's partition. */
export function consoleEndpoints(region: string | undefined): { signin: string; console: string } {
  if (region?.startsWith('cn-')) return { signin: 'https://signin.amazonaws.cn/federation', console: 'https://console.amazonaws.cn/' };
  if (region?.startsWith('us-gov-')) return { signin: 'https://signin.amazonaws-us-gov.com/federation', console: 'https://console.amazonaws-us-gov.com/' };
  return {
    signin: 'https://signin.aws.amazon.com/federation',
    console: region ? `https://${region}.console.aws.amazon.com/console/home?region=${region}` : 'https://console.aws.amazon.com/',
  };
}

/**
 * Exchanges temporary credentials for a console sign-in URL through the federation endpoint
 * (getSigninToken, then Action=login). VAULT_GIT_FEDERATION_URL replaces the endpoint (proxies, tests).
 */
export async function buildConsoleLoginUrl(
  credentials: AwsCredentials,
  options: { region?: string | undefined; sessionDurationSeconds?: number | undefined; env: NodeJS.ProcessEnv },
): Promise<string> {
  const endpoints = consoleEndpoints(options.region);
  const federation = options.env.VAULT_GIT_FEDERATION_URL || endpoints.signin;
  const session = JSON.stringify({ sessionId: credentials.accessKeyId, sessionKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken });
  const query = new URLSearchParams({ Action: 'getSigninToken', Session: session });
  if (options.sessionDurationSeconds) query.set('SessionDuration', String(options.sessionDurationSeconds));
  let response: Response;
  try {
    response = await fetch(`${federation}?${query.toString()}`, { signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    throw new VaultGitError(`the AWS sign-in endpoint ${new URL(federation).host} could not be reached (${(error as Error).message})`);
  }
  const body = (await response.json().catch(() => ({}))) as { SigninToken?: string };
  if (!response.ok || !body.SigninToken) {
    throw new VaultGitError(`the AWS sign-in endpoint refused the credentials (HTTP ${response.status})`);
  }
  const login = new URLSearchParams({ Action: 'login', Issuer: 'vault-git', Destination: endpoints.console, SigninToken: body.SigninToken });
  return `${federation}?${login.toString()}`;
}
