import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Adds an empty `[profile NAME]` (or `[default]`) section at the end of the config file, as `aws-vault add`
 * does, so the profile shows up for every AWS tool. Appending keeps the user's formatting and comments.
 */
export function appendProfileSection(path: string, profile: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const header = profile === 'default' ? '[default]' : `[profile ${profile}]`;
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const separator = existing === '' ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  appendFileSync(path, `${separator}${header}\n`, { mode: 0o600 });
}
