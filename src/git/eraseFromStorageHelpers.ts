import { spawn } from 'node:child_process';
import { attribute, type CredentialRecord } from '../protocol/CredentialRecord.js';
import { formatCredentialReply } from '../protocol/formatCredentialReply.js';
import { helperCommand, storageHelperName } from './classifyHelper.js';
import { listCredentialHelpers } from './listCredentialHelpers.js';

function runShell(command: string, input: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { env, stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', () => resolve());
    child.on('close', () => resolve());
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

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
  const childEnv = { ...env, GIT_TERMINAL_PROMPT: '0' };
  // One after another: `store` rewrites its file under a lock, and two erases at once would collide.
  for (const command of commands.keys()) {
    await runShell(command, request, childEnv);
    if (path) await runShell(command, hostOnly, childEnv);
  }
  return [...new Set(commands.values())];
}
