import { VaultGitError } from '../../shared/errors.js';
import type { Backend, ItemKind } from '../Backend.js';
import { KeychainWorkerClient, KeychainWorkerTimeout } from './KeychainWorkerClient.js';

export class KeychainUnavailableError extends VaultGitError {}
/** The keychain is there but does not answer: never a reason to fall back to another vault silently. */
export class KeychainNotAnsweringError extends KeychainUnavailableError {}

/** Long-term keys and sessions live under separate services, so listing sessions never touches a key. */
const SERVICES: Record<ItemKind, string> = { credentials: 'vault-git', session: 'vault-git-sessions' };

export const KEYCHAIN_DESCRIPTION =
  process.platform === 'darwin' ? 'the macOS Keychain' : process.platform === 'win32' ? 'the Windows Credential Manager' : 'the Secret Service (D-Bus)';

export interface KeychainBackendOptions {
  /** Every call is bounded by this; a hung D-Bus activation would otherwise block for 25 s or more. */
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The operating system's own secret store through @napi-rs/keyring: macOS Keychain, Windows Credential
 * Manager, or the Linux Secret Service (gnome-keyring, KWallet's bridge). The binding runs in a worker
 * process (see keychainWorker.ts), so a keychain that never answers costs a time limit and an error,
 * and never keeps a command, or git waiting on the helper, from ending.
 */
export class KeychainBackend implements Backend {
  readonly name = 'keychain' as const;
  readonly location = KEYCHAIN_DESCRIPTION;
  private readonly worker: KeychainWorkerClient;
  private readonly timeoutMs: number;
  /** Secrets returned by the last listing, per kind: the helper lists sessions and then reads one, and
   *  the Secret Service hands over the secrets with the listing, so the read needs no second round trip. */
  private readonly listed = new Map<ItemKind, Map<string, string>>();

  constructor(options: KeychainBackendOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.worker = new KeychainWorkerClient(options.env ?? process.env, this.timeoutMs);
  }

  /** Starts the worker now, so that its start-up overlaps whatever the caller does before the first call. */
  start(): void {
    this.worker.start();
  }

  async get(kind: ItemKind, name: string): Promise<string | undefined> {
    const known = this.listed.get(kind)?.get(name);
    if (known !== undefined) return known;
    const value = await this.call(`read ${kind} item`, { op: 'get', service: SERVICES[kind], account: name });
    return typeof value === 'string' ? value : undefined;
  }

  async set(kind: ItemKind, name: string, secret: string): Promise<void> {
    this.listed.delete(kind);
    await this.call(`write ${kind} item`, { op: 'set', service: SERVICES[kind], account: name, secret });
  }

  async delete(kind: ItemKind, name: string): Promise<boolean> {
    this.listed.delete(kind);
    return (await this.call(`delete ${kind} item`, { op: 'delete', service: SERVICES[kind], account: name })) === true;
  }

  async list(kind: ItemKind): Promise<string[]> {
    const found = (await this.call(`list ${kind} items`, { op: 'list', service: SERVICES[kind] })) as Array<{ account: string; password: string }>;
    this.listed.set(kind, new Map(found.map((credential) => [credential.account, credential.password])));
    return found.map((credential) => credential.account).sort();
  }

  private async call(action: string, request: Parameters<KeychainWorkerClient['call']>[0]) {
    try {
      return await this.worker.call(request, action);
    } catch (error) {
      if (error instanceof KeychainWorkerTimeout) {
        throw new KeychainNotAnsweringError(`${KEYCHAIN_DESCRIPTION} is not answering: it ${error.message}`, {
          hint: 'check that the keyring daemon is running and unlocked (or restart it); to use the file vault instead: --backend file',
        });
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw new KeychainUnavailableError(`${KEYCHAIN_DESCRIPTION} refused to ${action}: ${detail}`, {
        hint: 'unlock the keyring (or start one), or use --backend file',
        cause: error,
      });
    }
  }
}
