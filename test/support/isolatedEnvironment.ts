import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface IsolatedEnvironment {
  readonly root: string;
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  cleanup(): void;
}

/**
 * A temp HOME with its own git config, AWS config and vault directory, and an environment with every
 * AWS_* variable and the machine's CA overrides removed, so nothing of the developer's setup leaks in.
 * GIT_SSL_CAINFO would override http.sslCAInfo; NODE_EXTRA_CA_CERTS slows every Node start.
 */
export function createIsolatedEnvironment(extra: NodeJS.ProcessEnv = {}): IsolatedEnvironment {
  const root = mkdtempSync(join(tmpdir(), 'vault-git-test-'));
  const home = join(root, 'home');
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = Test User\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n');
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('AWS_') || key.startsWith('GIT_') || key.startsWith('VAULT_GIT_')) continue;
    if (key === 'NODE_EXTRA_CA_CERTS' || key === 'NODE_OPTIONS' || key.startsWith('DBUS_') || key === 'GNOME_KEYRING_CONTROL') continue;
    env[key] = value;
  }
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
    GIT_TERMINAL_PROMPT: '0',
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    VAULT_GIT_FILE_DIR: join(home, '.vault-git'),
    VAULT_GIT_RUNTIME_DIR: join(root, 'runtime'),
    VAULT_GIT_BACKEND: 'file',
    TZ: 'UTC',
    ...extra,
  });
  return { root, home, env, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
