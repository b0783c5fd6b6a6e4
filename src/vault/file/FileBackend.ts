import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { VaultGitError } from '../../shared/errors.js';
import { withFileLock } from '../../shared/withFileLock.js';
import { writeFileAtomic } from '../../shared/writeFileAtomic.js';
import type { Backend, ItemKind } from '../Backend.js';
import { DEFAULT_SCRYPT, deriveMasterKey, deriveSubkey, fileIdFor, open, seal, type ScryptParameters, type SealedBox } from './fileVaultCrypto.js';
import { readOrCreateSessionKey, readSessionKey, type SessionKey } from './sessionKeyFile.js';

export class WrongPassphraseError extends VaultGitError {}
export class CorruptVaultFileError extends VaultGitError {}
export class VaultLockedError extends VaultGitError {}

const HEADER = 'vault.json';
const FORMAT = 'vault-git-file/1';
const VERIFIER_TEXT = 'vault-git passphrase verifier';

interface Header {
  readonly format: string;
  readonly kdf: { readonly name: 'scrypt'; readonly salt: string } & ScryptParameters;
  readonly verifier: SealedBox;
}

interface ItemFile {
  readonly v: 1;
  readonly kind: ItemKind;
  /** Sessions only: which runtime key sealed it, and when it expires (readable without decrypting). */
  readonly key?: string;
  readonly expires?: number;
  readonly box: SealedBox;
}

/** Asks for the passphrase; `creating` is true when the vault does not exist yet (confirm it twice). */
export type PassphraseSource = (directory: string, creating: boolean) => Promise<string>;

export interface FileBackendOptions {
  readonly directory: string;
  readonly passphrase: PassphraseSource;
  readonly env: NodeJS.ProcessEnv;
  /** Only for new vaults; an existing vault keeps the parameters recorded in its header. */
  readonly scrypt?: ScryptParameters;
  readonly now?: () => number;
}

/**
 * An encrypted directory for machines without a keychain. Long-term keys are sealed under a key derived
 * from the passphrase with scrypt; sessions under a random runtime key (see sessionKeyFile.ts), so git
 * requests never pay the KDF. File names are keyed hashes and reveal no profile names. Every write is
 * atomic and happens under a lock; a wrong passphrase is detected by a verifier before anything is written.
 */
export class FileBackend implements Backend {
  readonly name = 'file' as const;
  private credentialKeys: { seal: Buffer; naming: Buffer } | undefined;

  constructor(private readonly options: FileBackendOptions) {}

  get location(): string {
    return this.options.directory;
  }

  async get(kind: ItemKind, name: string): Promise<string | undefined> {
    const found = (await this.readAll(kind)).find((item) => item.name === name);
    return found?.secret;
  }

  async set(kind: ItemKind, name: string, secret: string): Promise<void> {
    this.ensureDirectory();
    await this.locked(async () => {
      if (kind === 'credentials') {
        const keys = await this.unlockCredentials(true);
        const id = fileIdFor(keys.naming, kind, name);
        this.writeItem(`c-${id}.json`, { v: 1, kind, box: seal(keys.seal, JSON.stringify({ name, secret }), id) });
      } else {
        const sessionKey = readOrCreateSessionKey(this.options.env, this.options.directory);
        if (!sessionKey) {
          throw new VaultGitError('no private runtime directory to keep the session key in; sessions cannot be cached', {
            hint: 'set XDG_RUNTIME_DIR (or VAULT_GIT_RUNTIME_DIR) to a directory only you can read',
          });
        }
        const naming = deriveSubkey(sessionKey.key, 'session names');
        const id = fileIdFor(naming, kind, name);
        const expires = sessionExpiry(name);
        const box = seal(deriveSubkey(sessionKey.key, 'session items'), JSON.stringify({ name, secret }), id);
        this.writeItem(`s-${id}.json`, { v: 1, kind, key: sessionKey.id, ...(expires === undefined ? {} : { expires }), box });
      }
      this.removeExpiredSessions();
    });
  }

  async delete(kind: ItemKind, name: string): Promise<boolean> {
    if (!existsSync(this.options.directory)) return false;
    return this.locked(async () => {
      let removed = false;
      for (const item of await this.readAll(kind)) {
        if (item.name !== name) continue;
        unlinkSync(join(this.options.directory, item.file));
        removed = true;
      }
      return removed;
    });
  }

  async list(kind: ItemKind): Promise<string[]> {
    return (await this.readAll(kind)).map((item) => item.name).sort();
  }

  private ensureDirectory(): void {
    mkdirSync(this.options.directory, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32' && (lstatSync(this.options.directory).mode & 0o077) !== 0) chmodSync(this.options.directory, 0o700);
  }

  private locked<T>(work: () => Promise<T>): Promise<T> {
    return withFileLock(
      join(this.options.directory, '.lock'),
      async () => {
        this.removeAbandonedTempFiles();
        return work();
      },
      { timeoutMs: 30_000, staleMs: 60_000 },
    );
  }

  /** A writer killed between creating its temp file and renaming it leaves the temp file behind. */
  private removeAbandonedTempFiles(): void {
    for (const file of readdirSync(this.options.directory)) {
      const pid = /\.tmp-(\d+)-[0-9a-f]+$/.exec(file)?.[1];
      if (pid === undefined || Number(pid) === process.pid) continue;
      try {
        process.kill(Number(pid), 0);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ESRCH') unlinkSync(join(this.options.directory, file));
      }
    }
  }

  private writeItem(file: string, item: ItemFile): void {
    writeFileAtomic(join(this.options.directory, file), JSON.stringify(item) + '\n', 0o600);
  }

  private itemFiles(prefix: 'c-' | 's-'): string[] {
    if (!existsSync(this.options.directory)) return [];
    return readdirSync(this.options.directory).filter((file) => file.startsWith(prefix) && file.endsWith('.json'));
  }

  private readItemFile(file: string): ItemFile {
    const path = join(this.options.directory, file);
    let parsed: ItemFile;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8')) as ItemFile;
    } catch {
      throw new CorruptVaultFileError(`the vault file ${path} is damaged (not valid JSON); it was left untouched`, {
        hint: 'restore it from a backup, or delete it and add that profile again',
      });
    }
    if (parsed?.v !== 1 || typeof parsed.box?.iv !== 'string' || typeof parsed.box?.data !== 'string') {
      throw new CorruptVaultFileError(`the vault file ${path} is damaged (unknown layout); it was left untouched`);
    }
    return parsed;
  }

