/**
 * One git credential record as git documents it (git-credential(1)): single-valued attributes and
 * `key[]` attributes that accumulate in order. Unknown keys are kept so a caller can look, but nothing
 * in vault-git writes them back.
 */
export interface CredentialRecord {
  readonly attributes: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
}

export function attribute(record: CredentialRecord, key: string): string | undefined {
  return record.attributes.get(key);
}

export function listAttribute(record: CredentialRecord, key: string): readonly string[] {
  return record.lists.get(key) ?? [];
}
