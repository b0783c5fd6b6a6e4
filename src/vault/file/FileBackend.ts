import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describeFileSystemError } from '../../shared/describeFileSystemError.js';
import { VaultGitError } from '../../shared/errors.js';
import { readRegularFile, readRegularFileIfExists, UnreadableFileError } from '../../shared/readRegularFile.js';
import { withFileLock } from '../../shared/withFileLock.js';
import { writeFileAtomic } from '../../shared/writeFileAtomic.js';
import type { Backend, ItemKind } from '../Backend.js';
import { DEFAULT_SCRYPT, deriveMasterKey, deriveSubkey, fileIdFor, open, seal, type ScryptParameters, type SealedBox } from './fileVaultCrypto.js';
import { readOrCreateSessionKey, readSessionKey } from './sessionKeyFile.js';

export class WrongPassphraseError extends VaultGitError {}
export class CorruptVaultFileError extends VaultGitError {}
export class VaultLockedError extends VaultGitError {}
/** The vault's directory or files are open to other users. */
export class UnsafeVaultError extends VaultGitError {}

export class WeakPassphraseError extends VaultGitError {}

/** A new vault's passphrase, from the prompt or VAULT_GIT_FILE_PASSPHRASE alike: 8 characters, not all blank. */
function assertNewPassphrase(passphrase: string): void {
  if (passphrase.length < 8 || passphrase.trim() === '') {
    throw new WeakPassphraseError('a new file vault needs a passphrase of at least 8 characters, not all of them spaces; nothing was created', {
      hint: 'choose a longer passphrase (VAULT_GIT_FILE_PASSPHRASE, or the prompt)',
    });
  }
}

