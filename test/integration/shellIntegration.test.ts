import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolatedEnvironment.js';
import { projectRoot, vaultGitBin } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';
import { MFA_SERIAL, startSessionScenario, type SessionScenario } from '../support/sessionScenario.js';

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const VERSION = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
const CONFIG = '[profile env1]\nregion = eu-west-1\n[profile env2]\nregion = eu-west-1\n[profile prod-admin]\nregion = us-east-1\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n';

describe('issue 13: npm pack, and a global install from the tarball', () => {
  let isolated: IsolatedEnvironment;
  before(() => {
    isolated = createIsolatedEnvironment();
  });
  after(() => isolated.cleanup());

  it('the tarball installs with npm install -g into a fresh prefix; the bins run from there without any devDependency', async () => {
    // Pack a copy of the checkout, so prepack's build does not rewrite the dist/ other tests are using.
    const copy = join(isolated.root, 'checkout');
    for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'README.md', 'bin', 'src', 'scripts', 'docs']) cpSync(join(projectRoot, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(projectRoot, 'node_modules'), join(copy, 'node_modules'));
    // npm reaches the registry as on this machine (its CA bundle included), with the shared cache.
    const npmEnv: NodeJS.ProcessEnv = { ...isolated.env, npm_config_cache: join(process.env.HOME ?? '/root', '.npm'), npm_config_update_notifier: 'false' };
    if (process.env.NODE_EXTRA_CA_CERTS) npmEnv.NODE_EXTRA_CA_CERTS = process.env.NODE_EXTRA_CA_CERTS;
    const packed = await runProcess('npm', ['pack', '--pack-destination', isolated.root, '--silent'], { env: npmEnv, cwd: copy, timeoutMs: 120_000 });
    assert.equal(packed.code, 0, packed.stderr);
    const tarball = join(isolated.root, packed.stdout.trim().split('\n').at(-1)!);
    assert.ok(existsSync(tarball), tarball);
    const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n');
    assert.ok(listing.includes('package/dist/vault-git.cjs') && listing.includes('package/dist/hot-get.cjs') && listing.includes('package/bin/package.json'));
    // The bin/ entries are build output (not in git): prepack must have built them into the tarball.
    for (const bin of ['vault-git', 'git-credential-vault', 'git-remote-codecommit']) assert.ok(listing.includes(`package/bin/${bin}`), `package/bin/${bin}`);
    assert.ok(!listing.some((file) => file.startsWith('package/src/') || file.startsWith('package/test/')), 'sources and tests stay out');
    assert.ok(!listing.some((file) => file.endsWith('.v8cache')), "the packer's code cache stays out: it fits only the packer's Node");

    const prefix = join(isolated.root, 'prefix');
    const installed = await runProcess('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], { env: npmEnv, timeoutMs: 240_000 });
    assert.equal(installed.code, 0, installed.stderr);
    const modules = join(prefix, 'lib', 'node_modules');
    assert.ok(existsSync(join(modules, 'vault-git', 'node_modules', '@napi-rs', 'keyring')) || existsSync(join(modules, '@napi-rs', 'keyring')));
    for (const devOnly of ['yargs', '@aws-sdk/client-sts', 'esbuild', 'typescript']) assert.ok(!existsSync(join(modules, 'vault-git', 'node_modules', devOnly)), `${devOnly} is not installed`);

    // postinstall made the code caches of the hot path and the full helper for this Node.
    assert.deepEqual(readdirSync(join(modules, 'vault-git', 'dist')).filter((file) => file.endsWith('.v8cache')).map((file) => file.split('.')[0]).sort(), ['helper', 'hot-get'], 'npm install wrote the code caches');
    const bin = join(prefix, 'bin');
    const env: NodeJS.ProcessEnv = { ...isolated.env, PATH: `${bin}:${isolated.env.PATH}` };
    const version = await runProcess(join(bin, 'vault-git'), ['--version'], { env });
    assert.equal(version.stdout.trim(), VERSION);
    const get = await runProcess(join(bin, 'git-credential-vault'), ['get'], {
      env: { ...env, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      input: 'protocol=https\nhost=git-codecommit.eu-west-1.amazonaws.com\npath=v1/repos/demo\n\n',
    });
    assert.equal(get.code, 0, get.stderr);
    assert.equal(get.stderr, '');
    assert.match(get.stdout, /^username=AKIAIOSFODNN7EXAMPLE\npassword=\d{8}T\d{6}Z[0-9a-f]{64}\n/);
    // The CLI with its bundled SDK and parser, and the keychain worker's native binding.
    writeFileSync(env.AWS_CONFIG_FILE!, CONFIG);
    const list = await runProcess(join(bin, 'vault-git'), ['list', '--profiles'], { env });
    assert.deepEqual(list.stdout.trim().split('\n'), ['env1', 'env2', 'prod-admin']);
    const plan = await runProcess(join(bin, 'vault-git'), ['setup', 'cc', '--profile', 'env1', '--repo', 'demo', '--region', 'eu-west-1'], { env });
    assert.match(plan.stdout, new RegExp(`helper = "!'${modules}/vault-git/bin/git-credential-vault' --profile env1"`));
    const remoteHelper = await runProcess('git', ['ls-remote', 'codecommit://nowhere@demo'], { env });
    assert.match(remoteHelper.stderr, /vault-git: codecommit:\/\/nowhere@demo names no region and profile nowhere has none/, 'git found the installed git-remote-codecommit');
  });

  it('runs on the Node it was installed with; engines says which', (t: TestContext) => {
    const engines = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    assert.equal(engines, '>=20');
    t.diagnostic(`ran on Node ${process.versions.node}; Node 22 is not on this machine (no download besides npm packages), so 22 is covered only by using nothing specific to 20`);
  });
});

describe('issue 13: completion scripts, list modes, exec without a profile', () => {
  let isolated: IsolatedEnvironment;
  let env: NodeJS.ProcessEnv;
  let repo: string;
  before(async () => {
    isolated = createIsolatedEnvironment({ PATH: `${join(projectRoot, 'bin')}:${process.env.PATH}` });
    env = isolated.env;
    writeFileSync(env.AWS_CONFIG_FILE!, CONFIG);
    repo = join(isolated.root, 'repo');
    mkdirSync(repo);
    await runProcess('git', ['init', '-q'], { env, cwd: repo });
    await runProcess('git', ['remote', 'add', 'cc-env1', 'https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/a'], { env, cwd: repo });
    await runProcess('git', ['remote', 'add', 'origin', 'https://github.com/x/y.git'], { env, cwd: repo });
  });
  after(() => isolated.cleanup());

  const bashComplete = async (line: string) => {
    const script = (await runProcess(vaultGitBin, ['completion', 'bash'], { env })).stdout;
    writeFileSync(join(isolated.root, 'complete.bash'), script);
    const words = line.split(' ');
    const program = `source ${join(isolated.root, 'complete.bash')}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})\nCOMP_CWORD=${words.length - 1}\n_vault_git_complete\nprintf '%s\\n' "\${COMPREPLY[@]}"`;
    return (await runProcess('bash', ['-c', program], { env, cwd: repo })).stdout.trim().split('\n').filter(Boolean);
  };

  it('bash: commands, profiles from the AWS config, flags, flag values, remotes for setup', async () => {
    assert.deepEqual(await bashComplete('vault-git ex'), ['exec', 'export']);
    assert.deepEqual(await bashComplete('vault-git exec e'), ['env1', 'env2']);
    assert.deepEqual(await bashComplete('vault-git exec env1 --p'), ['--plan', '--prompt']);
    assert.deepEqual(await bashComplete('vault-git export env1 --format p'), ['powershell']);
    assert.deepEqual(await bashComplete('vault-git setup c'), ['cc-env1']);
    assert.deepEqual(await bashComplete('vault-git sso login --sso-session '), ['corp']);
    assert.deepEqual(await bashComplete('vault-git completion z'), ['zsh']);
  });

  it('zsh: the script, run by zsh, offers the same candidates', { skip: !has('zsh') && 'zsh is not installed (.ci/run installs it)' }, async () => {
    const script = (await runProcess(vaultGitBin, ['completion', 'zsh'], { env })).stdout;
    writeFileSync(join(isolated.root, 'complete.zsh'), script);
    // compadd and compdef stand in for the completion system: they print what would be offered.
    const run = (words: string[]) =>
      runProcess('zsh', ['-f', '-c', `compdef() { :; }\ncompadd() { [[ $1 == -a ]] && print -rl -- "\${(@P)2}"; }\nsource ${join(isolated.root, 'complete.zsh')}\nwords=(${words.map((w) => `'${w}'`).join(' ')})\nCURRENT=${words.length}\n_vault_git_complete`], { env, cwd: repo });
    assert.deepEqual((await run(['vault-git', 'exec', 'p'])).stdout.trim().split('\n'), ['prod-admin']);
    assert.deepEqual((await run(['vault-git', 'setup', ''])).stdout.trim().split('\n'), ['cc-env1', 'origin']);
  });

  it('fish: complete -C gives the candidates', { skip: !has('fish') && 'fish is not installed (.ci/run installs it)' }, async () => {
    const script = (await runProcess(vaultGitBin, ['completion', 'fish'], { env })).stdout;
    writeFileSync(join(isolated.root, 'complete.fish'), script);
    const run = (line: string) => runProcess('fish', ['--no-config', '-c', `source ${join(isolated.root, 'complete.fish')}; complete -C '${line}'`], { env, cwd: repo });
    assert.deepEqual((await run('vault-git exec en')).stdout.trim().split('\n'), ['env1', 'env2']);
    assert.deepEqual((await run('vault-git sso ')).stdout.trim().split('\n'), ['login', 'logout', 'profiles']);
  });

  it('list --profiles | --credentials | --sessions print one name per line', async () => {
    const profiles = await runProcess(vaultGitBin, ['list', '--profiles'], { env });
    assert.equal(profiles.stdout, 'env1\nenv2\nprod-admin\n');
    const added = await runProcess(vaultGitBin, ['add', 'env2', '--env'], { env: { ...env, VAULT_GIT_FILE_PASSPHRASE: 'list passphrase', AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } });
    assert.equal(added.code, 0, added.stderr);
    const credentials = await runProcess(vaultGitBin, ['list', '--credentials'], { env: { ...env, VAULT_GIT_FILE_PASSPHRASE: 'list passphrase' } });
    assert.equal(credentials.stdout, 'env2\n');
    const sessions = await runProcess(vaultGitBin, ['list', '--sessions'], { env: { ...env, VAULT_GIT_FILE_PASSPHRASE: 'list passphrase' } });
    assert.equal(sessions.code, 0, sessions.stderr);
    assert.equal(sessions.stdout, '');
  });

  it('exec without a profile uses AWS_PROFILE; none at all is a usage error; a typo gets a did-you-mean', async () => {
    const plan = await runProcess(vaultGitBin, ['exec', '--plan'], { env: { ...env, AWS_PROFILE: 'env2' } });
    assert.match(plan.stdout, /^Plan for profile env2/);
    const none = await runProcess(vaultGitBin, ['exec', '--', 'true'], { env });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /name the profile, or set AWS_PROFILE/);
    const typo = await runProcess(vaultGitBin, ['exec', 'evn1', '--', 'true'], { env: { ...env, VAULT_GIT_FILE_PASSPHRASE: 'list passphrase' } });
    assert.equal(typo.code, 1);
    assert.match(typo.stderr, /profile evn1 is not in \S+ and has no key in the vault; did you mean env1\?/);
  });
});

