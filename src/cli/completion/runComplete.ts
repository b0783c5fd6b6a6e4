import { loadAwsConfig } from '../../aws/config/loadAwsConfig.js';
import { runGit } from '../../git/runGit.js';
import { isValidProfileName } from '../../shared/validateProfileName.js';
import { writeAll } from '../../shared/writeAll.js';
import { completeWords } from './completeWords.js';

/**
 * `vault-git __complete INDEX WORDS…`, called by the completion scripts on every Tab. Loaded without the
 * CLI parser; reads the AWS config (never the vault) and the repository's remotes; prints nothing on error.
 */
export async function runComplete(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const index = Number(argv[0]);
  const words = argv.slice(1);
  if (!Number.isInteger(index) || index < 1 || words.length === 0) return;
  const config = () => loadAwsConfig(env).catch(() => undefined);
  try {
    const candidates = await completeWords(words, index, {
      profiles: async () => [...((await config())?.profiles.keys() ?? [])].filter(isValidProfileName),
      ssoSessions: async () => [...((await config())?.ssoSessions.keys() ?? [])],
      remotes: async () => {
        const result = await runGit(['remote'], { env, timeoutMs: 3000 });
        return result.code === 0 ? result.stdout.split('\n').filter(Boolean) : [];
      },
    });
    if (candidates.length > 0) writeAll(1, `${candidates.join('\n')}\n`);
  } catch {
    // A completion that cannot be computed offers nothing; the shell falls back to file names.
  }
}
