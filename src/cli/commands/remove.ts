import type { Argv } from 'yargs';
import { VaultGitError } from '../../shared/errors.js';
import { assertValidProfileName } from '../../shared/validateProfileName.js';
import { SessionStore } from '../../aws/sessions/SessionStore.js';
import type { CliContext } from '../CliContext.js';
import { NoTerminalError } from '../../prompt/openTerminal.js';

export interface RemoveOptions {
  readonly profile: string;
  readonly force: boolean;
  readonly backend: string | undefined;
}

export const removeCommand = {
  command: ['remove <profile>', 'rm <profile>'],
  describe: "delete a profile's stored key and its cached sessions",
  builder: (yargs: Argv) =>
    yargs
      .positional('profile', { type: 'string', demandOption: true })
      .option('force', { alias: 'f', type: 'boolean', default: false, describe: 'do not ask' })
      .example('$0 remove old-user', 'delete the key of old-user and the sessions made from it'),
};

export async function runRemove(options: RemoveOptions, context: CliContext): Promise<void> {
  assertValidProfileName(options.profile);
  const { backend } = await context.openBackend(options.backend);
  const stored = await backend.list('credentials');
  if (!stored.includes(options.profile)) {
    throw new VaultGitError(`no key is stored for profile ${options.profile} in the ${backend.name} vault`, { hint: 'vault-git list shows what is stored' });
  }
  if (!options.force) {
    let answer: string;
    try {
      answer = await context.ask(`Delete the stored key and sessions of profile "${options.profile}"? (y/N) `, { secret: false, purpose: 'confirmation' });
    } catch (error) {
      if (error instanceof NoTerminalError) throw new VaultGitError('no terminal to confirm the removal', { hint: `vault-git remove ${options.profile} --force` });
      throw error;
    }
    if (!/^y(es)?$/i.test(answer)) {
      context.err('Nothing removed.\n');
      return;
    }
  }
  await backend.delete('credentials', options.profile);
  const sessions = await new SessionStore(backend, context.env).clearProfile(options.profile);
  context.err(`Removed the key of profile ${options.profile}${sessions > 0 ? ` and ${sessions} cached session${sessions === 1 ? '' : 's'}` : ''}.\n`);
}