describe('issue 13: aws-vault\'s variables, when vault-git\'s are unset', () => {
  let isolated: IsolatedEnvironment;
  let env: NodeJS.ProcessEnv;
  const key = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
  before(() => {
    isolated = createIsolatedEnvironment();
    env = { ...isolated.env };
    delete env.VAULT_GIT_BACKEND;
    delete env.VAULT_GIT_FILE_DIR;
    writeFileSync(env.AWS_CONFIG_FILE!, CONFIG);
  });
  after(() => isolated.cleanup());

  it('AWS_VAULT_BACKEND, AWS_VAULT_FILE_DIR and AWS_VAULT_FILE_PASSPHRASE pick the file vault, its place and passphrase; VAULT_GIT_* win', async () => {
    const dir = join(isolated.root, 'aws-vault-dir');
    const theirs = { ...env, AWS_VAULT_BACKEND: 'file', AWS_VAULT_FILE_DIR: dir, AWS_VAULT_FILE_PASSPHRASE: 'aws-vault passphrase' };
    const added = await runProcess(vaultGitBin, ['add', 'env1', '--env'], { env: { ...theirs, ...key } });
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stderr, new RegExp(`to the file vault \\(${dir}\\)`));
    const listed = await runProcess(vaultGitBin, ['list'], { env: theirs });
    assert.match(listed.stdout, /chosen with AWS_VAULT_BACKEND/);
    const wrong = await runProcess(vaultGitBin, ['list'], { env: { ...theirs, VAULT_GIT_FILE_PASSPHRASE: 'another passphrase' } });
    assert.equal(wrong.code, 1, 'VAULT_GIT_FILE_PASSPHRASE wins over AWS_VAULT_FILE_PASSPHRASE');
    assert.match(wrong.stderr, /wrong passphrase/);
    const ours = await runProcess(vaultGitBin, ['list'], { env: { ...theirs, VAULT_GIT_BACKEND: 'file', VAULT_GIT_FILE_DIR: join(isolated.root, 'ours'), VAULT_GIT_FILE_PASSPHRASE: 'our passphrase' } });
    assert.match(ours.stdout, /chosen with VAULT_GIT_BACKEND/);
    assert.match(ours.stdout, new RegExp(`${isolated.root}/ours`));
  });

  it('an aws-vault backend vault-git does not have, or an unknown prompt, is refused by name', async () => {
    const pass = await runProcess(vaultGitBin, ['list'], { env: { ...env, AWS_VAULT_BACKEND: 'pass' } });
    assert.equal(pass.code, 2);
    assert.match(pass.stderr, /AWS_VAULT_BACKEND=pass is an aws-vault backend vault-git does not have/);
    const prompt = await runProcess(vaultGitBin, ['exec', 'env1', '--', 'true'], { env: { ...env, AWS_VAULT_BACKEND: 'file', AWS_VAULT_FILE_DIR: join(isolated.root, 'aws-vault-dir'), AWS_VAULT_FILE_PASSPHRASE: 'aws-vault passphrase', AWS_VAULT_PROMPT: 'wincredui' } });
    assert.match(prompt.stderr, /AWS_VAULT_PROMPT=wincredui is not a prompt vault-git knows/);
  });
});

