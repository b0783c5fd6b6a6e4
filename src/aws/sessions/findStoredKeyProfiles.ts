import type { Backend } from '../../vault/Backend.js';
import type { ResolvedProfile } from '../config/ResolvedProfile.js';

/**
 * Which profiles of a chain hold a key in the vault, without listing the vault (listing the file vault
 * needs its passphrase, and listing a keychain reads every long-term secret). `vault-git add` refuses keys
 * on profiles with a source_profile, so the key sits at the bottom of the chain; only when that profile
 * could also be served another way (credential_process, SSO) is the vault asked about it.
 */
export async function findStoredKeyProfiles(target: ResolvedProfile, backend: Backend): Promise<Set<string>> {
  let bottom = target;
  while (bottom.sourceProfile) bottom = bottom.sourceProfile;
  const alternative = bottom.credentialProcess || bottom.ssoStartUrl || bottom.ssoSession;
  if (!alternative || (await backend.get('credentials', bottom.name)) !== undefined) return new Set([bottom.name]);
  return new Set();
}