  private async readAll(kind: ItemKind): Promise<Array<{ file: string; name: string; secret: string }>> {
    if (kind === 'credentials') {
      const files = this.itemFiles('c-');
      if (files.length === 0) return [];
      const keys = await this.unlockCredentials(false);
      return files.map((file) => {
        const item = this.readItemFile(file);
        const plaintext = open(keys.seal, item.box, file.slice(2, -5));
        if (plaintext === undefined) {
          throw new CorruptVaultFileError(`the vault file ${join(this.options.directory, file)} does not decrypt: it was altered or truncated; it was left untouched`);
        }
        return { file, ...(JSON.parse(plaintext) as { name: string; secret: string }) };
      });
    }
    const sessionKey = readSessionKey(this.options.env, this.options.directory);
    const out: Array<{ file: string; name: string; secret: string }> = [];
    for (const file of this.itemFiles('s-')) {
      const item = this.readItemFile(file);
      // Sealed under a runtime key that is gone (logout, reboot): unreadable by design, cleaned up at expiry.
      if (!sessionKey || item.key !== sessionKey.id) continue;
      const plaintext = open(deriveSubkey(sessionKey.key, 'session items'), item.box, file.slice(2, -5));
      if (plaintext === undefined) {
        throw new CorruptVaultFileError(`the session file ${join(this.options.directory, file)} does not decrypt: it was altered or truncated`, {
          hint: 'vault-git clear removes cached sessions',
        });
      }
      out.push({ file, ...(JSON.parse(plaintext) as { name: string; secret: string }) });
    }
    return out;
  }

  private removeExpiredSessions(): void {
    const now = Math.floor((this.options.now?.() ?? Date.now()) / 1000);
    for (const file of this.itemFiles('s-')) {
      try {
        const item = this.readItemFile(file);
        if (item.expires !== undefined && item.expires < now) unlinkSync(join(this.options.directory, file));
      } catch {
        // A damaged session file is reported when read; housekeeping does not delete what it cannot judge.
      }
    }
  }

  private readHeader(): Header | undefined {
    const path = join(this.options.directory, HEADER);
    if (!existsSync(path)) return undefined;
    try {
      const header = JSON.parse(readFileSync(path, 'utf8')) as Header;
      if (header.format !== FORMAT || header.kdf?.name !== 'scrypt' || typeof header.kdf.salt !== 'string') throw new Error('layout');
      return header;
    } catch {
      throw new CorruptVaultFileError(`the vault header ${path} is damaged; nothing was changed`, {
        hint: 'restore it from a backup; without it the stored keys cannot be decrypted',
      });
    }
  }

  /** Derives the long-term keys from the passphrase once per process, creating the vault if allowed. */
  private async unlockCredentials(createIfMissing: boolean): Promise<{ seal: Buffer; naming: Buffer }> {
    if (this.credentialKeys) return this.credentialKeys;
    let header = this.readHeader();
    if (!header && !createIfMissing) {
      throw new VaultLockedError(`the file vault at ${this.options.directory} has no header`);
    }
    if (!header) {
      // Creation happens under the caller's lock: a concurrent creator's header is re-read, never replaced.
      const params = this.options.scrypt ?? DEFAULT_SCRYPT;
      const passphrase = await this.options.passphrase(this.options.directory, true);
      const salt = randomBytes(16);
      const master = await deriveMasterKey(passphrase, salt, params);
      header = {
        format: FORMAT,
        kdf: { name: 'scrypt', salt: salt.toString('base64'), ...params },
        verifier: seal(deriveSubkey(master, 'verifier'), VERIFIER_TEXT, 'verifier'),
      };
      writeFileAtomic(join(this.options.directory, HEADER), JSON.stringify(header, null, 2) + '\n', 0o600);
      return this.remember(master);
    }
    const passphrase = await this.options.passphrase(this.options.directory, false);
    const { N, r, p } = header.kdf;
    const master = await deriveMasterKey(passphrase, Buffer.from(header.kdf.salt, 'base64'), { N, r, p });
    if (open(deriveSubkey(master, 'verifier'), header.verifier, 'verifier') !== VERIFIER_TEXT) {
      throw new WrongPassphraseError(`wrong passphrase for the file vault at ${this.options.directory}; nothing was changed`);
    }
    return this.remember(master);
  }

  private remember(master: Buffer): { seal: Buffer; naming: Buffer } {
    this.credentialKeys = { seal: deriveSubkey(master, 'credential items'), naming: deriveSubkey(master, 'credential names') };
    return this.credentialKeys;
  }
}

/** Session item names end in `,<unix expiry>` (see sessionItemName.ts); other names have no expiry. */
function sessionExpiry(name: string): number | undefined {
  const last = name.slice(name.lastIndexOf(',') + 1);
  return /^\d+$/.test(last) ? Number(last) : undefined;
}
