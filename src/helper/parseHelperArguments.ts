import { UsageError } from '../shared/errors.js';

export interface HelperArguments {
  readonly profile: string | undefined;
  readonly debug: boolean;
  /** get, store, erase, or anything else git may invent later (which we ignore). */
  readonly operation: string | undefined;
}

/**
 * The helper's whole command line: `[--profile P | --profile=P] [--debug] <operation>`. Parsed by hand
 * because this is the hot path: a CLI parser would cost more start-up time than the signing itself.
 * git appends the operation as the last word, so options come first.
 */
export function parseHelperArguments(argv: readonly string[]): HelperArguments {
  let profile: string | undefined;
  let debug = false;
  const positionals: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--profile' || arg === '-p') {
      const value = argv[++index];
      if (value === undefined || value === '') throw new UsageError('--profile needs a profile name');
      profile = value;
    } else if (arg.startsWith('--profile=')) {
      profile = arg.slice('--profile='.length);
      if (profile === '') throw new UsageError('--profile needs a profile name');
    } else if (arg === '--debug') {
      debug = true;
    } else if (arg === '--help' || arg === '-h') {
      return { profile, debug, operation: '--help' };
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${JSON.stringify(arg)} for the credential helper`, 'usage: git-credential-vault [--profile NAME] get|store|erase');
    } else {
      positionals.push(arg);
    }
  }
  return { profile, debug, operation: positionals[positionals.length - 1] };
}
