import type { AwsCredentials } from '../codecommit/AwsCredentials.js';
import type { CredentialSource } from './CredentialSource.js';
import { NoCredentialsError } from './NoCredentialsError.js';
import { readEnvironmentCredentials } from './readEnvironmentCredentials.js';

export class EnvironmentCredentialSource implements CredentialSource {
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  async resolve(): Promise<AwsCredentials> {
    const credentials = readEnvironmentCredentials(this.env);
    if (!credentials) {
      throw new NoCredentialsError('no AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set', {
        hint: 'name a profile (credential.helper = vault --profile NAME) or run git inside `vault-git exec NAME`',
      });
    }
    return credentials;
  }
}
