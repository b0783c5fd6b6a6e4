import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { childEnvironment } from '../shared/childEnvironment.js';
import { requirePrivateRuntimeDirectory } from '../shared/runtimeDirectory.js';
import { writeFileAtomic } from '../shared/writeFileAtomic.js';

/** The browser reads the page when it gets to it; a sign-in token is good for 15 minutes anyway. */
const KEEP_PAGE_SECONDS = 60;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function opener(path: string): [string, string[]] {
  if (process.platform === 'darwin') return ['open', [path]];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""', path]];
  return ['xdg-open', [path]];
}

/**
 * Opens a URL that carries a secret (the console sign-in token) or a sign-in code without putting it on any command line,
 * where every local user could read it in `ps`: the URL goes into a small page that redirects to it,
 * written 0600 in the private runtime directory, and the opener is handed the page's path. The page is
 * removed a minute later by a detached `rm`, so this command does not have to wait for the browser.
 * Resolves false when no opener could be run (the caller then prints the URL instead).
 */
export async function openUrlPrivately(url: string, env: NodeJS.ProcessEnv, title = 'AWS console'): Promise<boolean> {
  const page = join(requirePrivateRuntimeDirectory(env), `sign-in-${randomBytes(8).toString('hex')}.html`);
  const href = escapeHtml(url);
  writeFileAtomic(
    page,
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${href}"><title>${escapeHtml(title)}</title><a href="${href}">Continue to the ${escapeHtml(title)}</a>\n`,
  );
  const [command, args] = opener(page);
  const opened = await new Promise<boolean>((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, env: childEnvironment(env) });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
  const cleanup = spawn('/bin/sh', ['-c', `sleep ${opened ? KEEP_PAGE_SECONDS : 0}; rm -f "$0"`, page], { stdio: 'ignore', detached: true, env: { PATH: env.PATH ?? '/usr/bin:/bin' } });
  cleanup.on('error', () => undefined);
  cleanup.unref();
  return opened;
}
