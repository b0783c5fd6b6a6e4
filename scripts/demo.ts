// `npm run demo`: the whole product in a minute, on this machine, without AWS. A local STS (which checks
// signatures and MFA codes) and a local CodeCommit-like HTTPS server (which checks SigV4 passwords) run on
// 127.0.0.1; a throwaway HOME holds the AWS config and an encrypted file vault. Every step prints the
// command it runs and what it said.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeCodeCommitServer } from '../test/support/fakeCodeCommitServer.js';
import { createIsolatedEnvironment } from '../test/support/isolatedEnvironment.js';
import { LocalSts } from '../test/support/localSts.js';
import { vaultGitBin } from '../test/support/projectPaths.js';
import { runProcess } from '../test/support/runProcess.js';

const HOST = 'git-codecommit.eu-west-1.amazonaws.com';
const MFA_SERIAL = 'arn:aws:iam::000000000000:mfa/demo-user';
const ROLE = 'arn:aws:iam::111111111111:role/Developer';

function step(title: string): void {
  process.stdout.write(`\n== ${title}\n`);
}

/** Runs a step asynchronously: the local servers live in this process and must keep answering meanwhile. */
async function run(display: string, command: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): Promise<string> {
  process.stdout.write(`$ ${display}\n`);
  const result = await runProcess(command, args, { env: options.env, cwd: options.cwd });
  const output = `${result.stdout}${result.stderr}`.trimEnd();
  if (output) process.stdout.write(output.replace(/^/gm, '  ') + '\n');
  if (result.code !== 0) throw new Error(`demo step failed (exit ${result.code}): ${display}`);
  return result.stdout;
}

const sts = await LocalSts.start();
const codecommit = await FakeCodeCommitServer.start([HOST]);
const isolated = createIsolatedEnvironment({ AWS_ENDPOINT_URL_STS: sts.endpoint, VAULT_GIT_FILE_PASSPHRASE: 'demo passphrase' });
try {
  sts.onIssue = (credentials) => codecommit.allowKey(credentials.accessKeyId, credentials);
  const key = sts.addUser('demo-user');
  sts.addMfaDevice('demo-user', MFA_SERIAL);
  sts.addRole(ROLE, { trustedUsers: ['demo-user'], requireMfa: true });
  codecommit.createRepository('demo');
  const env = isolated.env;
  for (const [name, value] of codecommit.gitConfigEntries()) execFileSync('git', ['config', '--global', '--add', name, value], { env });

  step(`Local STS at ${sts.endpoint}, CodeCommit-like server for ${HOST} on 127.0.0.1:${codecommit.port}, HOME=${isolated.home}`);
  writeFileSync(
    env.AWS_CONFIG_FILE!,
    `[profile demo-user]\nregion = eu-west-1\n\n[profile dev]\nsource_profile = demo-user\nrole_arn = ${ROLE}\nmfa_serial = ${MFA_SERIAL}\nregion = eu-west-1\n`,
  );
  process.stdout.write(`~/.aws/config:\n${`[profile demo-user]\nregion = eu-west-1\n\n[profile dev]\nsource_profile = demo-user\nrole_arn = ${ROLE}\nmfa_serial = ${MFA_SERIAL}\nregion = eu-west-1`.replace(/^/gm, '  ')}\n`);

  step('Store the IAM user key in the vault (the encrypted file backend here; the OS keychain where one runs)');
  await run('vault-git add demo-user --env', vaultGitBin, ['add', 'demo-user', '--env'], { env: { ...env, AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey } });

  step('What a push as "dev" will take: one MFA session on demo-user, then the role');
  await run('vault-git exec dev --plan', vaultGitBin, ['exec', 'dev', '--plan'], { env });

  step('Morning: one MFA code (here from the virtual device; normally typed at the prompt)');
  const code = sts.currentCode(MFA_SERIAL);
  await run(`vault-git exec dev --mfa-token ${code} -- sh -c 'echo "AWS_VAULT=$AWS_VAULT"'`, vaultGitBin, ['exec', 'dev', '--mfa-token', code, '--', 'sh', '-c', 'echo "AWS_VAULT=$AWS_VAULT"'], { env });

  step('Wire a CodeCommit remote so only vault-git answers for it, then push');
  const work = join(isolated.root, 'work');
  execFileSync('git', ['init', '-q', work], { env });
  await run(`vault-git setup origin --profile dev --url ${codecommit.repoUrl('demo')} --write`, vaultGitBin, ['setup', 'origin', '--profile', 'dev', '--url', codecommit.repoUrl('demo'), '--write'], { env, cwd: work });
  await run('git config --get-regexp "^(remote|credential)\\."', 'git', ['config', '--get-regexp', '^(remote|credential)\\.'], { env, cwd: work });
  execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'pushed through vault-git'], { env, cwd: work });
  await run('git push origin HEAD:demo-branch', 'git', ['push', 'origin', 'HEAD:demo-branch'], { env, cwd: work });
  process.stdout.write(`  (the server checked the SigV4 password; STS calls so far: ${sts.calls.map((c) => c.action).join(', ')})\n`);

  step('Every later push uses the cached sessions: no prompt, no STS call');
  const before = sts.calls.length;
  execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'second push'], { env, cwd: work });
  await run('git push origin HEAD:demo-branch', 'git', ['push', 'origin', 'HEAD:demo-branch'], { env, cwd: work });
  process.stdout.write(`  (STS calls for this push: ${sts.calls.length - before})\n`);

  step('What is stored, and a health check');
  await run('vault-git list', vaultGitBin, ['list'], { env });
  await run('vault-git setup --list', vaultGitBin, ['setup', '--list'], { env, cwd: work });
  await run('vault-git doctor', vaultGitBin, ['doctor'], { env, cwd: work });
  process.stdout.write('\nDemo finished: everything ran on 127.0.0.1 and in a temporary HOME, which is now removed.\n');
} finally {
  await sts.stop();
  await codecommit.stop();
  isolated.cleanup();
}
