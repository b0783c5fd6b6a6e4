import { VaultGitError } from '../../shared/errors.js';

/** `k=v,k=v` with spaces trimmed, as aws-vault reads session_tags / AWS_SESSION_TAGS. */
export function parseSessionTags(text: string, where: string): Record<string, string> {
  const tags: Record<string, string> = {};
  const pairs = text.split(',');
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    const key = equals === -1 ? '' : pair.slice(0, equals).trim();
    const value = equals === -1 ? '' : pair.slice(equals + 1).trim();
    if (!key || !value) {
      throw new VaultGitError(`session tags string must be <key1>=<value1>,[<key2>=<value2>[,...]] (${where})`);
    }
    tags[key] = value;
  }
  return tags;
}

/** `k,k` with spaces trimmed and empty entries dropped; nothing left means no transitive tags. */
export function parseTransitiveTags(text: string): string[] | undefined {
  const keys = text.split(',').map((key) => key.trim()).filter(Boolean);
  return keys.length > 0 ? keys : undefined;
}
