import type { AwsCredentials } from '../shared/AwsCredentials.js';
import type { CredentialSource } from './CredentialSource.js';
import { NoCredentialsError } from './NoCredentialsError.js';
import { readEnvironmentCredentials } from './readEnvironmentCredentials.js';

export class EnvironmentCredentialSource implements CredentialSource {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async resolve(): Promise<AwsCredentials> {
    const credentials = readEnvironmentCredentials(this.env);
    if (!credentials) {
      throw new NoCredentialsError('no AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set', {
        hint: 'name a profile (credential.helper = vault --profile NAME) or run git inside `vault-git exec NAME`',
      });
    }
    // An exec shell outlives its credentials; a password signed with them would only earn a 403.
    if (credentials.expiration && credentials.expiration.getTime() <= this.now().getTime()) {
      const shell = this.env.AWS_VAULT ? ` of the exec shell for profile ${this.env.AWS_VAULT}` : '';
      throw new NoCredentialsError(`the environment's AWS credentials${shell} expired at ${credentials.expiration.toISOString()}`, {
        hint: this.env.AWS_VAULT ? `leave that shell and start a new one: vault-git exec ${this.env.AWS_VAULT}` : 'renew AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN',
      });
    }
    return credentials;
  }
}
