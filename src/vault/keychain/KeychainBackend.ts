import { VaultGitError } from '../../shared/errors.js';
import { TimeoutError, withTimeout } from '../../shared/withTimeout.js';
import type { Backend, ItemKind } from '../Backend.js';

export class KeychainUnavailableError extends VaultGitError {}

type KeyringModule = typeof import('@napi-rs/keyring');

/** Long-term keys and sessions live under separate services, so listing sessions never touches a key. */
const SERVICES: Record<ItemKind, string> = { credentials: 'vault-git', session: 'vault-git-sessions' };

export const KEYCHAIN_DESCRIPTION =
  process.platform === 'darwin' ? 'the macOS Keychain' : process.platform === 'win32' ? 'the Windows Credential Manager' : 'the Secret Service (D-Bus)';

// On Linux, pin the Secret Service: by default @napi-rs/keyring silently falls back to the kernel keyring,
// which loses everything at reboot and answers `null` instead of an error when D-Bus times out.
const ENTRY_OPTIONS = { linux: { store: 'secret-service' as const } };

export interface KeychainBackendOptions {
  /** Every call is bounded by this; a hung D-Bus activation would otherwise block for 25 s or more. */
  readonly timeoutMs?: number;
}

/**
 * The operating system's own secret store through @napi-rs/keyring: macOS Keychain, Windows Credential
 * Manager, or the Linux Secret Service (gnome-keyring, KWallet's bridge). The native binding is loaded on
 * first use only, so commands that never touch the vault do not pay for it.
 */
export class KeychainBackend implements Backend {
  readonly name = 'keychain' as const;
  readonly location = KEYCHAIN_DESCRIPTION;
  private binding: KeyringModule | undefined;
  /** Secrets returned by the last listing, per kind: the helper lists sessions and then reads one, and
   *  the Secret Service hands over the secrets with the listing, so the read needs no second round trip. */
  private readonly listed = new Map<ItemKind, Map<string, string>>();

  constructor(private readonly options: KeychainBackendOptions = {}) {}

  async get(kind: ItemKind, name: string): Promise<string | undefined> {
    const known = this.listed.get(kind)?.get(name);
    if (known !== undefined) return known;
    const value = await this.call(`read ${kind} item`, async (keyring) => new keyring.AsyncEntry(SERVICES[kind], name, ENTRY_OPTIONS).getPassword());
    return value ?? undefined;
  }

  async set(kind: ItemKind, name: string, secret: string): Promise<void> {
    this.listed.delete(kind);
    await this.call(`write ${kind} item`, async (keyring) => new keyring.AsyncEntry(SERVICES[kind], name, ENTRY_OPTIONS).setPassword(secret));
  }

  async delete(kind: ItemKind, name: string): Promise<boolean> {
    this.listed.delete(kind);
    return this.call(`delete ${kind} item`, async (keyring) => new keyring.AsyncEntry(SERVICES[kind], name, ENTRY_OPTIONS).deletePassword());
  }

  async list(kind: ItemKind): Promise<string[]> {
    const found = await this.call(`list ${kind} items`, async (keyring) => keyring.findCredentialsAsync(SERVICES[kind]));
    this.listed.set(kind, new Map(found.map((credential) => [credential.account, credential.password])));
    return found.map((credential) => credential.account).sort();
  }

  private async load(): Promise<KeyringModule> {
    if (!this.binding && process.platform === 'linux') {
      const { probeSessionBus } = await import('./probeSessionBus.js');
      const problem = await probeSessionBus(process.env.DBUS_SESSION_BUS_ADDRESS, this.options.timeoutMs ?? 5000);
      if (problem) throw new KeychainUnavailableError(`${KEYCHAIN_DESCRIPTION} is not reachable: ${problem}`, { hint: 'start a desktop session or a keyring daemon, or use --backend file' });
    }
    if (!this.binding) {
      try {
        this.binding = (await import('@napi-rs/keyring')) as KeyringModule;
      } catch (error) {
        throw new KeychainUnavailableError(`the keychain binding (@napi-rs/keyring) could not be loaded for this platform`, { cause: error });
      }
    }
    return this.binding;
  }

  private async call<T>(action: string, work: (keyring: KeyringModule) => Promise<T>): Promise<T> {
    const keyring = await this.load();
    const timeoutMs = this.options.timeoutMs ?? 5000;
    try {
      return await withTimeout(() => work(keyring), timeoutMs, () => `${KEYCHAIN_DESCRIPTION} did not answer within ${timeoutMs / 1000} s (${action})`);
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw new KeychainUnavailableError(error.message, { hint: 'check that the keyring daemon is running and unlocked, or use --backend file' });
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw new KeychainUnavailableError(`${KEYCHAIN_DESCRIPTION} refused to ${action}: ${detail}`, {
        hint: 'unlock the keyring (or start one), or use --backend file',
        cause: error,
      });
    }
  }
}
