import type { Argv } from 'yargs';
import { assertValidProfileName } from '../../shared/validateProfileName.js';
import { SessionStore } from '../../aws/sessions/SessionStore.js';
import type { CliContext } from '../CliContext.js';

export const clearCommand = {
  command: 'clear [profile]',
  describe: 'remove cached sessions (all, or one profile\'s); stored keys stay',
  builder: (yargs: Argv) =>
    yargs
      .positional('profile', { type: 'string' })
      .example('$0 clear', 'drop every cached session (the next use asks for an MFA code)')
      .example('$0 clear env1', "drop env1's role session only"),
};

export async function runClear(options: { profile?: string | undefined; backend?: string | undefined }, context: CliContext): Promise<void> {
  if (options.profile) assertValidProfileName(options.profile);
  const { backend } = await context.openBackend(options.backend);
  const store = new SessionStore(backend, context.env);
  let count = options.profile ? await store.clear((session) => session.profile === options.profile) : await store.clear(() => true);
  // A session file that no longer decrypts cannot say whose it is; clearing everything takes it too.
  if (!options.profile && backend.removeUnreadableSessions) count += await backend.removeUnreadableSessions();
  context.err(`Cleared ${count} session${count === 1 ? '' : 's'}.\n`);
}
