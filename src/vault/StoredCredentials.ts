import { VaultGitError } from '../shared/errors.js';
import type { Backend } from './Backend.js';

/** A long-term IAM user key as kept in the vault, one item per profile. */
export interface StoredCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly addedAt: string;
}

export class DamagedItemError extends VaultGitError {}

export function formatStoredCredentials(credentials: StoredCredentials): string {
  return JSON.stringify(credentials);
}

export function parseStoredCredentials(profile: string, text: string): StoredCredentials {
  try {
    const value = JSON.parse(text) as Partial<StoredCredentials>;
    if (typeof value.accessKeyId === 'string' && typeof value.secretAccessKey === 'string') {
      return { accessKeyId: value.accessKeyId, secretAccessKey: value.secretAccessKey, addedAt: String(value.addedAt ?? '') };
    }
  } catch {
    // fall through to the error below
  }
  throw new DamagedItemError(`the stored key for profile ${profile} is damaged`, { hint: `vault-git add ${profile} stores it again` });
}

export async function readStoredCredentials(backend: Backend, profile: string): Promise<StoredCredentials | undefined> {
  const text = await backend.get('credentials', profile);
  return text === undefined ? undefined : parseStoredCredentials(profile, text);
}
