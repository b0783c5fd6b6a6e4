import type { ObtainedCredentials } from '../aws/sessions/obtainCredentials.js';
import { childEnvironment } from '../shared/childEnvironment.js';

/** What a stale parent environment could leak into the child: every other way for an SDK to pick credentials. */
const REMOVED = [
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_FILE',
  'AWS_DEFAULT_PROFILE', 'AWS_PROFILE', 'AWS_SDK_LOAD_CONFIG', 'AWS_CREDENTIAL_EXPIRATION',
  'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
];

/** What the child gets: the credentials themselves, or where to ask for them (`exec --ecs-server`). */
export type ChildCredentials =
  | { readonly kind: 'static'; readonly credentials: ObtainedCredentials }
  | { readonly kind: 'server'; readonly url: string; readonly token: string };

/** The environment of `vault-git exec`'s child, as aws-vault builds it, less vault-git's own secrets. */
export function buildChildEnvironment(parent: NodeJS.ProcessEnv, profile: string, given: ChildCredentials, region: string | undefined): NodeJS.ProcessEnv {
  const env = childEnvironment(parent);
  for (const name of REMOVED) delete env[name];
  env.AWS_VAULT = profile;
  if (given.kind === 'server') {
    // No key in the child's environment at all: its SDK asks the server, again whenever they run low.
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI = given.url;
    env.AWS_CONTAINER_AUTHORIZATION_TOKEN = given.token;
  } else {
    const { credentials } = given;
    env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    if (credentials.sessionToken) env.AWS_SESSION_TOKEN = credentials.sessionToken;
    if (credentials.expiration) env.AWS_CREDENTIAL_EXPIRATION = credentials.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  if (region) {
    env.AWS_REGION = region;
    env.AWS_DEFAULT_REGION = region;
  }
  return env;
}
