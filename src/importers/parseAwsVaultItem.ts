import { isValidProfileName } from '../shared/validateProfileName.js';
import type { FoundKey } from './FoundKey.js';

/**
 * aws-vault keeps every entry as its keyring library's item, JSON `{Key, Data, Label, Description}` with
 * Data base64, and a long-term key's Data is the SDK's credentials JSON `{AccessKeyID, SecretAccessKey,
 * SessionToken, …}` under the profile's name. Its sessions and SSO tokens sit beside them under names with
 * a comma or colon (`session,…`, `oidc:…`) and a session token: those are not keys, and are passed over.
 */
export function parseAwsVaultItem(text: string, from: string): FoundKey | undefined {
  let item: { Key?: unknown; Data?: unknown };
  try {
    item = JSON.parse(text) as typeof item;
  } catch {
    return undefined;
  }
  if (typeof item.Key !== 'string' || !isValidProfileName(item.Key) || typeof item.Data !== 'string') return undefined;
  let credentials: { AccessKeyID?: unknown; SecretAccessKey?: unknown; SessionToken?: unknown };
  try {
    credentials = JSON.parse(Buffer.from(item.Data, 'base64').toString('utf8')) as typeof credentials;
  } catch {
    return undefined;
  }
  if (typeof credentials.AccessKeyID !== 'string' || typeof credentials.SecretAccessKey !== 'string') return undefined;
  if (typeof credentials.SessionToken === 'string' && credentials.SessionToken !== '') return undefined;
  return { profile: item.Key, accessKeyId: credentials.AccessKeyID, secretAccessKey: credentials.SecretAccessKey, from };
}
