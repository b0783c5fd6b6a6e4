import { helperCommand, storageHelperName } from '../git/classifyHelper.js';
import { listCredentialHelpers } from '../git/listCredentialHelpers.js';
import { runGit } from '../git/runGit.js';
import { runHelperCommand } from '../git/runHelperCommand.js';
import { formatCredentialReply } from '../protocol/formatCredentialReply.js';
import { effectiveHelpers, readRemoteSetups } from '../setup/readRemoteSetups.js';
import type { Finding } from './Finding.js';

/**
 * Everything about git that makes CodeCommit pushes fail: remotes without a complete credential section,
 * storage helpers (system or global) that would answer or store for CodeCommit URLs, and stale CodeCommit
 * passwords already sitting in the stores doctor can read.
 */
export async function checkGitSetup(cwd: string | undefined, env: NodeJS.ProcessEnv): Promise<Finding[]> {
  const findings: Finding[] = [];
  const inRepo = (await runGit(['rev-parse', '--git-dir'], { cwd, env })).code === 0;
  const helpers = await listCredentialHelpers({ cwd, env });
  const storage = helpers.filter((helper) => storageHelperName(helper.value) !== undefined);
  const setups = inRepo ? (await readRemoteSetups({ cwd, env })).filter((setup) => setup.codecommit) : [];

  if (!inRepo) findings.push({ check: 'remotes', status: 'skipped', message: 'not inside a git repository (use --repo DIR to check one)' });
  else if (setups.length === 0) findings.push({ check: 'remotes', status: 'info', message: 'this repository has no CodeCommit remotes' });
  for (const setup of setups) {
    if (setup.problems.length === 0) {
      findings.push({ check: 'remotes', status: 'ok', message: `remote ${setup.remote} pushes with profile ${setup.profile ?? '?'} and only vault-git answers for it` });
    } else {
      findings.push({
        check: 'remotes',
        status: 'problem',
        message: `remote ${setup.remote} (${setup.url}): ${setup.problems.join('; ')}`,
        fix: `vault-git setup ${setup.remote} --profile ${setup.profile ?? 'PROFILE'} --url ${setup.url} --write`,
      });
    }
  }

  for (const helper of storage) {
    if (helper.scope !== 'system' && helper.scope !== 'global') continue;
    const reaching = setups.filter((setup) => effectiveHelpers(helpers, setup.url).includes(helper.value));
    const name = storageHelperName(helper.value);
    if (reaching.length > 0) {
      findings.push({
        check: 'storage-helpers',
        status: 'problem',
        message: `the ${helper.scope} helper "${helper.value}" also stores passwords for ${reaching.map((s) => s.remote).join(', ')}: a stored CodeCommit password expires in ~15 minutes and then gives 403`,
        fix: `vault-git setup ${reaching[0]!.remote} --profile ${reaching[0]!.profile ?? 'PROFILE'} --url ${reaching[0]!.url} --write (adds the "helper =" reset for that URL)`,
      });
    } else {
      findings.push({
        check: 'storage-helpers',
        status: 'info',
        message: `the ${helper.scope} helper ${name} is configured; CodeCommit URLs set up by vault-git reset it, others would let it store expiring passwords`,
      });
    }
  }

  // Stale entries: ask each storage helper what it would hand git for each CodeCommit URL.
  const seen = new Set<string>();
  for (const setup of setups) {
    const url = new URL(setup.url);
    for (const helper of storage) {
      const key = `${helper.value}\0${url.host}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const base: Array<[string, string]> = [['protocol', url.protocol.slice(0, -1)], ['host', url.host]];
      const answers = await Promise.all([
        runHelperCommand(helperCommand(helper.value, 'get'), formatCredentialReply(base) + '\n', { cwd, env }),
        runHelperCommand(helperCommand(helper.value, 'get'), formatCredentialReply([...base, ['path', url.pathname.slice(1)]]) + '\n', { cwd, env }),
      ]);
      if (answers.some((answer) => /^password=/m.test(answer))) {
        findings.push({
          check: 'stale-entries',
          status: 'problem',
          message: `${storageHelperName(helper.value)} holds a CodeCommit password for ${url.host}; once expired it is what gives HTTP 403`,
          fix: `printf 'protocol=${url.protocol.slice(0, -1)}\\nhost=${url.host}\\n\\n' | ${helperCommand(helper.value, 'erase')}   (vault-git's helper also erases it on the next fetch once the remote is set up)`,
        });
      }
    }
  }
  if (setups.length > 0 && !findings.some((finding) => finding.check === 'stale-entries')) {
    findings.push({ check: 'stale-entries', status: 'ok', message: storage.length === 0 ? 'no storage helper is configured' : 'no stored CodeCommit passwords found' });
  }
  return findings;
}
