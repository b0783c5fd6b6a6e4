import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHelper } from './runHelper.js';
import { selectCredentialSource } from './selectCredentialSource.js';

const REQUEST = 'protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\npath=v1/repos/warm-up\n\n';

/**
 * Runs the full helper's `get` for a made-up profile, so that the V8 code cache written after it
 * (hot/writeCodeCaches.ts) holds compiled code for what a miss runs: reading the AWS config, preparing the
 * profile, obtaining credentials, signing, writing the hot record. The profile's credentials come from a
 * credential_process (this Node printing fake ones), so no vault, keychain or network is involved, and
 * everything lives in `scratch`: home, config, runtime directory, git directory. Throws unless it signed.
 */
export async function warmFullHelper(scratch: string, nodePath: string): Promise<void> {
  const home = join(scratch, 'home');
  const runtime = join(scratch, 'run');
  mkdirSync(home, { recursive: true });
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  const expiration = new Date(Date.now() + 3600_000).toISOString();
  const printer = join(scratch, 'print-credentials.cjs');
  writeFileSync(
    printer,
    `process.stdout.write(${JSON.stringify(JSON.stringify({ Version: 1, AccessKeyId: 'ASIAWARMUPWARMUPWARM', SecretAccessKey: 'WarmUp+Secret/NotAKey0000000000000000', SessionToken: 'WarmUp+SessionToken/NotAToken000', Expiration: expiration }))})\n`,
  );
  const quote = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;
  writeFileSync(join(scratch, 'config'), `[profile warm-up]\nregion = us-east-1\ncredential_process = ${quote(nodePath)} ${quote(printer)}\n`);
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    PATH: process.env.PATH,
    AWS_CONFIG_FILE: join(scratch, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'credentials'),
    VAULT_GIT_BACKEND: 'file',
    VAULT_GIT_FILE_DIR: join(scratch, 'vault'),
    VAULT_GIT_RUNTIME_DIR: runtime,
    GIT_DIR: join(scratch, 'git'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
  };
  const outcome = await runHelper(['--profile', 'warm-up', 'get'], Buffer.from(REQUEST), {
    env,
    now: () => new Date(),
    selectCredentialSource,
    clearStaleEntries: async () => undefined,
  });
  if (outcome.exitCode !== 0 || !outcome.stdout.includes('password=')) throw new Error(`the full helper's warm-up did not sign (${outcome.stderr.join('; ')})`);
}
