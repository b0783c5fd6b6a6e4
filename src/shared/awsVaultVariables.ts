import { UsageError } from './errors.js';

/** A setting with the variable it came from, for messages ("chosen with AWS_VAULT_BACKEND"). */
export interface Setting {
  readonly value: string;
  readonly from: string;
}

/** aws-vault's backend names, as vault-git's: its OS keychains are our keychain backend. */
const BACKENDS: Readonly<Record<string, string>> = { keychain: 'keychain', 'secret-service': 'keychain', wincred: 'keychain', file: 'file' };
const PROMPTS = new Set(['terminal', 'zenity', 'kdialog', 'osascript', 'ykman']);

function first(env: NodeJS.ProcessEnv, ours: string, theirs: string): Setting | undefined {
  const own = env[ours];
  if (own !== undefined && own !== '') return { value: own, from: ours };
  const borrowed = env[theirs];
  if (borrowed !== undefined && borrowed !== '') return { value: borrowed, from: theirs };
  return undefined;
}

/**
 * People who drive aws-vault already export its variables; each is honoured when the vault-git one is
 * unset (VAULT_GIT_* always wins). Values aws-vault knows and vault-git does not are refused by name.
 */
export function backendSetting(env: NodeJS.ProcessEnv): Setting | undefined {
  const setting = first(env, 'VAULT_GIT_BACKEND', 'AWS_VAULT_BACKEND');
  if (!setting || setting.from === 'VAULT_GIT_BACKEND') return setting;
  const mapped = BACKENDS[setting.value];
  if (!mapped) {
    throw new UsageError(`AWS_VAULT_BACKEND=${setting.value.slice(0, 40)} is an aws-vault backend vault-git does not have (it has keychain, secret-service, wincred and file)`, 'set VAULT_GIT_BACKEND=keychain or VAULT_GIT_BACKEND=file, which wins over AWS_VAULT_BACKEND');
  }
  return { value: mapped, from: setting.from };
}

export function promptSetting(env: NodeJS.ProcessEnv): Setting {
  const setting = first(env, 'VAULT_GIT_PROMPT', 'AWS_VAULT_PROMPT') ?? { value: 'terminal', from: 'default' };
  if (!PROMPTS.has(setting.value)) {
    throw new UsageError(`${setting.from}=${setting.value.slice(0, 40)} is not a prompt vault-git knows; use terminal, zenity, kdialog, osascript or ykman`);
  }
  return setting;
}

export function filePassphraseSetting(env: NodeJS.ProcessEnv): Setting | undefined {
  return first(env, 'VAULT_GIT_FILE_PASSPHRASE', 'AWS_VAULT_FILE_PASSPHRASE');
}

export function fileDirectorySetting(env: NodeJS.ProcessEnv): Setting | undefined {
  return first(env, 'VAULT_GIT_FILE_DIR', 'AWS_VAULT_FILE_DIR');
}
