import { writeAll } from '../shared/writeAll.js';
import { promptOnTerminal } from '../prompt/promptOnTerminal.js';
import { openBackend } from '../vault/openBackend.js';
import { resolvePassphraseSource } from '../vault/resolvePassphraseSource.js';
import type { CliContext } from './CliContext.js';

async function askPassphrase(directory: string, creating: boolean): Promise<string> {
  const purpose = 'the file vault passphrase';
  if (!creating) return promptOnTerminal(`Passphrase for the vault-git file vault at ${directory}: `, { secret: true, purpose });
  for (;;) {
    const first = await promptOnTerminal(`New passphrase for the vault-git file vault at ${directory}: `, { secret: true, purpose });
    const second = await promptOnTerminal('Repeat it: ', { secret: true, purpose });
    if (first === second && first.length >= 8 && first.trim() !== '') return first;
    await promptOnTerminal(first === second ? 'Use at least 8 characters, not all spaces. Press Enter to try again.' : 'They differ. Press Enter to try again.', { secret: true, purpose });
  }
}

export function createProcessContext(env: NodeJS.ProcessEnv): CliContext {
  return {
    env,
    out: (text) => writeAll(1, text),
    err: (text) => writeAll(2, text),
    ask: (question, options) => promptOnTerminal(question, options),
    openBackend: (requested) => openBackend({ requested, env, passphrase: resolvePassphraseSource(env, askPassphrase) }),
    now: () => new Date(),
  };
}
