import type { Backend } from '../../vault/Backend.js';
import type { ResolvedProfile } from '../config/ResolvedProfile.js';

/**
 * The profile at the bottom of a source_profile chain, which is where `vault-git add` puts keys (it refuses
 * keys on profiles with a source_profile), and whether that profile could also be served another way
 * (credential_process, SSO), in which case only the vault can say whether it holds a key.
 */
function keyHolderOf(target: ResolvedProfile): { readonly name: string; readonly servedOtherwise: boolean } {
  let bottom = target;
  while (bottom.sourceProfile) bottom = bottom.sourceProfile;
  return { name: bottom.name, servedOtherwise: Boolean(bottom.credentialProcess || bottom.ssoStartUrl || bottom.ssoSession) };
}

/**
 * Which profiles of a chain hold a key in the vault, without listing the vault (listing the file vault
 * needs its passphrase, and listing a keychain reads every long-term secret): the key holder, asking the
 * vault only when it could be served another way.
 */
export async function findStoredKeyProfiles(target: ResolvedProfile, backend: Backend): Promise<Set<string>> {
  const holder = keyHolderOf(target);
  if (!holder.servedOtherwise || (await backend.get('credentials', holder.name)) !== undefined) return new Set([holder.name]);
  return new Set();
}
