import { writeAll } from '../shared/writeAll.js';
import { clearStaleEntries } from '../git/clearStaleEntries.js';
import type { HelperOutcome } from './HelperContext.js';
import { readStandardInput } from './readStandardInput.js';
import { runHelper } from './runHelper.js';
import { selectCredentialSource } from './selectCredentialSource.js';

export { warmFullHelper } from './warmFullHelper.js';

/**
 * Writes the answer and ends the process at once. git waits for the helper to exit, not just for its
 * output, so nothing left pending (a storage helper, a keychain worker) may keep it alive after this.
 */
function emit(outcome: HelperOutcome): never {
  if (outcome.stdout) writeAll(1, outcome.stdout);
  if (outcome.stderr.length > 0) writeAll(2, outcome.stderr.join('\n') + '\n');
  process.exit(outcome.exitCode);
}

/** The full credential helper, reached from the hot path (hot/runHotGet.ts) with the request it read, if any. */
export async function main(argv: readonly string[], alreadyRead?: Buffer): Promise<void> {
  let stdin: Buffer;
  try {
    stdin = alreadyRead ?? (await readStandardInput());
  } catch {
    emit({ stdout: '', stderr: ['vault-git: could not read the credential request from standard input'], exitCode: 1 });
  }
  const outcome = await runHelper(argv, stdin, {
    env: process.env,
    now: () => new Date(),
    selectCredentialSource,
    clearStaleEntries: async (record) => {
      // Housekeeping for other helpers' stores must never cost the user this push.
      await clearStaleEntries(record, process.env).catch(() => undefined);
    },
  });
  emit(outcome);
}
