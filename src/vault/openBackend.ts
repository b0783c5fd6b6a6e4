import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../shared/errors.js';
import type { Backend, BackendName } from './Backend.js';
import { FileBackend, type PassphraseSource } from './file/FileBackend.js';
import { KeychainBackend } from './keychain/KeychainBackend.js';

export interface OpenBackendOptions {
  /** --backend, else VAULT_GIT_BACKEND, else automatic. */
  readonly requested?: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly passphrase: PassphraseSource;
}

export interface OpenedBackend {
  readonly backend: Backend;
  /** Why this backend: "chosen with --backend", "automatic: ... answered", ... (shown by list and doctor). */
  readonly reason: string;
}

export function fileVaultDirectory(env: NodeJS.ProcessEnv): string {
  return env.VAULT_GIT_FILE_DIR || join(env.HOME || homedir(), '.vault-git');
}

function createBackend(name: BackendName, options: OpenBackendOptions): Backend {
  if (name === 'keychain') return new KeychainBackend({ timeoutMs: Number(options.env.VAULT_GIT_KEYCHAIN_TIMEOUT_MS) || 5000 });
  return new FileBackend({ directory: fileVaultDirectory(options.env), passphrase: options.passphrase, env: options.env });
}

/**
 * Picks the store. An explicit choice is honoured as is (and fails loudly if it does not work). Otherwise
 * the keychain is used when one answers — on Linux that needs a D-Bus session with a Secret Service — and
 * the encrypted file backend where none does (headless Linux, WSL, containers).
 */
export async function openBackend(options: OpenBackendOptions): Promise<OpenedBackend> {
  const requested = options.requested || options.env.VAULT_GIT_BACKEND;
  if (requested) {
    if (requested !== 'keychain' && requested !== 'file') {
      throw new UsageError(`unknown backend ${JSON.stringify(requested)}; choose keychain or file`);
    }
    return { backend: createBackend(requested, options), reason: options.requested ? 'chosen with --backend' : 'chosen with VAULT_GIT_BACKEND' };
  }
  if (process.platform === 'linux' && !options.env.DBUS_SESSION_BUS_ADDRESS) {
    return { backend: createBackend('file', options), reason: 'automatic: no D-Bus session, so no Secret Service' };
  }
  const keychain = new KeychainBackend({ timeoutMs: 2000 });
  try {
    await keychain.list('session');
    return { backend: keychain, reason: `automatic: ${keychain.location} answered` };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { backend: createBackend('file', options), reason: `automatic: the keychain did not answer (${why})` };
  }
}
