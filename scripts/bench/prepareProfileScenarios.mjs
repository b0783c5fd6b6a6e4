// Bench cases for the vault-backed helper: `get --profile env1` answered from the hot record (plain on a
// tmpfs runtime directory, sealed on a disk-backed one) in the file vault and the keychain, the same with
// the hot record removed before every run (the full path: a "miss"), and `vault-git list`, the cost of a
// plain CLI command (yargs loaded). The hot records are the helper's own, written by the miss of a first
// get as on a first push (they carry the signing key of the request's region); one keychain case keeps the
// record `exec` wrote, which has no key for that region, so each get derives it (four HMACs more).
// Sessions are made once, before timing, against the local STS from the test support code; the STS is
// stopped before timing, so a case that called it would fail.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIsolatedEnvironment } from '../../build/test/support/isolatedEnvironment.js';
import { LocalSts } from '../../build/test/support/localSts.js';
import { runProcess } from '../../build/test/support/runProcess.js';
import { secretServiceAvailable, startSecretService } from '../../build/test/support/startSecretService.js';

const SERIAL = 'arn:aws:iam::000000000000:mfa/bench';
const ROLE = 'arn:aws:iam::111111111111:role/Bench';
const cleanups = [];
process.on('exit', () => cleanups.forEach((cleanup) => cleanup()));

/** A private directory on a tmpfs when the machine has one (/dev/shm), as XDG_RUNTIME_DIR is on a desktop. */
function tmpfsRuntimeDirectory() {
  try {
    const dir = mkdtempSync('/dev/shm/vault-git-bench-');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  } catch {
    return undefined;
  }
}

let users = 0;

async function scenario(root, backend, baseEnv, extraEnv, sts, { request, recordFrom = 'helper' }) {
  // A user and MFA device of its own: a TOTP code is accepted once.
  const user = `bench-${users++}`;
  const serial = `${SERIAL}-${user}`;
  const key = sts.addUser(user);
  sts.addMfaDevice(user, serial);
  sts.addRole(`${ROLE}-${user}`, { trustedUsers: [user], requireMfa: true });
  const isolated = createIsolatedEnvironment({ ...extraEnv, VAULT_GIT_BACKEND: backend, VAULT_GIT_FILE_PASSPHRASE: 'bench passphrase', AWS_ENDPOINT_URL_STS: sts.endpoint });
  cleanups.push(() => isolated.cleanup());
  const env = { ...isolated.env, PATH: baseEnv.PATH };
  writeFileSync(env.AWS_CONFIG_FILE, `[profile base]\n[profile env1]\nsource_profile = base\nrole_arn = ${ROLE}-${user}\nmfa_serial = ${serial}\n`);
  const bin = join(root, 'bin/vault-git');
  for (const args of [['add', 'base', '--env'], ['exec', 'env1', '--mfa-token', sts.currentCode(serial), '--', 'true']]) {
    const result = await runProcess(bin, args, { env: { ...env, AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey } });
    if (result.code !== 0) throw new Error(`bench set-up failed: ${result.stderr}`);
  }
  // The helper on git's hot path must not need the passphrase: leave it out.
  const { VAULT_GIT_FILE_PASSPHRASE, ...helperEnv } = env;
  const runtime = env.VAULT_GIT_RUNTIME_DIR;
  const dropHotRecords = () => {
    for (const file of readdirSync(runtime)) if (file.startsWith('hot-')) rmSync(join(runtime, file));
  };
  if (recordFrom === 'helper') {
    dropHotRecords();
    const first = spawnSync(process.execPath, [join(root, 'dist/git-credential-vault.cjs'), '--profile', 'env1', 'get'], { env: helperEnv, input: request });
    if (first.status !== 0 || !readdirSync(runtime).some((file) => file.startsWith('hot-'))) throw new Error(`bench set-up: the first get wrote no hot record: ${first.stderr}`);
  }
  return { env, helperEnv, dropHotRecords };
}

export async function prepareProfileScenarios({ root, baseEnv, request }) {
  const sts = await LocalSts.start();
  const helper = [join(root, 'dist/git-credential-vault.cjs'), '--profile', 'env1', 'get'];
  const cases = [];
  const tmpfs = tmpfsRuntimeDirectory();
  const file = await scenario(root, 'file', baseEnv, tmpfs ? { VAULT_GIT_RUNTIME_DIR: tmpfs } : {}, sts, { request });
  cases.push({ name: `git-credential-vault --profile env1 get, file vault, hot record (${tmpfs ? 'plain, tmpfs' : 'sealed, disk'})`, command: process.execPath, args: helper, env: file.helperEnv, input: request });
  const sealed = await scenario(root, 'file', baseEnv, {}, sts, { request });
  cases.push({ name: 'git-credential-vault --profile env1 get, file vault, hot record (sealed, disk)', command: process.execPath, args: helper, env: sealed.helperEnv, input: request });
  const miss = await scenario(root, 'file', baseEnv, tmpfs ? { VAULT_GIT_RUNTIME_DIR: tmpfsRuntimeDirectory() } : {}, sts, { request });
  cases.push({ name: 'git-credential-vault --profile env1 get, file vault, no hot record (full path)', command: process.execPath, args: helper, env: miss.helperEnv, input: request, prepare: miss.dropHotRecords });
  if (secretServiceAvailable()) {
    const service = await startSecretService();
    cleanups.push(() => service.stop());
    const runtimeDir = () => (tmpfs ? { VAULT_GIT_RUNTIME_DIR: tmpfsRuntimeDirectory() } : {});
    const keychain = await scenario(root, 'keychain', baseEnv, { ...service.env, ...runtimeDir() }, sts, { request });
    cases.push({ name: 'git-credential-vault --profile env1 get, keychain, hot record', command: process.execPath, args: helper, env: keychain.helperEnv, input: request });
    // A keychain of its own: the profile names are the same, and `add` would replace the other's key and sessions.
    const secondService = await startSecretService();
    cleanups.push(() => secondService.stop());
    const fromExec = await scenario(root, 'keychain', baseEnv, { ...secondService.env, ...runtimeDir() }, sts, { request, recordFrom: 'exec' });
    cases.push({ name: 'git-credential-vault --profile env1 get, keychain, hot record written by exec (no signing key for the region)', command: process.execPath, args: helper, env: fromExec.helperEnv, input: request });
    cases.push({ name: 'git-credential-vault --profile env1 get, keychain, no hot record (full path)', command: process.execPath, args: helper, env: keychain.helperEnv, input: request, prepare: keychain.dropHotRecords });
    cases.push({ name: 'vault-git list (keychain; CLI with yargs)', command: process.execPath, args: [join(root, 'dist/vault-git.cjs'), 'list'], env: keychain.env, check: 'Profile' });
  }
  await sts.stop();
  return cases;
}
