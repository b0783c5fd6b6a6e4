import { helperCommand, storageHelperName } from '../git/classifyHelper.js';
import { listCredentialHelpers } from '../git/listCredentialHelpers.js';
import { runGit } from '../git/runGit.js';
import { runHelperCommand } from '../git/runHelperCommand.js';
import { isCodeCommitPassword } from '../git/isCodeCommitPassword.js';
import { resetChecked } from '../git/staleCheckMarker.js';
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

  // Stale entries: ask each storage helper what it would hand git for each CodeCommit URL. Only a SigV4
  // password is stale by nature; a static IAM Git credential is the user's and is only mentioned.
  const seen = new Set<string>();
  for (const setup of setups) {
    const url = new URL(setup.url);
    const target = { protocol: url.protocol.slice(0, -1), host: url.host, path: url.pathname.slice(1) };
    for (const helper of storage) {
      const key = `${helper.value}\0${url.host}${url.pathname}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const base: Array<[string, string]> = [['protocol', target.protocol], ['host', target.host]];
      const answers = await Promise.all([
        runHelperCommand(helperCommand(helper.value, 'get'), formatCredentialReply([...base, ['path', target.path]]) + '\n', { cwd, env }),
        runHelperCommand(helperCommand(helper.value, 'get'), formatCredentialReply(base) + '\n', { cwd, env }),
      ]);
      const passwords = answers.map((answer) => /^password=(.*)$/m.exec(answer.stdout)?.[1]).filter((p): p is string => p !== undefined);
      const name = storageHelperName(helper.value);
      if (passwords.some(isCodeCommitPassword)) {
        // The helper's throttle would otherwise skip this URL for a few minutes and make the fix below untrue.
        resetChecked(target, env);
        findings.push({
          check: 'stale-entries',
          status: 'problem',
          message: `${name} holds a CodeCommit SigV4 password for ${url.host}${url.pathname}; once expired it is what gives HTTP 403`,
          fix:
            setup.problems.length === 0
              ? `git fetch ${setup.remote}   (vault-git's helper then erases that entry, and only entries whose password is a CodeCommit SigV4 password)`
              : `vault-git setup ${setup.remote} --profile ${setup.profile ?? 'PROFILE'} --url ${setup.url} --write, then git fetch ${setup.remote}`,
        });
      } else if (passwords.length > 0) {
        const user = /^username=(.*)$/m.exec(answers.find((answer) => /^password=/m.test(answer.stdout))!.stdout)?.[1];
        const mention = `${name}\0${url.host}\0${user ?? ''}`;
        if (seen.has(mention)) continue;
        seen.add(mention);
        findings.push({
          check: 'stale-entries',
          status: 'info',
          message: `${name} holds a static credential for ${url.host}${user ? ` (user ${user})` : ''}, not a CodeCommit SigV4 password; vault-git leaves it alone`,
        });
      }
    }
  }
  if (setups.length > 0 && !findings.some((finding) => finding.check === 'stale-entries' && finding.status === 'problem')) {
    findings.push({ check: 'stale-entries', status: 'ok', message: storage.length === 0 ? 'no storage helper is configured' : 'no stored CodeCommit passwords found' });
  }
  return findings;
}
