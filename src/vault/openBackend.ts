import { backendSetting } from '../shared/awsVaultVariables.js';
import { UsageError } from '../shared/errors.js';
import type { Backend, BackendName } from './Backend.js';
import { FileBackend, type PassphraseSource } from './file/FileBackend.js';
import { fileVaultDirectory } from './fileVaultDirectory.js';
import { KeychainBackend, KeychainNotAnsweringError } from './keychain/KeychainBackend.js';

export interface OpenBackendOptions {
  /** --backend, else VAULT_GIT_BACKEND, else aws-vault's AWS_VAULT_BACKEND, else automatic. */
  readonly requested?: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly passphrase: PassphraseSource;
}

export interface OpenedBackend {
  readonly backend: Backend;
  /** Why this backend: "chosen with --backend", "automatic: ... answered", ... (shown by list and doctor). */
  readonly reason: string;
}

function createBackend(name: BackendName, options: OpenBackendOptions): Backend {
  if (name === 'keychain') {
    const keychain = new KeychainBackend({ timeoutMs: keychainTimeoutMs(options.env, 5000), env: options.env });
    keychain.start();
    return keychain;
  }
  return new FileBackend({ directory: fileVaultDirectory(options.env), passphrase: options.passphrase, env: options.env });
}

/**
 * Picks the store. An explicit choice is honoured as is (and fails loudly if it does not work). Otherwise
 * the keychain is used when one answers — on Linux that needs a D-Bus session with a Secret Service — and
 * the encrypted file backend where none does (headless Linux, WSL, containers).
 */
export async function openBackend(options: OpenBackendOptions): Promise<OpenedBackend> {
  const setting = options.requested ? { value: options.requested, from: '--backend' } : backendSetting(options.env);
  if (setting) {
    const requested = setting.value;
    if (requested !== 'keychain' && requested !== 'file') {
      throw new UsageError(`unknown backend ${JSON.stringify(requested)}; choose keychain or file`);
    }
    return { backend: createBackend(requested, options), reason: `chosen with ${setting.from}` };
  }
  if (process.platform === 'linux' && !options.env.DBUS_SESSION_BUS_ADDRESS) {
    return { backend: createBackend('file', options), reason: 'automatic: no D-Bus session, so no Secret Service' };
  }
  const keychain = new KeychainBackend({ timeoutMs: keychainTimeoutMs(options.env, 3000), env: options.env });
  try {
    // One absent item: proves the keychain answers without handing over every session's secret.
    await keychain.get('session', 'vault-git probe');
    return { backend: keychain, reason: `automatic: ${keychain.location} answered` };
  } catch (error) {
    // A keychain that is there but silent may hold the keys: falling back would report them missing.
    if (error instanceof KeychainNotAnsweringError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    return { backend: createBackend('file', options), reason: `automatic: no usable keychain (${why})` };
  }
}

function keychainTimeoutMs(env: NodeJS.ProcessEnv, fallback: number): number {
  const value = Number(env.VAULT_GIT_KEYCHAIN_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
