import type { Backend } from '../../vault/Backend.js';
import type { ResolvedProfile } from '../config/ResolvedProfile.js';

/**
 * The profile at the bottom of a source_profile chain, which is where `vault-git add` puts keys (it refuses
 * keys on profiles with a source_profile), and whether that profile could also be served another way
 * (credential_process), in which case only the vault can say whether it holds a key.
 */
function keyHolderOf(target: ResolvedProfile): { readonly name: string; readonly servedOtherwise: boolean; readonly signsIn: boolean } {
  let bottom = target;
  while (bottom.sourceProfile) bottom = bottom.sourceProfile;
  return { name: bottom.name, servedOtherwise: Boolean(bottom.credentialProcess), signsIn: bottom.sso !== undefined };
}

/**
 * Which profiles of a chain hold a key in the vault, without listing the vault (listing the file vault
 * needs its passphrase, and listing a keychain reads every long-term secret): the key holder, asking the
 * vault only when it could be served another way.
 */
export async function findStoredKeyProfiles(target: ResolvedProfile, backend: Backend): Promise<Set<string>> {
  const holder = keyHolderOf(target);
  // An IAM Identity Center profile signs in; it never holds a key, so the vault's key tier (and, for the
  // file vault, its passphrase) is not touched, and the credential helper can renew it without one.
  if (holder.signsIn) return new Set();
  if (!holder.servedOtherwise || (await backend.get('credentials', holder.name)) !== undefined) return new Set([holder.name]);
  return new Set();
}
