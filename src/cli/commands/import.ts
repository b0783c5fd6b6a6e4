import type { Argv } from 'yargs';
import { loadAwsConfig } from '../../aws/config/loadAwsConfig.js';
import { credentialsFilePath, findCredentialsFileKeys, readCredentialsText, scrubCredentialsFile } from '../../importers/credentialsFile.js';
import type { FoundKey } from '../../importers/FoundKey.js';
import { awsVaultFileDirectory, readAwsVaultFileStore, readAwsVaultSecretService } from '../../importers/readAwsVaultStores.js';
import { UsageError, VaultGitError } from '../../shared/errors.js';
import { maskKeyId } from '../../shared/redact.js';
import { assertValidProfileName } from '../../shared/validateProfileName.js';
import { readStoredCredentials } from '../../vault/StoredCredentials.js';
import { storeLongTermKey } from '../../vault/storeLongTermKey.js';
import { assertLongTermKeyShape } from '../../vault/validateAccessKey.js';
import type { Backend } from '../../vault/Backend.js';
import type { CliContext } from '../CliContext.js';
import { formatTable } from '../formatTable.js';

export interface ImportOptions {
  readonly from: string;
  readonly profile?: string | undefined;
  readonly dryRun: boolean;
  readonly force: boolean;
  readonly scrub: boolean;
  readonly backend?: string | undefined;
}

export const importCommand = {
  command: 'import',
  describe: "copy long-term keys from aws-vault's stores or ~/.aws/credentials into the vault (the sources are left as they are, unless --scrub)",
  builder: (yargs: Argv) =>
    yargs
      .option('from', { type: 'string', demandOption: true, choices: ['aws-vault', 'credentials-file'], describe: 'where the keys are' })
      .option('profile', { type: 'string', describe: 'only this profile' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'show what would be imported; store nothing' })
      .option('force', { type: 'boolean', default: false, describe: 'replace a different key vault-git already holds for a profile' })
      .option('scrub', { type: 'boolean', default: false, describe: 'credentials-file: then remove the imported keys from the file (a 0600 backup first)' })
      .example('$0 import --from aws-vault', "every key aws-vault holds (its Secret Service collection, its file store)")
      .example('$0 import --from credentials-file --scrub', 'move the keys out of the plaintext ~/.aws/credentials'),
};

async function findAwsVaultKeys(options: ImportOptions, context: CliContext): Promise<{ found: FoundKey[]; problems: string[] }> {
  const backend = context.env.AWS_VAULT_BACKEND;
  if (backend !== undefined && backend !== '' && backend !== 'file' && backend !== 'secret-service') {
    throw new UsageError(`AWS_VAULT_BACKEND=${backend.slice(0, 40)}: vault-git imports from aws-vault's file and secret-service stores`);
  }
  const found: FoundKey[] = [];
  const problems: string[] = [];
  if (backend !== 'secret-service') {
    const directory = awsVaultFileDirectory(context.env);
    const passphrase = async () =>
      context.env.AWS_VAULT_FILE_PASSPHRASE ?? context.ask(`Passphrase of aws-vault's file store at ${directory}: `, { secret: true, purpose: "aws-vault's file store passphrase" });
    const report = await readAwsVaultFileStore(directory, passphrase, options.profile);
    found.push(...report.found);
    problems.push(...report.problems);
  }
  if (backend !== 'file' && process.platform === 'linux' && context.env.DBUS_SESSION_BUS_ADDRESS) {
    // aws-vault names its keys after profiles: ask for each profile of the config.
    const config = await loadAwsConfig(context.env);
    const names = options.profile !== undefined ? [options.profile] : [...config.profiles.keys()];
    const report = await readAwsVaultSecretService(names.filter((name) => !found.some((key) => key.profile === name)), context.env);
    found.push(...report.found);
    problems.push(...report.problems);
  }
  return { found, problems };
}

export async function runImport(options: ImportOptions, context: CliContext): Promise<void> {
  if (options.profile !== undefined) assertValidProfileName(options.profile);
  if (options.scrub && options.from !== 'credentials-file') throw new UsageError('--scrub applies to --from credentials-file only; aws-vault\'s stores are always left as they are');
  let found: FoundKey[];
  let problems: string[] = [];
  let credentialsText: string | undefined;
  const credentialsPath = credentialsFilePath(context.env);
  if (options.from === 'aws-vault') {
    ({ found, problems } = await findAwsVaultKeys(options, context));
  } else {
    credentialsText = readCredentialsText(credentialsPath);
    found = credentialsText === undefined ? [] : await findCredentialsFileKeys(credentialsText, credentialsPath, options.profile);
  }
  for (const problem of problems) context.err(`vault-git: ${problem}\n`);
  if (found.length === 0) {
    context.err(`vault-git: no long-term keys found${options.profile ? ` for profile ${options.profile}` : ''} in ${options.from === 'aws-vault' ? "aws-vault's stores" : credentialsPath}; nothing to import\n`);
    return;
  }

  const { backend } = await context.openBackend(options.backend);
  const rows: string[][] = [];
  const safe = new Set<string>();
  let conflicts = 0;
  for (const key of found) {
    const result = await importOne(key, options, backend, context);
    if (result.safe) safe.add(key.profile);
    if (result.conflict) conflicts++;
    rows.push([key.profile, maskKeyId(key.accessKeyId), key.from, result.outcome]);
  }
  context.out(formatTable(['Profile', 'Key', 'From', options.dryRun ? 'Would be' : 'Result'], rows));

  if (options.scrub && !options.dryRun && credentialsText !== undefined && safe.size > 0) {
    const backup = scrubCredentialsFile(credentialsPath, credentialsText, safe, context.now());
    context.err(`Removed the keys of ${[...safe].join(', ')} from ${credentialsPath} (a copy is in ${backup}; delete it once you are sure).\n`);
    context.err('Tools that read that file now get these profiles from vault-git through credential_process = vault-git exec PROFILE --json (docs/profiles-and-mfa.md).\n');
  }
  if (conflicts > 0) {
    throw new VaultGitError(`${conflicts} profile${conflicts === 1 ? '' : 's'} already hold a different key in vault-git's vault; they were left as they are`, { hint: 'compare them with vault-git list; --force replaces them' });
  }
}

async function importOne(key: FoundKey, options: ImportOptions, backend: Backend, context: CliContext): Promise<{ outcome: string; safe: boolean; conflict: boolean }> {
  try {
    assertLongTermKeyShape(key.accessKeyId, key.secretAccessKey);
  } catch (error) {
    return { outcome: `skipped: ${(error as Error).message}`, safe: false, conflict: false };
  }
  const existing = await readStoredCredentials(backend, key.profile);
  if (existing && existing.accessKeyId === key.accessKeyId && existing.secretAccessKey === key.secretAccessKey) return { outcome: 'already in the vault', safe: true, conflict: false };
  if (existing && !options.force) return { outcome: `kept: the vault holds another key (${maskKeyId(existing.accessKeyId)})`, safe: false, conflict: true };
  if (options.dryRun) return { outcome: existing ? 'replaced (--force)' : 'imported', safe: false, conflict: false };
  await storeLongTermKey(backend, context.env, key.profile, key, context.now());
  // Read back before the source may be scrubbed: the copy must be there.
  const stored = await readStoredCredentials(backend, key.profile);
  const ok = stored?.accessKeyId === key.accessKeyId && stored.secretAccessKey === key.secretAccessKey;
  return { outcome: ok ? (existing ? 'replaced' : 'imported') : 'failed: the vault did not keep it', safe: ok, conflict: false };
}