function formatMode(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

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

/** The files the vault itself writes: item files are named by their 40-hex id, nothing else. */
const ITEM_FILE = /^([cs])-([0-9a-f]{40})\.json$/;
const OWN_FILES = /^(vault\.json|\.lock|\.lock\.takeover)$|\.tmp-\d+-[0-9a-f]+$|^\.lock\.\d+\.[0-9a-f]+$/;
/** An item file is a few kilobytes; anything far larger is not ours and is not read into memory. */
const MAX_ITEM_BYTES = 4 * 1024 * 1024;

export interface UnreadableFile {
  readonly file: string;
  readonly reason: string;
}

/**
 * An encrypted directory for machines without a keychain. Long-term keys are sealed under a key derived
 * from the passphrase with scrypt; sessions under a random runtime key (see sessionKeyFile.ts), so git
 * requests never pay the KDF. File names are keyed hashes (a file id reveals no profile name), so an item
 * is read straight from its own file. Every write is atomic and happens under a lock; a wrong passphrase is
 * detected by a verifier before anything is written. A damaged item file, or a foreign one (a sync tool's
 * "conflicted copy"), affects only itself: it is named in errors, in `list` and in doctor, and never deleted.
 */
export class FileBackend implements Backend {
  readonly name = 'file' as const;
  private credentialKeys: { seal: Buffer; naming: Buffer } | undefined;
  private permissionsChecked = false;
  private readonly skipped = new Map<string, string>();
  /** What the last listing decrypted, per kind: the helper lists sessions and then reads one of them. */
  private readonly listed = new Map<ItemKind, Map<string, string>>();

  constructor(private readonly options: FileBackendOptions) {}

  get location(): string {
    return this.options.directory;
  }

  /** Files skipped by listings so far: damaged items, foreign files. */
  unreadable(): UnreadableFile[] {
    return [...this.skipped].map(([file, reason]) => ({ file, reason }));
  }

  async get(kind: ItemKind, name: string): Promise<string | undefined> {
    const known = this.listed.get(kind)?.get(name);
    if (known !== undefined) return known;
    if (!this.assertUsableDirectory()) return undefined;
    const naming = await this.namingKey(kind, false);
    if (naming === undefined) return undefined;
    const file = `${kind === 'credentials' ? 'c' : 's'}-${fileIdFor(naming, kind, name)}.json`;
    let item: { name: string; secret: string } | undefined;
    try {
      item = this.readItem(file, kind);
    } catch (error) {
      // A damaged session is no session: the refresh that follows writes a good one over this very file.
      if (kind !== 'session' || !(error instanceof CorruptVaultFileError)) throw error;
      this.skipped.set(file, error.message);
      return undefined;
    }
    if (item === undefined) return undefined;
    if (item.name !== name) throw new CorruptVaultFileError(`the vault file ${join(this.options.directory, file)} holds another item than its name says; it was left untouched`);
    return item.secret;
  }

  async set(kind: ItemKind, name: string, secret: string, meta: { readonly expiresAt?: number | undefined } = {}): Promise<void> {
    this.listed.delete(kind);
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
        const expires = meta.expiresAt;
        const box = seal(deriveSubkey(sessionKey.key, 'session items'), JSON.stringify({ name, secret }), id);
        this.writeItem(`s-${id}.json`, { v: 1, kind, key: sessionKey.id, ...(expires === undefined ? {} : { expires }), box });
      }
      this.removeExpiredSessions();
    });
  }

  async delete(kind: ItemKind, name: string): Promise<boolean> {
    this.listed.delete(kind);
    if (!this.assertUsableDirectory()) return false;
    const naming = await this.namingKey(kind, false);
    if (naming === undefined) return false;
    const path = join(this.options.directory, `${kind === 'credentials' ? 'c' : 's'}-${fileIdFor(naming, kind, name)}.json`);
    return this.locked(async () => {
      try {
        unlinkSync(path);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw new VaultGitError(`cannot delete ${path}: ${describeFileSystemError(error)}`, { cause: error });
      }
    });
  }

  async list(kind: ItemKind): Promise<string[]> {
    if (!this.assertUsableDirectory()) return [];
    const prefix = kind === 'credentials' ? 'c' : 's';
    const found = new Map<string, string>();
    const files = this.directoryEntries();
    if (files.some((file) => ITEM_FILE.exec(file)?.[1] === prefix) && (await this.namingKey(kind, false)) === undefined) return [];
    for (const file of files) {
      const match = ITEM_FILE.exec(file);
      if (!match) {
        if (!OWN_FILES.test(file)) this.skipped.set(file, 'not a file vault-git writes (left alone)');
        continue;
      }
      if (match[1] !== prefix) continue;
      try {
        const item = this.readItem(file, kind);
        if (item) found.set(item.name, item.secret);
      } catch (error) {
        // One damaged item must not take the others with it.
        this.skipped.set(file, (error as Error).message);
      }
    }
    this.listed.set(kind, found);
    return [...found.keys()].sort();
  }

  /** `clear` of everything also takes session files that no longer decrypt: they are only sessions. */
  async removeUnreadableSessions(): Promise<number> {
    let removed = 0;
    await this.list('session');
    for (const file of this.skipped.keys()) {
      if (!ITEM_FILE.test(file) || !file.startsWith('s-')) continue;
      try {
        unlinkSync(join(this.options.directory, file));
        this.skipped.delete(file);
        removed++;
      } catch {
        // Reported again next time.
      }
    }
    return removed;
  }

  /**
   * The directory must be ours and closed to writers other than us, and is checked once per process; a
   * missing directory is an empty vault (false). Files are checked as they are read.
   */
  private assertUsableDirectory(): boolean {
    const dir = this.options.directory;
    let stat;
    try {
      stat = statSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new VaultGitError(`cannot read the file vault ${dir}: ${describeFileSystemError(error)}`);
    }
    if (this.permissionsChecked || process.platform === 'win32') return true;
    if (!stat.isDirectory()) throw new VaultGitError(`the file vault ${dir} is not a directory`);
    if (stat.uid !== process.getuid!()) {
      throw new UnsafeVaultError(`the file vault ${dir} belongs to uid ${stat.uid}, not to us; refusing to use it`, { hint: `check who made it; if it is yours: chown -R $(id -u) ${dir}` });
    }
    if ((stat.mode & 0o022) !== 0) {
      throw new UnsafeVaultError(`the file vault ${dir} is writable by ${stat.mode & 0o002 ? 'everyone' : 'its group'} (mode ${formatMode(stat.mode)}); refusing to use it`, {
        hint: `chmod 700 ${dir}`,
      });
    }
    this.permissionsChecked = true;
    return true;
  }

  private ensureDirectory(): void {
    try {
      mkdirSync(this.options.directory, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new VaultGitError(`cannot create the file vault ${this.options.directory}: ${describeFileSystemError(error)}`);
    }
    this.assertUsableDirectory();
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

  private directoryEntries(): string[] {
    try {
      return readdirSync(this.options.directory);
    } catch {
      return [];
    }
  }

  /** A writer killed between creating its temp file and renaming it leaves the temp file behind. */
  private removeAbandonedTempFiles(): void {
    for (const file of this.directoryEntries()) {
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

  /** The key that names items of a kind; undefined for sessions when the runtime key is gone. */
  private async namingKey(kind: ItemKind, create: boolean): Promise<Buffer | undefined> {
    if (kind === 'credentials') {
      // No key file at all: nothing to unlock for (keeps `get` free of the passphrase on a vault of sessions).
      if (!this.credentialKeys && !this.directoryEntries().some((file) => file.startsWith('c-'))) return undefined;
      return (await this.unlockCredentials(create)).naming;
    }
    const sessionKey = readSessionKey(this.options.env, this.options.directory);
    return sessionKey ? deriveSubkey(sessionKey.key, 'session names') : undefined;
  }

  /** Reads one item file; undefined when it does not exist (or, for sessions, was sealed under a vanished key). */
  private readItem(file: string, kind: ItemKind): { name: string; secret: string } | undefined {
    const path = join(this.options.directory, file);
    let bytes: Buffer;
    try {
      bytes = readRegularFile(path, { maxBytes: MAX_ITEM_BYTES, noFollow: true });
    } catch (error) {
      if (error instanceof UnreadableFileError && error.reason === 'missing') return undefined;
      const reason = error instanceof UnreadableFileError ? error.reason : 'unreadable';
      throw new CorruptVaultFileError(`the vault file ${path} cannot be read (${reason}); it was left untouched`);
    }
    this.assertPrivateFile(path);
    let item: ItemFile;
    try {
      item = JSON.parse(bytes.toString('utf8')) as ItemFile;
    } catch {
      throw new CorruptVaultFileError(`the vault file ${path} is damaged (not valid JSON); it was left untouched`, {
        hint: kind === 'session' ? 'vault-git clear removes cached sessions' : 'restore it from a backup, or delete it and add that profile again',
      });
    }
    if (item?.v !== 1 || typeof item.box?.iv !== 'string' || typeof item.box?.data !== 'string') {
      throw new CorruptVaultFileError(`the vault file ${path} is damaged (unknown layout); it was left untouched`);
    }
    const id = file.slice(2, -5);
    let plaintext: string | undefined;
    if (kind === 'credentials') {
      if (!this.credentialKeys) throw new VaultLockedError('the file vault is locked');
      plaintext = open(this.credentialKeys.seal, item.box, id);
    } else {
      const sessionKey = readSessionKey(this.options.env, this.options.directory);
      // Sealed under a runtime key that is gone (logout, reboot): unreadable by design, cleaned up at expiry.
      if (!sessionKey || item.key !== sessionKey.id) return undefined;
      plaintext = open(deriveSubkey(sessionKey.key, 'session items'), item.box, id);
    }
    if (plaintext === undefined) {
      throw new CorruptVaultFileError(`the vault file ${path} does not decrypt: it was altered or truncated; it was left untouched`, {
        hint: kind === 'session' ? 'vault-git clear removes cached sessions' : 'restore it from a backup, or delete it and add that profile again',
      });
    }
    try {
      const parsed = JSON.parse(plaintext) as { name?: unknown; secret?: unknown };
      if (typeof parsed.name === 'string' && typeof parsed.secret === 'string') return { name: parsed.name, secret: parsed.secret };
    } catch {
      // reported below
    }
    throw new CorruptVaultFileError(`the vault file ${path} is damaged (unknown content); it was left untouched`);
  }

  private assertPrivateFile(path: string): void {
    if (process.platform === 'win32') return;
    const mode = statSync(path).mode;
    if ((mode & 0o044) !== 0) {
      throw new UnsafeVaultError(`the vault file ${path} is readable by ${mode & 0o004 ? 'everyone' : 'its group'} (mode ${formatMode(mode)}); refusing to use it`, { hint: `chmod 600 ${path}` });
    }
  }

  private removeExpiredSessions(): void {
    const now = Math.floor((this.options.now?.() ?? Date.now()) / 1000);
    for (const file of this.directoryEntries()) {
      if (!ITEM_FILE.test(file) || !file.startsWith('s-')) continue;
      try {
        const item = JSON.parse(readRegularFile(join(this.options.directory, file), { maxBytes: MAX_ITEM_BYTES, noFollow: true }).toString('utf8')) as ItemFile;
        if (typeof item.expires === 'number' && item.expires < now) unlinkSync(join(this.options.directory, file));
      } catch {
        // A damaged session file is reported when read; housekeeping does not delete what it cannot judge.
      }
    }
  }

  private readHeader(): Header | undefined {
    const path = join(this.options.directory, HEADER);
    try {
      const bytes = readRegularFileIfExists(path, { maxBytes: MAX_ITEM_BYTES, noFollow: true });
      if (bytes === undefined) return undefined;
      const header = JSON.parse(bytes.toString('utf8')) as Header;
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
      assertNewPassphrase(passphrase);
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
