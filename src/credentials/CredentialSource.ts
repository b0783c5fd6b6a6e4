import type { AwsCredentials } from '../shared/AwsCredentials.js';

/**
 * Where the helper gets AWS credentials from. The environment implements it today; the vault's
 * profile sessions implement it too. The helper never knows which one it talks to.
 */
export interface CredentialSource {
  /** `region`: the CodeCommit region being asked for, so that what is cached can sign for it. */
  resolve(request?: { readonly region?: string }): Promise<AwsCredentials>;
  /**
   * Called when git reports the credential was refused (a 401 `erase`): drop whatever would give it again.
   * May return one sentence for the user (printed on stderr), e.g. which command renews the MFA session.
   */
  forget?(): Promise<string | undefined>;
}
