import { runGit, type GitOptions } from './runGit.js';

export interface ConfiguredHelper {
  readonly scope: string;
  /** The URL of a `[credential "<url>"]` section, or undefined for a plain `credential.helper`. */
  readonly url: string | undefined;
  /** The value as configured; an empty value is the reset that clears the helpers collected so far. */
  readonly value: string;
}

/**
 * Every `credential.helper` and `credential.<url>.helper` entry git sees from here (system, global, local,
 * -c), in the order git reads them, with one `git config` process.
 */
export async function listCredentialHelpers(options: GitOptions = {}): Promise<ConfiguredHelper[]> {
  const result = await runGit(['config', '--show-scope', '-z', '--get-regexp', '^credential\\.(.*\\.)?helper$'], options);
  if (result.code !== 0) return [];
  const fields = result.stdout.split('\0');
  const helpers: ConfiguredHelper[] = [];
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const scope = fields[index]!;
    const entry = fields[index + 1]!;
    const newline = entry.indexOf('\n');
    const key = newline === -1 ? entry : entry.slice(0, newline);
    const value = newline === -1 ? '' : entry.slice(newline + 1);
    const url = key === 'credential.helper' ? undefined : key.slice('credential.'.length, -'.helper'.length);
    helpers.push({ scope, url, value });
  }
  return helpers;
}
