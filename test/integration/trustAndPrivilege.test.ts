import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertNoSecrets } from '../support/assertNoSecrets.js';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolatedEnvironment.js';
import { LocalSts } from '../support/localSts.js';
import { helperBin, vaultGitBin } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';
import { ENV1_ROLE, MFA_SERIAL, startSessionScenario, type SessionScenario } from '../support/sessionScenario.js';

const isRoot = process.getuid?.() === 0;

describe('issue 9: the fallback runtime directory is used only when it is ours', () => {
  let sts: LocalSts;
  let isolated: IsolatedEnvironment;
  let env: NodeJS.ProcessEnv;
  let temp: string;
  let victim: string;
  const fallback = () => join(temp, `vault-git-${process.getuid!()}`);
  const vaultGit = (args: string[], extra: NodeJS.ProcessEnv = {}, cwd?: string) => runProcess(vaultGitBin, args, { env: { ...env, ...extra }, cwd });

  before(async () => {
    sts = await LocalSts.start();
    const key = sts.addUser('cron-user');
    isolated = createIsolatedEnvironment({ AWS_ENDPOINT_URL_STS: sts.endpoint, VAULT_GIT_FILE_PASSPHRASE: 'runtime dir passphrase' });
    // As under cron, su or in a container: neither runtime variable is set, so the temp directory is used.
    env = { ...isolated.env };
    delete env.VAULT_GIT_RUNTIME_DIR;
    delete env.XDG_RUNTIME_DIR;
    temp = join(isolated.root, 'tmp');
    mkdirSync(temp);
    env.TMPDIR = temp;
    writeFileSync(env.AWS_CONFIG_FILE!, '[profile plain]\nregion = eu-west-1\n');
    const added = await runProcess(vaultGitBin, ['add', 'plain', '--env'], { env: { ...env, AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey } });
    assert.equal(added.code, 0, added.stderr);
    victim = join(isolated.root, 'victim');
    writeFileSync(victim, 'precious\n');
  });
  after(async () => {
    await sts.stop();
    isolated.cleanup();
  });

  it('a directory another user made first, with a planted session key and links, is refused and nothing is written through it', { skip: !isRoot && 'needs root to chown' }, async () => {
    const dir = fallback();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { mode: 0o777 });
    chmodSync(dir, 0o777);
    chownSync(dir, 65534, 65534);
    const vaultTag = createHash('sha256').update(env.VAULT_GIT_FILE_DIR!).digest('hex').slice(0, 16);
    const plantedKey = randomBytes(32);
    writeFileSync(join(dir, `session-key-${vaultTag}`), plantedKey);
    symlinkSync(isolated.root, join(dir, 'locks'));
    for (let n = 0; n < 3; n++) symlinkSync(victim, join(dir, `stale-check-planted-${n}`));

    const exec = await vaultGit(['exec', 'plain', '--', 'true']);
    assert.equal(exec.code, 1, exec.stderr);
    assert.match(exec.stderr, /no private runtime directory|runtime directory .* belongs to uid 65534/);
    assert.match(exec.stderr, /hint: set XDG_RUNTIME_DIR \(or VAULT_GIT_RUNTIME_DIR\) to a directory only you can read/);
    assert.doesNotMatch(exec.stderr, /\n\s+at /);
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
    assert.deepEqual(readFileSync(join(dir, `session-key-${vaultTag}`)), plantedKey, 'the planted key was not replaced');
    assert.equal(readdirSync(env.VAULT_GIT_FILE_DIR!).filter((f) => f.startsWith('s-')).length, 0, 'no session was sealed under the planted key');
    assert.ok(!readdirSync(isolated.root).some((f) => f.startsWith('refresh-')), 'no lock was made through the planted link');

    // The helper with a storing helper configured: its throttle marker is not written through a link either.
    const gitEnv = { ...env, GIT_CONFIG_PARAMETERS: "'credential.helper'='store'" };
    const get = await runProcess(helperBin, ['--profile', 'plain', 'get'], { env: gitEnv, input: 'protocol=https\nhost=git-codecommit.eu-west-1.amazonaws.com\npath=v1/repos/r\n\n' });
    assert.equal(get.signal, null);
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a link in place of the directory is refused', async () => {
    const real = join(isolated.root, 'elsewhere');
    mkdirSync(real, { mode: 0o700 });
    const linked = join(isolated.root, 'linked-runtime');
    symlinkSync(real, linked);
    const exec = await vaultGit(['exec', 'plain', '--', 'true'], { VAULT_GIT_RUNTIME_DIR: linked });
    assert.equal(exec.code, 1);
    assert.match(exec.stderr, /runtime directory .*linked-runtime is a symbolic link|no private runtime directory/);
    assert.deepEqual(readdirSync(real), []);
  });

  it('its own directory, private, is made and used; a relative XDG_RUNTIME_DIR is ignored', async () => {
    const cwd = join(isolated.root, 'cwd');
    mkdirSync(cwd);
    const exec = await vaultGit(['exec', 'plain', '--', 'true'], { XDG_RUNTIME_DIR: 'relative-runtime' }, cwd);
    assert.equal(exec.code, 0, exec.stderr);
    assert.equal(existsSync(join(cwd, 'relative-runtime')), false);
    const stat = lstatSync(fallback());
    assert.ok(stat.isDirectory());
    assert.equal(stat.mode & 0o777, 0o700);
    assert.ok(readdirSync(fallback()).some((f) => f.startsWith('session-key-')));
  });

  it('a relative VAULT_GIT_RUNTIME_DIR is a usage error', async () => {
    const exec = await vaultGit(['exec', 'plain', '--', 'true'], { VAULT_GIT_RUNTIME_DIR: 'not/absolute' });
    assert.equal(exec.code, 2, exec.stderr);
    assert.match(exec.stderr, /^vault-git: VAULT_GIT_RUNTIME_DIR="not\/absolute" is not an absolute path$/m);
  });
});

