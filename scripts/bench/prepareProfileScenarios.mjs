// Bench cases for the vault-backed hot path: `get --profile env1` answered from a cached role session, in
// the file vault and (when a Secret Service can be started here) in the keychain; and `vault-git list`,
// the cost of a plain CLI command (yargs loaded). Sessions are made once, before timing, against the local
// STS from the test support code; the STS is stopped before timing, so a case that called it would fail.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIsolatedEnvironment } from '../../build/test/support/isolatedEnvironment.js';
import { LocalSts } from '../../build/test/support/localSts.js';
import { runProcess } from '../../build/test/support/runProcess.js';
import { secretServiceAvailable, startSecretService } from '../../build/test/support/startSecretService.js';

const SERIAL = 'arn:aws:iam::000000000000:mfa/bench';
const ROLE = 'arn:aws:iam::111111111111:role/Bench';
const cleanups = [];
process.on('exit', () => cleanups.forEach((cleanup) => cleanup()));

async function scenario(root, backend, baseEnv, extraEnv, sts, key) {
  const isolated = createIsolatedEnvironment({ ...extraEnv, VAULT_GIT_BACKEND: backend, VAULT_GIT_FILE_PASSPHRASE: 'bench passphrase', AWS_ENDPOINT_URL_STS: sts.endpoint });
  cleanups.push(() => isolated.cleanup());
  const env = { ...isolated.env, PATH: baseEnv.PATH };
  writeFileSync(env.AWS_CONFIG_FILE, `[profile base]\n[profile env1]\nsource_profile = base\nrole_arn = ${ROLE}\nmfa_serial = ${SERIAL}\n`);
  const bin = join(root, 'bin/vault-git');
  for (const args of [['add', 'base', '--env'], ['exec', 'env1', '--mfa-token', sts.currentCode(SERIAL), '--', 'true']]) {
    const result = await runProcess(bin, args, { env: { ...env, AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey } });
    if (result.code !== 0) throw new Error(`bench set-up failed: ${result.stderr}`);
  }
  // The helper on git's hot path must not need the passphrase: leave it out.
  const { VAULT_GIT_FILE_PASSPHRASE, ...helperEnv } = env;
  return { env, helperEnv };
}

export async function prepareProfileScenarios({ root, baseEnv, request }) {
  const sts = await LocalSts.start();
  const key = sts.addUser('bench');
  sts.addMfaDevice('bench', SERIAL);
  sts.addRole(ROLE, { trustedUsers: ['bench'], requireMfa: true });
  const cases = [];
  const file = await scenario(root, 'file', baseEnv, {}, sts, key);
  cases.push({ name: 'git-credential-vault --profile env1 get (file vault, cached session)', command: process.execPath, args: [join(root, 'dist/git-credential-vault.cjs'), '--profile', 'env1', 'get'], env: file.helperEnv, input: request });
  if (secretServiceAvailable()) {
    const service = await startSecretService();
    cleanups.push(() => service.stop());
    const keychain = await scenario(root, 'keychain', baseEnv, service.env, sts, key);
    cases.push({ name: 'git-credential-vault --profile env1 get (keychain, cached session)', command: process.execPath, args: [join(root, 'dist/git-credential-vault.cjs'), '--profile', 'env1', 'get'], env: keychain.helperEnv, input: request });
    cases.push({ name: 'vault-git list (keychain; CLI with yargs)', command: process.execPath, args: [join(root, 'dist/vault-git.cjs'), 'list'], env: keychain.env, check: 'Profile' });
  }
  await sts.stop();
  return cases;
}
