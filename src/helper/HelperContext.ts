import type { CredentialSource } from '../credentials/CredentialSource.js';
import type { CredentialRecord } from '../protocol/CredentialRecord.js';
import type { HelperArguments } from './parseHelperArguments.js';

/** What the helper needs from the outside world, so tests can run it in-process with a fixed clock. */
export interface HelperContext {
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  selectCredentialSource(args: HelperArguments, env: NodeJS.ProcessEnv): Promise<CredentialSource>;
  /** Removes CodeCommit passwords that other credential helpers stored for this URL (the 403 cure). */
  clearStaleEntries?(record: CredentialRecord): Promise<void>;

}

export interface HelperOutcome {
  readonly stdout: string;
  readonly stderr: readonly string[];
  readonly exitCode: number;
}
