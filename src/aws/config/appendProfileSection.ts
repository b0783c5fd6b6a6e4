import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { readRegularFileIfExists } from '../../shared/readRegularFile.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether the file already has a section header for the profile, empty or not. Read from the text itself:
 * the SDK's loader drops empty sections, so `add` run twice (the rotation step) appended a second one.
 */
export function hasProfileSection(text: string, profile: string): boolean {
  const name = escapeRegExp(profile);
  const header = profile === 'default' ? `(?:default|profile\\s+default)` : `profile\\s+${name}`;
  return new RegExp(`^[ \\t]*\\[[ \\t]*${header}[ \\t]*\\]`, 'm').test(text);
}

/**
 * Adds a `[profile NAME]` (or `[default]`) section at the end of the config file, empty as `aws-vault add`
 * makes it, or with the given keys (`sso profiles --write`), so the profile shows up for every AWS tool;
 * nothing when the file has one already. Appending keeps the user's formatting and comments. Returns
 * whether it added one.
 */
export function appendProfileSection(path: string, profile: string, keys: Readonly<Record<string, string>> = {}): boolean {
  const existing = readRegularFileIfExists(path, { maxBytes: 4 * 1024 * 1024 })?.toString('utf8') ?? '';
  if (hasProfileSection(existing, profile)) return false;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const header = profile === 'default' ? '[default]' : `[profile ${profile}]`;
  const separator = existing === '' ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  const body = Object.entries(keys).map(([key, value]) => `${key} = ${value.replace(/[\r\n]/g, '')}\n`).join('');
  appendFileSync(path, `${separator}${header}\n${body}`, { mode: 0o600 });
  return true;
}
