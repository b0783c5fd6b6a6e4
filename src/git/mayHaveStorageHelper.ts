import { readRegularFileIfExists } from '../shared/readRegularFile.js';

const STORAGE_WORDS = /\b(store|cache|osxkeychain|libsecret|wincred|manager|manager-core|gnome-keyring|netrc)\b/;

/** Places git reads configuration from, as far as they can be known without running git (string paths: hot path). */
function candidateFiles(env: NodeJS.ProcessEnv, home: string): string[] {
  const files = [env.GIT_CONFIG_GLOBAL || `${home}/.gitconfig`, `${env.XDG_CONFIG_HOME || `${home}/.config`}/git/config`];
  if (env.GIT_DIR) files.push(`${env.GIT_DIR}/config`);
  else files.push('.git/config');
  if (!env.GIT_CONFIG_NOSYSTEM) {
    files.push(env.GIT_CONFIG_SYSTEM || '/etc/gitconfig');
    // Where macOS and Homebrew gits keep theirs (Apple's sets credential.helper = osxkeychain).
    if (process.platform === 'darwin') {
      files.push('/Library/Developer/CommandLineTools/usr/share/git-core/gitconfig', '/Applications/Xcode.app/Contents/Developer/usr/share/git-core/gitconfig');
      files.push('/opt/homebrew/etc/gitconfig');
    }
    files.push('/usr/local/etc/gitconfig');
  }
  return files;
}

/**
 * A cheap first look, with no process started: could any configured credential helper be one that stores
 * passwords? Reads the config files git would read and `-c` settings. When a file includes others, or the
 * system file cannot be located (Windows), it answers yes and leaves the real answer to `git config`.
 */
export function mayHaveStorageHelper(env: NodeJS.ProcessEnv): boolean {
  // Without HOME the global config cannot be found by name: leave the answer to git.
  if (process.platform === 'win32' || !env.HOME) return true;
  const inline = `${env.GIT_CONFIG_PARAMETERS ?? ''} ${Object.entries(env).filter(([key]) => key.startsWith('GIT_CONFIG_VALUE_')).map(([, value]) => value).join(' ')}`;
  if (/helper/i.test(inline) && STORAGE_WORDS.test(inline)) return true;
  for (const file of candidateFiles(env, env.HOME)) {
    let text: string;
    try {
      // Never readFileSync: a FIFO or a device in a config path would block or never end.
      const bytes = readRegularFileIfExists(file, { maxBytes: 4 * 1024 * 1024 });
      if (bytes === undefined) continue;
      text = bytes.toString('utf8');
    } catch {
      // Unreadable as a plain file: leave the real answer to `git config`.
      return true;
    }
    if (/^\s*\[\s*include(If\s[^\]]*)?\s*\]/im.test(text)) return true;
    for (const line of text.split('\n')) {
      if (/^\s*helper\s*=/i.test(line) && STORAGE_WORDS.test(line)) return true;
    }
  }
  return false;
}
