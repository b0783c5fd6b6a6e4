import type { Argv } from 'yargs';
import { appendProfileSection } from '../../aws/config/appendProfileSection.js';
import { loadAwsConfig } from '../../aws/config/loadAwsConfig.js';
import { UsageError, VaultGitError } from '../../shared/errors.js';
import { maskKeyId } from '../../shared/redact.js';
import { assertValidProfileName } from '../../shared/validateProfileName.js';
import { storeLongTermKey } from '../../vault/storeLongTermKey.js';
import { assertLongTermKeyShape } from '../../vault/validateAccessKey.js';
import type { CliContext } from '../CliContext.js';

export interface AddOptions {
  readonly profile: string;
  readonly env: boolean;
  readonly addConfig: boolean;
  readonly backend: string | undefined;
}

export const addCommand = {
  command: 'add <profile>',
  describe: 'store a long-term AWS key for a profile in the vault',
  builder: (yargs: Argv) =>
    yargs
      .positional('profile', { type: 'string', demandOption: true })
      .option('env', { type: 'boolean', default: false, describe: 'take the key from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY' })
      .option('add-config', { type: 'boolean', default: true, describe: 'add a [profile X] section to ~/.aws/config when missing' })
      .example('$0 add oriishi-t', "store the IAM user's key (asked with echo off)")
      .example('AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… $0 add oriishi-t --env', 'from the environment'),
};

export async function runAdd(options: AddOptions, context: CliContext): Promise<void> {
  assertValidProfileName(options.profile);
  const config = await loadAwsConfig(context.env);
  const section = config.profiles.get(options.profile);
  if (section?.source_profile && section.source_profile !== options.profile) {
    throw new VaultGitError(
      `profile ${options.profile} has source_profile = ${section.source_profile}, so a key stored for it would never be used`,
      { hint: `store the key for the source instead: vault-git add ${section.source_profile}` },
    );
  }

  let accessKeyId: string;
  let secretAccessKey: string;
  if (options.env) {
    accessKeyId = context.env.AWS_ACCESS_KEY_ID ?? '';
    secretAccessKey = context.env.AWS_SECRET_ACCESS_KEY ?? '';
    if (!accessKeyId || !secretAccessKey) throw new UsageError('--env needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment');
  } else {
    accessKeyId = await context.ask('Enter Access Key ID: ', { secret: false, purpose: 'the access key id' });
    secretAccessKey = await context.ask('Enter Secret Access Key: ', { secret: true, purpose: 'the secret access key' });
  }
  accessKeyId = accessKeyId.trim();
  secretAccessKey = secretAccessKey.trim();
  assertLongTermKeyShape(accessKeyId, secretAccessKey);

  const { backend } = await context.openBackend(options.backend);
  const dropped = await storeLongTermKey(backend, context.env, options.profile, { accessKeyId, secretAccessKey }, context.now());

  context.err(`Added ${maskKeyId(accessKeyId)} for profile ${options.profile} to the ${backend.name} vault (${backend.location}).\n`);
  if (dropped > 0) context.err(`Dropped ${dropped} cached session${dropped === 1 ? '' : 's'} made from the previous key.\n`);
  if (options.addConfig && !config.profiles.has(options.profile) && appendProfileSection(config.path, options.profile)) {
    context.err(`Added [${options.profile === 'default' ? 'default' : `profile ${options.profile}`}] to ${config.path}.\n`);
  }
}
