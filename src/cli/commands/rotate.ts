import type { Argv } from 'yargs';
import type { AwsCredentials } from '../../shared/AwsCredentials.js';
import { VaultGitError } from '../../shared/errors.js';
import { maskKeyId } from '../../shared/redact.js';
import { assertValidProfileName } from '../../shared/validateProfileName.js';
import { createMfaCodeSource } from '../../prompt/createMfaCodeSource.js';
import { promptOnTerminal } from '../../prompt/promptOnTerminal.js';
import { readStoredCredentials } from '../../vault/StoredCredentials.js';
import { storeLongTermKey } from '../../vault/storeLongTermKey.js';
import type { CliContext } from '../CliContext.js';
import { prepareCommandProfile } from '../openProfileCredentials.js';

export interface RotateOptions {
  readonly profile: string;
  readonly noSession: boolean;
  readonly mfaToken?: string | undefined;
  readonly backend?: string | undefined;
}

export const rotateCommand = {
  command: 'rotate <profile>',
  describe: "replace a profile's long-term key: create a new one, check it works, store it, then delete the old one",
  builder: (yargs: Argv) =>
    yargs
      .positional('profile', { type: 'string', demandOption: true })
      .option('mfa-token', { alias: 't', type: 'string', describe: 'the current MFA code, instead of asking' })
      .option('session', { type: 'boolean', default: true, describe: 'use --no-session (-n) to call IAM with the key itself, without an MFA session' })
      .option('n', { type: 'boolean', default: false, hidden: true })
      .example('$0 rotate oriishi-t', 'rotate the IAM user key of oriishi-t (through its MFA session when it has mfa_serial)'),
};

/** How long a new key may take to work: IAM is eventually consistent, and new keys lag by seconds. */
const PROPAGATION_MS = 30_000;

/**
 * `vault-git rotate P`, in an order that never loses the only working key: CreateAccessKey, GetCallerIdentity
 * with the new key (retried while IAM propagates it), store it and read it back, and only then
 * DeleteAccessKey of the old one. A failure at any step says what state both keys are in.
 */
export async function runRotate(options: RotateOptions, context: CliContext): Promise<void> {
  assertValidProfileName(options.profile);
  const { prepared, backend } = await prepareCommandProfile({ profile: options.profile, noSession: true }, options.backend, context);
  const { resolved, plan } = prepared;
  if (plan.base.kind !== 'stored-keys' || plan.base.profile !== options.profile) {
    const holder = plan.base.kind === 'stored-keys' ? plan.base.profile : undefined;
    throw new VaultGitError(`profile ${options.profile} has no long-term key of its own in the vault`, { hint: holder ? `rotate the key it uses: vault-git rotate ${holder}` : `vault-git add ${options.profile} stores one` });
  }
  const old = (await readStoredCredentials(backend, options.profile))!;
  const sts = await import('../../aws/sts/stsCalls.js');
  const iam = await import('../../aws/iam/iamCalls.js');
  const target = { region: resolved.region, endpointUrl: resolved.endpointUrl };
  const oldKey: AwsCredentials = { accessKeyId: old.accessKeyId, secretAccessKey: old.secretAccessKey };

  // A user whose policy demands MFA for IAM calls needs a session made with a code.
  let caller = oldKey;
  if (resolved.mfaSerial && !options.noSession) {
    const code = await createMfaCodeSource({
      env: context.env,
      mfaToken: options.mfaToken,
      askOnTerminal: (question, purpose) => promptOnTerminal(question, { secret: false, purpose }),
      renewCommand: `vault-git rotate ${options.profile}`,
    })({ serial: resolved.mfaSerial, profile: options.profile, mfaProcess: resolved.mfaProcess });
    caller = await sts.getSessionToken(oldKey, { profile: options.profile, mfaSerial: resolved.mfaSerial, durationSeconds: 900 }, code, target, context.env);
  }

  const keys = await iam.listAccessKeys(caller, context.env, resolved.endpointUrl);
  const others = keys.filter((key) => key.accessKeyId !== old.accessKeyId);
  if (keys.length >= 2) {
    // Key ids are masked in every line vault-git prints; the last four characters pick it out of the listing.
    throw new VaultGitError(`the IAM user already has two access keys, the most IAM allows; nothing was changed`, {
      hint: `delete the one vault-git does not hold (${others.map((key) => `ending in ${key.accessKeyId.slice(-4)}`).join(', ') || 'see aws iam list-access-keys'}) first: aws iam list-access-keys, then aws iam delete-access-key --access-key-id ID`,
    });
  }

  const fresh = await iam.createAccessKey(caller, context.env, resolved.endpointUrl);
  context.err(`vault-git: created ${maskKeyId(fresh.accessKeyId)}; checking that it works\n`);
  const started = Date.now();
  for (;;) {
    try {
      await sts.getCallerIdentity(fresh, options.profile, target, context.env);
      break;
    } catch (error) {
      if (Date.now() - started < PROPAGATION_MS && /InvalidClientTokenId|SignatureDoesNotMatch/.test((error as Error).message)) {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        continue;
      }
      const cleaned = await iam.deleteAccessKey(caller, fresh.accessKeyId, context.env, resolved.endpointUrl).then(
        () => 'it was deleted again',
        () => `deleting it failed too: delete the key ending in ${fresh.accessKeyId.slice(-4)} with aws iam delete-access-key`,
      );
      throw new VaultGitError(`the new key ${maskKeyId(fresh.accessKeyId)} did not work (${(error as Error).message}); ${cleaned}. Your key ${maskKeyId(old.accessKeyId)} is unchanged, still active and still stored`);
    }
  }

  try {
    await storeLongTermKey(backend, context.env, options.profile, fresh, context.now());
    const stored = await readStoredCredentials(backend, options.profile);
    if (stored?.accessKeyId !== fresh.accessKeyId || stored.secretAccessKey !== fresh.secretAccessKey) throw new Error('the vault did not keep it');
  } catch (error) {
    throw new VaultGitError(
      `the new key ${maskKeyId(fresh.accessKeyId)} works but could not be stored (${(error as Error).message}); the old key ${maskKeyId(old.accessKeyId)} is still active and still the one in the vault`,
      { hint: `delete the new key (ending in ${fresh.accessKeyId.slice(-4)}) with aws iam delete-access-key, then try again` },
    );
  }

  try {
    await iam.deleteAccessKey(caller, old.accessKeyId, context.env, resolved.endpointUrl);
  } catch (error) {
    throw new VaultGitError(`the new key ${maskKeyId(fresh.accessKeyId)} is stored and works, but deleting the old key ${maskKeyId(old.accessKeyId)} failed (${(error as Error).message})`, {
      hint: `delete it yourself (the key ending in ${old.accessKeyId.slice(-4)}): aws iam delete-access-key --access-key-id ID`,
    });
  }
  context.err(`Rotated profile ${options.profile}: ${maskKeyId(old.accessKeyId)} deleted, ${maskKeyId(fresh.accessKeyId)} stored in the ${backend.name} vault; sessions made from the old key were dropped.\n`);
}
