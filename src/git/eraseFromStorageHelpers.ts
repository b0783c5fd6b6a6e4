import { attribute, type CredentialRecord } from '../protocol/CredentialRecord.js';
import { formatCredentialReply } from '../protocol/formatCredentialReply.js';
import { helperCommand, storageHelperName } from './classifyHelper.js';
import { listCredentialHelpers } from './listCredentialHelpers.js';
import { runHelperCommand } from './runHelperCommand.js';

/** Asks every configured storage helper (as `git config` lists them) to erase its entry for this host and path. */
export async function eraseFromStorageHelpers(record: CredentialRecord, env: NodeJS.ProcessEnv): Promise<string[]> {
  const helpers = await listCredentialHelpers({ env });
  const commands = new Map<string, string>();
  for (const helper of helpers) {
    const name = storageHelperName(helper.value);
    if (name) commands.set(helperCommand(helper.value, 'erase'), name);
  }
  if (commands.size === 0) return [];
  const fields: Array<[string, string]> = [
    ['protocol', attribute(record, 'protocol') ?? 'https'],
    ['host', attribute(record, 'host') ?? ''],
  ];
  const path = attribute(record, 'path');
  if (path) fields.push(['path', path]);
  const request = formatCredentialReply(fields) + '\n';
  // Without `path` too: a helper configured without useHttpPath filed the entry under the host alone.
  const hostOnly = formatCredentialReply(fields.slice(0, 2)) + '\n';
  // One after another: `store` rewrites its file under a lock, and two erases at once would collide.
  for (const command of commands.keys()) {
    await runHelperCommand(command, request, { env });
    if (path) await runHelperCommand(command, hostOnly, { env });
  }
  return [...new Set(commands.values())];
}