describe('issue 9: credentials are checked before they are cached or printed; exports are quoted; secrets stay off argv and out of children', () => {
  let s: SessionScenario;
  let env: NodeJS.ProcessEnv;
  let bin: string;
  const vaultGit = (args: string[], extra: NodeJS.ProcessEnv = {}) => runProcess(vaultGitBin, args, { env: { ...env, ...extra } });
  const script = (name: string, body: string) => {
    const path = join(bin, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };

  before(async () => {
    s = await startSessionScenario();
    env = s.env;
    bin = join(s.isolated.root, 'bin');
    mkdirSync(bin);
    const future = new Date(Date.now() + 3600_000).toISOString();
    const past = new Date(Date.now() - 60_000).toISOString();
    const json = (token: string, expiration = future, keyId = 'ASIAPROCESS000000001') =>
      JSON.stringify({ Version: 1, AccessKeyId: keyId, SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', SessionToken: token, Expiration: expiration });
    const marker = join(s.isolated.root, 'pwned');
    writeFileSync(
      env.AWS_CONFIG_FILE!,
      readFileSync(env.AWS_CONFIG_FILE!, 'utf8') +
        `
[profile hostile]
credential_process = ${script('hostile', `printf '%s' '${json(`abc$(touch ${marker})def`)}'`)}

[profile newline]
credential_process = ${script('newline', `printf '%s' '${json('IQoJtoken1234567890', future, 'ASIAPROCESS0000\\n0001')}'`)}

[profile expired]
credential_process = ${script('expired', `printf '%s' '${json('IQoJtoken1234567890', past)}'`)}

[profile good]
region = eu-central-1
credential_process = ${script('good', `env > '${join(s.isolated.root, 'credential-process.env')}'; printf '%s' '${json('IQoJ+good/token=with=base64+chars/')}'`)}

[profile long]
source_profile = oriishi-t
role_arn = ${ENV1_ROLE}
mfa_serial = ${MFA_SERIAL}
duration_seconds = 7200
mfa_process = ${script('mfa', `env > '${join(s.isolated.root, 'mfa-process.env')}'; cat '${join(s.isolated.root, 'code')}'`)}
`,
    );
  });
  after(async () => s.stop());

  it('a SessionToken carrying shell code is refused with one line; nothing reaches stdout, nothing runs', async () => {
    for (const format of ['export-env', 'env', 'json', 'ini']) {
      const result = await vaultGit(['export', 'hostile', '--format', format]);
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^vault-git: profile hostile: credential_process gave credentials with a session token outside the base64 alphabet; they were not used or cached$/m);
    }
    assert.equal(existsSync(join(s.isolated.root, 'pwned')), false);
  });

  it('a key id with a newline and expired credentials are refused', async () => {
    const newline = await vaultGit(['export', 'newline']);
    assert.equal(newline.code, 1);
    assert.match(newline.stderr, /an access key id that is not one/);
    const expired = await vaultGit(['exec', 'expired', '--', 'true']);
    assert.equal(expired.code, 1);
    assert.match(expired.stderr, /^vault-git: profile expired: credential_process gave credentials that expired at .*; they were not used$/m);
  });

  it('export-env reads back exactly through eval in sh; env quotes nothing it need not', async () => {
    const evaluated = await runProcess('sh', ['-c', `eval "$('${vaultGitBin}' export good --format export-env)" && printf '%s|%s|%s' "$AWS_ACCESS_KEY_ID" "$AWS_SESSION_TOKEN" "$AWS_REGION"`], { env });
    assert.equal(evaluated.code, 0, evaluated.stderr);
    assert.equal(evaluated.stdout, 'ASIAPROCESS000000001|IQoJ+good/token=with=base64+chars/|eu-central-1');
    const exported = await vaultGit(['export', 'good', '--format', 'export-env']);
    assert.match(exported.stdout, /^export AWS_SESSION_TOKEN='IQoJ\+good\/token=with=base64\+chars\/'$/m);
    const plain = await vaultGit(['export', 'good', '--format', 'env']);
    assert.match(plain.stdout, /^AWS_SESSION_TOKEN=IQoJ\+good\/token=with=base64\+chars\/$/m);
  });

  it('an STS answer with a newline in the key id is not cached: the next run asks STS again', async () => {
    s.sts.tamperNext = (issued) => ({ ...issued, accessKeyId: `${issued.accessKeyId.slice(0, 8)}\n${issued.accessKeyId.slice(8)}` });
    const before = s.sts.count('GetSessionToken');
    const broken = await vaultGit(['exec', 'oriishi-t', '--', 'true']);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /^vault-git: profile oriishi-t: STS GetSessionToken gave credentials with an access key id that is not one .*; they were not used or cached$/m);
    const again = await vaultGit(['exec', 'oriishi-t', '--', 'true']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(s.sts.count('GetSessionToken'), before + 2, 'the broken answer was not served from the cache');
  });

  it('VAULT_GIT_FILE_PASSPHRASE never reaches exec, credential_process or mfa_process children', async () => {
    assert.ok(env.VAULT_GIT_FILE_PASSPHRASE);
    const exec = await vaultGit(['exec', 'good', '--', 'env']);
    assert.equal(exec.code, 0, exec.stderr);
    assert.match(exec.stdout, /^AWS_VAULT=good$/m);
    assert.doesNotMatch(exec.stdout, /VAULT_GIT_FILE_PASSPHRASE/);
    assert.doesNotMatch(readFileSync(join(s.isolated.root, 'credential-process.env'), 'utf8'), /VAULT_GIT_FILE_PASSPHRASE/);
    writeFileSync(join(s.isolated.root, 'code'), s.sts.currentCode(MFA_SERIAL));
    const role = await vaultGit(['exec', 'long', '--', 'true']);
    assert.equal(role.code, 0, role.stderr);
    assert.doesNotMatch(readFileSync(join(s.isolated.root, 'mfa-process.env'), 'utf8'), /VAULT_GIT_FILE_PASSPHRASE/);
  });

  it('login opens the browser on a private page: the sign-in token is on no command line', async () => {
    // A stand-in for xdg-open that records what it was given, as `ps` would show it.
    script('xdg-open', `printf '%s' "$*" > '${join(s.isolated.root, 'opener-args')}'; stat -c %a "$1" > '${join(s.isolated.root, 'opener-mode')}'; cat "$1" > '${join(s.isolated.root, 'opener-page')}'`);
    writeFileSync(join(s.isolated.root, 'code'), s.sts.currentCode(MFA_SERIAL));
    const exec = await vaultGit(['exec', 'env1', '--mfa-token', s.sts.currentCode(MFA_SERIAL), '--', 'true']);
    assert.equal(exec.code, 0, exec.stderr);
    const login = await vaultGit(['login', 'env1'], { PATH: `${bin}:${env.PATH}`, VAULT_GIT_FEDERATION_URL: `${s.sts.endpoint}/federation` });
    assert.equal(login.code, 0, login.stderr);
    assert.equal(login.stdout, '');
    const args = readFileSync(join(s.isolated.root, 'opener-args'), 'utf8');
    assert.doesNotMatch(args, /SigninToken|federation|Action=/);
    assert.match(args, new RegExp(`^${env.VAULT_GIT_RUNTIME_DIR}/sign-in-[0-9a-f]+\\.html$`));
    assert.equal(readFileSync(join(s.isolated.root, 'opener-mode'), 'utf8').trim(), '600');
    const token = /SigninToken=([0-9a-f]+)/.exec(readFileSync(join(s.isolated.root, 'opener-page'), 'utf8'))?.[1];
    assert.ok(token, 'the page redirects to the sign-in URL');
    assert.match(s.sts.signinTokenOwner(token) ?? '', /assumed-role\/RoleName/);
  });

  it('migrate never replaces a different key without --force; --dry-run and --profile', async () => {
    const keyA = { AWS_ACCESS_KEY_ID: 'AKIAKEYCHAINSPARE001', AWS_SECRET_ACCESS_KEY: 'a'.repeat(40) };
    const keyB = { AWS_ACCESS_KEY_ID: 'AKIAFILEVAULTSPARE02', AWS_SECRET_ACCESS_KEY: 'b'.repeat(40) };
    assert.equal((await vaultGit(['add', 'spare', '--env', '--no-add-config', '--backend', 'keychain'], keyA)).code, 0);
    assert.equal((await vaultGit(['add', 'spare', '--env', '--no-add-config', '--backend', 'file'], keyB)).code, 0);
    assert.equal((await vaultGit(['add', 'other', '--env', '--no-add-config', '--backend', 'file'], keyB)).code, 0);
    const keyOf = async (backend: string, profile: string) =>
      (JSON.parse((await vaultGit(['list', '--json', '--backend', backend])).stdout).profiles as Array<{ profile: string; credentials: string | null }>).find((p) => p.profile === profile)?.credentials ?? null;

    const refused = await vaultGit(['migrate', '--from', 'file', '--to', 'keychain']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^vault-git: the keychain vault already holds a different key for spare \(keychain: \*+E001, file: \*+RE02\); nothing was moved$/m);
    assert.equal(await keyOf('keychain', 'spare'), '****************E001');
    assert.equal(await keyOf('file', 'spare'), '****************RE02');
    assert.equal(await keyOf('file', 'other'), '****************RE02');

    const dry = await vaultGit(['migrate', '--from', 'file', '--to', 'keychain', '--profile', 'other', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^other\t\*+RE02\twould be copied$/m);
    assert.equal(await keyOf('keychain', 'other'), null);

    const one = await vaultGit(['migrate', '--from', 'file', '--to', 'keychain', '--profile', 'other']);
    assert.equal(one.code, 0, one.stderr);
    assert.equal(await keyOf('keychain', 'other'), '****************RE02');
    assert.equal(await keyOf('file', 'other'), null);
    assert.equal(await keyOf('file', 'spare'), '****************RE02', '--profile moved only that profile');

    const forced = await vaultGit(['migrate', '--from', 'file', '--to', 'keychain', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(await keyOf('keychain', 'spare'), '****************RE02');
    assert.equal(await keyOf('file', 'spare'), null);
    for (const result of [refused, dry, one, forced]) assertNoSecrets(result, ['a'.repeat(40), 'b'.repeat(40)]);
  });
});
