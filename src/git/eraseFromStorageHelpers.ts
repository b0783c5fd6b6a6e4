import { formatCredentialReply } from '../protocol/formatCredentialReply.js';
import { helperCommand, storageHelperName } from './classifyHelper.js';
import { isCodeCommitPassword } from './isCodeCommitPassword.js';
import { listCredentialHelpers } from './listCredentialHelpers.js';
import { runHelperCommand } from './runHelperCommand.js';
import type { CredentialUrl } from './staleCheckMarker.js';

/** The whole cure may cost a push this much at most, however many helpers are configured or hung. */
const CURE_BUDGET_MS = 3000;
/** Entries of one URL form removed per run at most (one per stale password still stored there). */
const MAX_ERASES_PER_QUERY = 4;

function readAnswer(text: string): { username?: string; password?: string } {
  const answer: { username?: string; password?: string } = {};
  for (const line of text.split('\n')) {
    if (line === '') break;
    const equals = line.indexOf('=');
    if (equals <= 0) continue;
    const key = line.slice(0, equals);
    if (key === 'username' || key === 'password') answer[key] = line.slice(equals + 1).replace(/\r$/, '');
  }
  return answer;
}

/**
 * Returns how many entries were erased. Asks every configured storage helper (as `git config` lists them) what it holds for this URL, first
 * with the repository path, then for the host alone (a helper without useHttpPath files entries there),
 * and erases an entry only when its password is a CodeCommit SigV4 password. The erase names the
 * entry's username and password, never just the host: `store`, `cache` and libsecret read a host-only
 * erase as "everything on this host", which would take other repositories' entries and static IAM
 * Git credentials with it. Each call has a time limit and the whole run a budget.
 */
export async function eraseFromStorageHelpers(url: CredentialUrl, env: NodeJS.ProcessEnv): Promise<number> {
  const deadline = Date.now() + CURE_BUDGET_MS;
  const left = () => deadline - Date.now();
  const helpers = await listCredentialHelpers({ env, timeoutMs: Math.max(1, left()) });
  const commands = new Set(helpers.map((helper) => helper.value).filter((value) => storageHelperName(value) !== undefined));
  const base: Array<[string, string]> = [['protocol', url.protocol], ['host', url.host]];
  const queries: Array<Array<[string, string]>> = url.path ? [[...base, ['path', url.path]], base] : [base];
  let erased = 0;
  // One after another: `store` rewrites its file under a lock, and two erases at once would collide.
  for (const value of commands) {
    for (const query of queries) {
      const refused = new Set<string>();
      for (let round = 0; round < MAX_ERASES_PER_QUERY && left() > 0; round++) {
        const get = await runHelperCommand(helperCommand(value, 'get'), formatCredentialReply(query) + '\n', { env, timeoutMs: Math.min(left(), 2000) });
        if (get.timedOut) break;
        const { username, password } = readAnswer(get.stdout);
        if (!username || !password || !isCodeCommitPassword(password) || refused.has(password)) break;
        // Seen twice means the erase did not take; do not loop on it.
        refused.add(password);
        const request = formatCredentialReply([...query, ['username', username], ['password', password]]) + '\n';
        const erase = await runHelperCommand(helperCommand(value, 'erase'), request, { env, timeoutMs: Math.max(1, Math.min(left(), 2000)) });
        if (erase.timedOut) break;
        erased++;
      }
    }
  }
  return erased;
}
