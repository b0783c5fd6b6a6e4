/**
 * Inside `vault-git exec P` (or aws-vault's), AWS_REGION and AWS_DEFAULT_REGION are P's. A remote set up
 * for another profile must use that profile's own region, so they are dropped for it.
 */
export function environmentForProfile(env: NodeJS.ProcessEnv, profile: string): NodeJS.ProcessEnv {
  if (!env.AWS_VAULT || env.AWS_VAULT === profile) return env;
  const own = { ...env };
  delete own.AWS_REGION;
  delete own.AWS_DEFAULT_REGION;
  return own;
}
