/** Keys vault-git reads from a profile section. */
export const VAULT_GIT_PROFILE_KEYS = [
  'region', 'mfa_serial', 'mfa_process', 'role_arn', 'external_id', 'role_session_name', 'duration_seconds',
  'source_profile', 'include_profile', 'credential_process', 'session_tags', 'transitive_session_tags',
  'source_identity', 'endpoint_url', 'sts_regional_endpoints', 'sso_session', 'sso_start_url', 'sso_region',
  'sso_account_id', 'sso_role_name', 'sso_registration_scopes', 'vault_git_confirm', 'vault_git_codecommit_endpoint',
] as const;

/** Keys the AWS CLI and SDKs read that vault-git leaves to them; not worth a warning. */
export const OTHER_AWS_KEYS = [
  'output', 'cli_pager', 'cli_timestamp_format', 'cli_auto_prompt', 'cli_binary_format', 'cli_history', 'ca_bundle',
  'parameter_validation', 'max_attempts', 'retry_mode', 'use_fips_endpoint', 'use_dualstack_endpoint',
  'web_identity_token_file', 'web_identity_token_process', 'credential_source', 'aws_access_key_id',
  'aws_secret_access_key', 'aws_session_token', 's3', 'services', 'defaults_mode', 'tcp_keepalive',
  'ignore_configured_endpoint_urls', 'sdk_ua_app_id', 'account_id_endpoint_mode', 'aws_account_id',
  'request_checksum_calculation', 'response_checksum_validation', 'sigv4a_signing_region_set', 'login_session',
  'metadata_service_timeout', 'metadata_service_num_attempts', 'ec2_metadata_service_endpoint',
  'ec2_metadata_service_endpoint_mode', 'ec2_metadata_v1_disabled', 'auth_scheme_preference', 'disable_request_compression',
  'request_min_compression_size_bytes', 'region_name', 'api_versions', 'dynamodb', 'sts',
] as const;

const KNOWN = new Set<string>([...VAULT_GIT_PROFILE_KEYS, ...OTHER_AWS_KEYS]);

export function isKnownProfileKey(key: string): boolean {
  return KNOWN.has(key);
}

/** The closest known key, for doctor's "did you mean" (aws_mfa_device -> mfa_serial is the classic). */
export function suggestProfileKey(key: string): string | undefined {
  if (key === 'aws_mfa_device' || key === 'mfa_device' || key === 'mfa_arn') return 'mfa_serial';
  let best: { key: string; distance: number } | undefined;
  for (const candidate of VAULT_GIT_PROFILE_KEYS) {
    const distance = levenshtein(key, candidate);
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(key.length / 4)) ? best.key : undefined;
}

/** The closest of the config's profile names, for a name that is in neither the config nor the vault. */
export function suggestProfileName(name: string, names: Iterable<string>): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of names) {
    const distance = levenshtein(name.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(name.length / 3)) ? best.name : undefined;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
