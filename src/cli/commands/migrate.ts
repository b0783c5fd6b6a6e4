import type { Argv } from 'yargs';
import { UsageError, VaultGitError } from '../../shared/errors.js';
import { deleteSessions } from '../../vault/deleteSessions.js';
import type { CliContext } from '../CliContext.js';

export interface MigrateOptions {
  readonly from: string;
  readonly to: string;
}

export const migrateCommand = {
  command: 'migrate',
  describe: 'move stored keys from one backend to another (keychain <-> file)',
  builder: (yargs: Argv) =>
    yargs
      .option('from', { type: 'string', demandOption: true, choices: ['keychain', 'file'] })
      .option('to', { type: 'string', demandOption: true, choices: ['keychain', 'file'] }),
};

/**
 * Copies every long-term key, reads each copy back and compares it, and only then deletes the original:
 * an interruption at any point leaves every key in at least one backend. Sessions are not moved (they are
 * short-lived and cheap to make again); the source's are cleared.
 */
export async function runMigrate(options: MigrateOptions, context: CliContext): Promise<void> {
  if (options.from === options.to) throw new UsageError('--from and --to name the same backend');
  const { backend: source } = await context.openBackend(options.from);
  const { backend: target } = await context.openBackend(options.to);
  const profiles = await source.list('credentials');
  for (const profile of profiles) {
    const secret = await source.get('credentials', profile);
    if (secret === undefined) continue;
    await target.set('credentials', profile, secret);
    if ((await target.get('credentials', profile)) !== secret) {
      throw new VaultGitError(`the copy of profile ${profile} in the ${target.name} vault does not read back the same; the original was kept`);
    }
  }
  for (const profile of profiles) await source.delete('credentials', profile);
  await deleteSessions(source, () => true);
  context.err(`Moved ${profiles.length} key${profiles.length === 1 ? '' : 's'} from the ${source.name} vault to the ${target.name} vault.\n`);
}
