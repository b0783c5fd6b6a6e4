import type { Argv } from 'yargs';
import { UsageError, VaultGitError } from '../../shared/errors.js';
import { maskKeyId } from '../../shared/redact.js';
import { assertValidProfileName } from '../../shared/validateProfileName.js';
import type { Backend } from '../../vault/Backend.js';
import { SessionStore } from '../../aws/sessions/SessionStore.js';
import { parseStoredCredentials } from '../../vault/StoredCredentials.js';
import type { CliContext } from '../CliContext.js';

export interface MigrateOptions {
  readonly from: string;
  readonly to: string;
  readonly profile?: string | undefined;
  readonly force: boolean;
  readonly dryRun: boolean;
}

export const migrateCommand = {
  command: 'migrate',
  describe: 'move stored keys from one backend to another (keychain <-> file)',
  builder: (yargs: Argv) =>
    yargs
      .option('from', { type: 'string', demandOption: true, choices: ['keychain', 'file'] })
      .option('to', { type: 'string', demandOption: true, choices: ['keychain', 'file'] })
      .option('profile', { alias: 'p', type: 'string', describe: 'move only this profile\'s key' })
      .option('force', { type: 'boolean', default: false, describe: 'replace a different key the target already holds for a profile' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'say what would be moved, and change nothing' })
      .example('$0 migrate --from file --to keychain --dry-run', 'see what would move')
      .example('$0 migrate --from file --to keychain --profile oriishi-t', 'move one key'),
};

function describeKey(profile: string, secret: string): string {
  try {
    return maskKeyId(parseStoredCredentials(profile, secret).accessKeyId);
  } catch {
    return 'a damaged item';
  }
}

interface Move {
  readonly profile: string;
  readonly secret: string;
  /** What the target already holds for the profile, when it differs. */
  readonly replaces?: string | undefined;
  /** The target already holds exactly this key: nothing to copy, only the original to remove. */
  readonly same: boolean;
}

async function planMoves(profiles: readonly string[], source: Backend, target: Backend): Promise<Move[]> {
  const moves: Move[] = [];
  for (const profile of profiles) {
    const secret = await source.get('credentials', profile);
    if (secret === undefined) continue;
    const existing = await target.get('credentials', profile);
    moves.push({ profile, secret, same: existing === secret, replaces: existing !== undefined && existing !== secret ? existing : undefined });
  }
  return moves;
}

/**
 * Copies long-term keys, reads each copy back and compares it, and only then deletes the originals: an
 * interruption at any point leaves every key in at least one backend. A different key the target already
 * holds for a profile is never replaced without --force (the source's copy is then kept too). Sessions are
 * not moved (they are short-lived and cheap to make again); the moved profiles' are cleared in the source.
 */
export async function runMigrate(options: MigrateOptions, context: CliContext): Promise<void> {
  if (options.from === options.to) throw new UsageError('--from and --to name the same backend');
  if (options.profile) assertValidProfileName(options.profile);
  const { backend: source } = await context.openBackend(options.from);
  const { backend: target } = await context.openBackend(options.to);
  const stored = await source.list('credentials');
  if (options.profile && !stored.includes(options.profile)) {
    throw new VaultGitError(`no key is stored for profile ${options.profile} in the ${source.name} vault`, { hint: `vault-git list --backend ${source.name}` });
  }
  const moves = await planMoves(options.profile ? [options.profile] : stored, source, target);
  const conflicts = moves.filter((move) => move.replaces !== undefined);
  if (conflicts.length > 0 && !options.force) {
    const list = conflicts.map((move) => `${move.profile} (${target.name}: ${describeKey(move.profile, move.replaces!)}, ${source.name}: ${describeKey(move.profile, move.secret)})`).join(', ');
    throw new VaultGitError(`the ${target.name} vault already holds a different key for ${list}; nothing was moved`, {
      hint: `--force replaces the ${target.name} vault's key with the ${source.name} vault's; --profile NAME moves one profile`,
    });
  }
  if (options.dryRun) {
    for (const move of moves) {
      const what = move.same ? 'already there; the original would be removed' : move.replaces ? `would replace ${describeKey(move.profile, move.replaces)}` : 'would be copied';
      context.out(`${move.profile}\t${describeKey(move.profile, move.secret)}\t${what}\n`);
    }
    context.err(`Dry run: ${moves.length} key${moves.length === 1 ? '' : 's'} would move from the ${source.name} vault to the ${target.name} vault; nothing was changed.\n`);
    return;
  }
  for (const move of moves) {
    if (!move.same) await target.set('credentials', move.profile, move.secret);
    if ((await target.get('credentials', move.profile)) !== move.secret) {
      throw new VaultGitError(`the copy of profile ${move.profile} in the ${target.name} vault does not read back the same; every original was kept`);
    }
  }
  const moved = new Set(moves.map((move) => move.profile));
  for (const profile of moved) await source.delete('credentials', profile);
  await new SessionStore(source, context.env).clear((session) => moved.has(session.profile) || moved.has(session.sourceProfile));
  context.err(`Moved ${moves.length} key${moves.length === 1 ? '' : 's'} from the ${source.name} vault to the ${target.name} vault.\n`);
}
