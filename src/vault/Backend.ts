/**
 * The one storage interface every caller uses. Long-term keys and cached sessions are separate kinds of
 * item: backends keep them apart (two keychain services; two encryption tiers in the file backend) so
 * that reading a session never unlocks, or prompts for, a long-term key.
 */
export type ItemKind = 'credentials' | 'session';

export type BackendName = 'keychain' | 'file' | 'memory';

export interface Backend {
  readonly name: BackendName;
  /** Where the items live, for messages ("Secret Service", "/home/u/.vault-git"). */
  readonly location: string;
  get(kind: ItemKind, name: string): Promise<string | undefined>;
  /** `expiresAt` (unix seconds) lets a backend drop an item once it is worthless, without reading it. */
  set(kind: ItemKind, name: string, secret: string, meta?: { readonly expiresAt?: number | undefined }): Promise<void>;
  /** True when something was removed. */
  delete(kind: ItemKind, name: string): Promise<boolean>;
  list(kind: ItemKind): Promise<string[]>;
  /** Files a listing passed over because they are damaged or foreign (file backend), named for the user. */
  unreadable?(): ReadonlyArray<{ readonly file: string; readonly reason: string }>;
  /** Removes cached-session files that no longer decrypt (they are only sessions); how many went. */
  removeUnreadableSessions?(): Promise<number>;
}
