import { spawn } from 'node:child_process';
import { childEnvironment } from '../shared/childEnvironment.js';
import { VaultGitError } from '../shared/errors.js';

export class GuiPromptError extends VaultGitError {}

const COMMANDS: Record<string, (text: string) => [string, string[]]> = {
  zenity: (text) => ['zenity', ['--entry', '--title', 'vault-git', '--text', text]],
  kdialog: (text) => ['kdialog', ['--title', 'vault-git', '--inputbox', text]],
  osascript: (text) => [
    'osascript',
    ['-e', `text returned of (display dialog ${JSON.stringify(text)} default answer "" with title "vault-git" buttons {"Cancel", "OK"} default button "OK")`],
  ],
};

export function isGuiPrompt(name: string | undefined): boolean {
  return name !== undefined && name in COMMANDS;
}

/** Asks in a desktop dialog (VAULT_GIT_PROMPT=zenity|kdialog|osascript), for when no terminal is at hand. */
export function promptWithGui(driver: string, text: string): Promise<string> {
  const [command, args] = COMMANDS[driver]!(text);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'], env: childEnvironment(process.env) });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => reject(new GuiPromptError(`VAULT_GIT_PROMPT=${driver}, but ${command} could not be started`)));
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(chunks).toString('utf8').trim()) : reject(new GuiPromptError(`the ${driver} dialog was cancelled`)),
    );
  });
}
