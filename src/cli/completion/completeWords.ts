import { COMMAND_FLAGS, FLAG_VALUES, GLOBAL_FLAGS, PROFILE_COMMANDS, SHELLS, SSO_SUBCOMMANDS } from './commandWords.js';

/** What the candidates may depend on, read only when a word needs it. */
export interface CompletionSources {
  profiles(): Promise<string[]>;
  ssoSessions(): Promise<string[]>;
  remotes(): Promise<string[]>;
}

/** Flags that take a value (their next word is that value, not a positional). */
const VALUED = new Set(['--backend', '--prompt', '--format', '--from', '--to', '--profile', '--sso-session', '--region', '--repo', '--url', '--duration', '--mfa-token', '--min-ttl']);

/**
 * The candidates for the word at `index` of `words` (words[0] is `vault-git`), already filtered by what
 * the user has typed of it. The same logic serves bash, zsh and fish, whose scripts only pass the words.
 */
export async function completeWords(words: readonly string[], index: number, sources: CompletionSources): Promise<string[]> {
  const current = words[index] ?? '';
  const before = words.slice(1, index);
  const previous = before.at(-1);
  const positionals: string[] = [];
  for (let i = 0; i < before.length; i++) {
    const word = before[i]!;
    if (word === '--') break;
    if (word.startsWith('-')) {
      if (VALUED.has(word) && !word.includes('=')) i++;
      continue;
    }
    positionals.push(word);
  }
  const command = positionals[0];
  let candidates: string[];
  if (previous !== undefined && VALUED.has(previous)) {
    if (previous === '--profile') candidates = await sources.profiles();
    else if (previous === '--sso-session') candidates = await sources.ssoSessions();
    // --from means a tool for import and a backend for migrate.
    else if (previous === '--from') candidates = command === 'import' ? ['aws-vault', 'credentials-file'] : ['file', 'keychain'];
    else candidates = [...(FLAG_VALUES[previous] ?? [])];
  } else if (current.startsWith('-')) {
    const own = command === 'sso' && positionals[1] ? SSO_SUBCOMMANDS[positionals[1]] ?? [] : command ? COMMAND_FLAGS[command] ?? [] : [];
    candidates = [...own, ...GLOBAL_FLAGS, ...(command ? [] : ['--version'])];
  } else if (command === undefined) {
    candidates = Object.keys(COMMAND_FLAGS).filter((name) => name !== 'ls');
  } else if (positionals.length === 1 && PROFILE_COMMANDS.has(command)) {
    candidates = await sources.profiles();
  } else if (positionals.length === 1 && command === 'setup') {
    candidates = await sources.remotes();
  } else if (positionals.length === 1 && command === 'sso') {
    candidates = Object.keys(SSO_SUBCOMMANDS);
  } else if (positionals.length === 2 && command === 'sso' && positionals[1] === 'logout') {
    candidates = await sources.ssoSessions();
  } else if (positionals.length === 1 && command === 'completion') {
    candidates = SHELLS;
  } else {
    candidates = [];
  }
  return [...new Set(candidates)].filter((candidate) => candidate.startsWith(current)).sort();
}
