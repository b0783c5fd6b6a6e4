import type { Backend } from '../../vault/Backend.js';
import type { AwsConfigFile } from '../config/AwsConfigFile.js';
import { loadAwsConfig } from '../config/loadAwsConfig.js';
import type { ProfileFlags, ResolvedProfile } from '../config/ResolvedProfile.js';
import { resolveProfile } from '../config/resolveProfile.js';
import type { CredentialPlan } from './CredentialPlan.js';
import { findStoredKeyProfiles } from './findStoredKeyProfiles.js';
import { planCredentials } from './planCredentials.js';

/** What a command asks for, normalised once from its flags: every consumer of a profile starts here. */
export interface ProfileOptions {
  readonly profile: string;
  /** --region and --duration: they beat the environment and the file for every profile of the chain. */
  readonly flags?: ProfileFlags | undefined;
  /** --no-session: no GetSessionToken. */
  readonly noSession?: boolean | undefined;
}

/** A profile made ready to use: the config it came from, the profile as resolved, and the plan. */
export interface PreparedProfile {
  readonly options: ProfileOptions;
  readonly config: AwsConfigFile;
  readonly resolved: ResolvedProfile;
  readonly plan: CredentialPlan;
}

/**
 * Config → resolved profile → plan, once per command. `exec --plan` prints this plan and `exec` carries out
 * the same value, so the two cannot disagree. Reads the config (and, only for a key holder that could be
 * served another way, the vault).
 */
export async function prepareProfile(options: ProfileOptions, deps: { readonly env: NodeJS.ProcessEnv; readonly backend: Backend; readonly config?: AwsConfigFile }): Promise<PreparedProfile> {
  const config = deps.config ?? (await loadAwsConfig(deps.env));
  const resolved = resolveProfile(options.profile, { config, env: deps.env, flags: options.flags });
  const storedKeyProfiles = await findStoredKeyProfiles(resolved, deps.backend);
  return { options, config, resolved, plan: planCredentials(resolved, { storedKeyProfiles, noSession: options.noSession }) };
}
