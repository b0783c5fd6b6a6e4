import type { AwsConfigFile } from './AwsConfigFile.js';

/** Glob with `*` only, matched against the whole profile name. */
function matchesPattern(name: string, pattern: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(name);
}

/**
 * The wrong-environment guard: a profile marked `vault_git_confirm = true`, or whose name matches one of the
 * comma-separated patterns in VAULT_GIT_CONFIRM_PROFILES (for example `*-prd-*,prod*`), must be confirmed
 * by typing its name before `exec` runs anything with it.
 */
export function isConfirmationRequired(profile: string, config: AwsConfigFile, env: NodeJS.ProcessEnv): boolean {
  const flag = config.profiles.get(profile)?.vault_git_confirm?.toLowerCase();
  if (flag === 'true' || flag === 'yes' || flag === '1') return true;
  if (flag === 'false' || flag === 'no' || flag === '0') return false;
  const patterns = (env.VAULT_GIT_CONFIRM_PROFILES ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  return patterns.some((pattern) => matchesPattern(profile, pattern));
}
