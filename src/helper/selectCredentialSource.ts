import type { CredentialSource } from '../credentials/CredentialSource.js';
import { EnvironmentCredentialSource } from '../credentials/EnvironmentCredentialSource.js';
import type { HelperArguments } from './parseHelperArguments.js';

/** Which credentials answer this request. */
export async function selectCredentialSource(_args: HelperArguments, env: NodeJS.ProcessEnv): Promise<CredentialSource> {
  return new EnvironmentCredentialSource(env);
}