describe('issue 13: the ykman prompt and the export formats, read back by their shells', () => {
  let s: SessionScenario;
  before(async () => {
    s = await startSessionScenario();
  });
  after(async () => s.stop());

  it('AWS_VAULT_PROMPT=ykman (and --prompt ykman) takes the code from `ykman oath accounts code --single SERIAL`', async () => {
    const bin = join(s.isolated.root, 'fake-ykman');
    mkdirSync(bin);
    const args = join(s.isolated.root, 'ykman-args');
    const code = join(s.isolated.root, 'ykman-code');
    writeFileSync(join(bin, 'ykman'), `#!/bin/sh\nprintf '%s\\n' "$*" > '${args}'\ncat '${code}'\n`);
    chmodSync(join(bin, 'ykman'), 0o755);
    writeFileSync(code, `${s.sts.currentCode(MFA_SERIAL)}\n`);
    const env = { ...s.env, PATH: `${bin}:${s.env.PATH}`, AWS_VAULT_PROMPT: 'ykman' };
    const result = await runProcess(vaultGitBin, ['exec', 'env1', '--', 'true'], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(readFileSync(args, 'utf8').trim(), `oath accounts code --single ${MFA_SERIAL}`);
    assert.equal(s.sts.count('GetSessionToken'), 1);
    // --prompt chooses it too, over the variables.
    assert.equal((await runProcess(vaultGitBin, ['clear'], { env: s.env })).code, 0);
    writeFileSync(code, `${s.sts.currentCode(MFA_SERIAL)}\n`);
    const flag = await runProcess(vaultGitBin, ['exec', 'env1', '--prompt', 'ykman', '--', 'true'], { env: { ...s.env, PATH: env.PATH, VAULT_GIT_PROMPT: 'zenity' } });
    assert.equal(flag.code, 0, flag.stderr);
  });

  it('export --format export-env, fish, powershell and windows-cmd: each read back by its shell where one runs here', async (t: TestContext) => {
    const exported = async (format: string) => {
      const result = await runProcess(vaultGitBin, ['export', 'env1', '--format', format], { env: s.env });
      assert.equal(result.code, 0, result.stderr);
      return result.stdout;
    };
    const reference = Object.fromEntries((await exported('env')).trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
    assert.match(reference.AWS_SESSION_TOKEN!, /^IQoJ/);
    const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'];
    const readBack = async (shell: string, args: string[], text: string) => {
      writeFileSync(join(s.isolated.root, `export.${shell}`), text);
      const result = await runProcess(shell, args, { env: s.env });
      assert.equal(result.code, 0, result.stderr);
      return result.stdout.trim().split('\n');
    };
    const printAll = names.map((name) => `$${name}`).join(' ');
    assert.deepEqual(await readBack('bash', ['-c', `eval "$(cat ${join(s.isolated.root, 'export.bash')})"; printf '%s\\n' ${names.map((n) => `"$${n}"`).join(' ')}`], await exported('export-env')), names.map((n) => reference[n]));
    if (has('fish')) {
      assert.deepEqual(await readBack('fish', ['--no-config', '-c', `source ${join(s.isolated.root, 'export.fish')}; printf '%s\\n' ${printAll}`], await exported('fish')), names.map((n) => reference[n]));
    } else {
      t.diagnostic('fish is not installed here: the fish format was not read back by fish');
    }
    const powershell = await exported('powershell');
    if (has('pwsh')) {
      assert.deepEqual(await readBack('pwsh', ['-NoProfile', '-Command', `. ${join(s.isolated.root, 'export.pwsh')}; ${names.map((n) => `Write-Output $Env:${n}`).join('; ')}`], powershell.replace(/^/gm, '')), names.map((n) => reference[n]));
    } else {
      // pwsh is not a Debian package: parse PowerShell's single-quoted assignments by the language's rule.
      t.diagnostic('pwsh is not installable from Debian here: the powershell format was checked against PowerShell\'s single-quote rule instead');
      const parsed = Object.fromEntries(powershell.trim().split('\n').map((line) => /^\$Env:(\w+)='((?:[^']|'')*)'$/.exec(line)!.slice(1, 3).map((v, i) => (i === 1 ? v!.replace(/''/g, "'") : v))));
      for (const name of names) assert.equal(parsed[name], reference[name]);
    }
    t.diagnostic('cmd.exe does not run on Linux: the windows-cmd format was checked against cmd\'s `set "NAME=value"` rule instead');
    const cmd = await exported('windows-cmd');
    assert.ok(cmd.endsWith('\r\n'));
    const parsedCmd = Object.fromEntries(cmd.trim().split('\r\n').map((line) => /^set "(\w+)=([^"%!]*)"$/.exec(line)!.slice(1, 3)));
    for (const name of names) assert.equal(parsedCmd[name], reference[name]);
  });
});

describe('issue 13: every command explains itself', () => {
  it('--help of every command and sso subcommand has at least one example; the helper has usage and examples too', async () => {
    const commands = ['add', 'list', 'remove', 'migrate', 'import', 'rotate', 'exec', 'export', 'login', 'setup', 'doctor', 'clear', 'sso', 'completion', 'sso login', 'sso logout', 'sso profiles'];
    for (const command of commands) {
      const result = await runProcess(vaultGitBin, [...command.split(' '), '--help'], { env: { PATH: process.env.PATH, HOME: '/nonexistent' } });
      assert.equal(result.code, 0, `${command}: ${result.stderr}`);
      assert.match(result.stdout, /^Examples:\n(?:.*\n)*?.*vault-git \S/m, `vault-git ${command} --help has an example`);
    }
    const helper = await runProcess(join(projectRoot, 'bin', 'git-credential-vault'), ['--help'], { env: { PATH: process.env.PATH } });
    assert.equal(helper.code, 0);
    assert.match(helper.stdout, /^Examples:$/m);
  });
});
