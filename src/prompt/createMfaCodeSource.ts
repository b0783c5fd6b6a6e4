import { promptSetting } from '../shared/awsVaultVariables.js';
import { VaultGitError } from '../shared/errors.js';
import type { MfaCodeRequest, MfaCodeSource } from '../shared/MfaCodeRequest.js';
import { MfaRequiredError } from '../shared/MfaRequiredError.js';
import { isGuiPrompt, promptWithGui } from './promptWithGui.js';
import { runMfaProcess } from './runMfaProcess.js';
import { runYkman } from './runYkman.js';

export interface MfaSourceOptions {
  readonly env: NodeJS.ProcessEnv;
  /** --mfa-token: used for the first code asked for. */
  readonly mfaToken?: string | undefined;
  /**
   * Asks on the controlling terminal. The CLI passes promptOnTerminal; the credential helper passes
   * nothing (git owns its stdin and stdout and may have no terminal), so this module never loads it.
   */
  readonly askOnTerminal?: ((question: string, purpose: string) => Promise<string>) | undefined;
  /** The command that gets a code when this process cannot (for the helper's message). */
  readonly renewCommand: string;
}

function assertCodeShape(code: string, serial: string): string {
  if (!/^\d{6}$/.test(code)) throw new VaultGitError(`the MFA code for ${serial} must be 6 digits`);
  return code;
}

/**
 * Where MFA codes come from, in order: --mfa-token, the profile's mfa_process, then the prompt chosen with
 * VAULT_GIT_PROMPT or AWS_VAULT_PROMPT (a desktop dialog, or a YubiKey through ykman), else the terminal when the caller supplies one. Never stdin or stdout.
 */
export function createMfaCodeSource(options: MfaSourceOptions): MfaCodeSource {
  let token = options.mfaToken;
  // VAULT_GIT_PROMPT, else aws-vault's AWS_VAULT_PROMPT; a value neither knows is refused there.
  const driver = promptSetting(options.env).value;
  return async (request: MfaCodeRequest) => {
    if (token !== undefined) {
      const code = token;
      token = undefined;
      return assertCodeShape(code.trim(), request.serial);
    }
    if (request.mfaProcess) return assertCodeShape(await runMfaProcess(request.profile, request.mfaProcess, options.env), request.serial);
    if (driver === 'ykman') return assertCodeShape(await runYkman(request.serial, options.env), request.serial);
    const question = `Enter MFA code for ${request.serial}: `;
    if (isGuiPrompt(driver)) return assertCodeShape(await promptWithGui(driver, question), request.serial);
    if (!options.askOnTerminal) {
      throw new MfaRequiredError(`profile ${request.profile} needs a new MFA session (code for ${request.serial}), and git gives the helper no way to ask`, {
        hint: `run in a terminal: ${options.renewCommand}`,
      });
    }
    return assertCodeShape(await options.askOnTerminal(question, `the MFA code for ${request.serial}`), request.serial);
  };
}
