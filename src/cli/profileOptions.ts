import type { Argv } from 'yargs';
import { parseGoDuration } from '../aws/config/parseGoDuration.js';
import type { ProfileFlags } from '../aws/config/ResolvedProfile.js';
import type { ProfileOptions } from '../aws/sessions/prepareProfile.js';
import { UsageError } from '../shared/errors.js';
import { assertValidProfileName } from '../shared/validateProfileName.js';

/** Flags shared by exec, export and login, declared once. */
export function withSessionOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('duration', { alias: 'd', type: 'string', describe: 'session length, e.g. 1h or 12h (Go duration syntax)' })
    .option('mfa-token', { alias: 't', type: 'string', describe: 'the current MFA code, instead of asking' })
    // Declared as `session` so yargs reads `--no-session` as its negation; `-n` is aws-vault's short form.
    .option('session', { type: 'boolean', default: true, describe: 'use --no-session (-n) to skip GetSessionToken: the long-term key (or AssumeRole from it) directly' })
    .option('n', { type: 'boolean', default: false, hidden: true })
    .option('region', { type: 'string', describe: 'AWS region for the command and for STS' });
}

export interface SessionOptions {
  readonly duration?: string | undefined;
  readonly mfaToken?: string | undefined;
  readonly noSession: boolean;
  readonly region?: string | undefined;
}

/** The one place a command's flags become what prepareProfile takes. */
export function profileOptions(profile: string, options: SessionOptions): ProfileOptions {
  assertValidProfileName(profile);
  return { profile, flags: profileFlags(options), noSession: options.noSession };
}

export function profileFlags(options: SessionOptions): ProfileFlags {
  let durationSeconds: number | undefined;
  if (options.duration !== undefined) {
    durationSeconds = parseGoDuration(options.duration);
    if (durationSeconds === undefined || durationSeconds < 900) {
      throw new UsageError(`--duration ${options.duration} is not a duration of at least 15m (write it like 1h, 90m or 12h)`);
    }
  }
  return { region: options.region, durationSeconds };
}

export function readSessionOptions(a: Record<string, unknown>): SessionOptions {
  const str = (value: unknown) => (value === undefined ? undefined : String(value));
  return { duration: str(a.duration), mfaToken: str(a['mfa-token']), noSession: a.session === false || a.n === true, region: str(a.region) };
}
