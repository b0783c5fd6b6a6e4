import { childEnvironment } from '../shared/childEnvironment.js';
import { VaultGitError } from '../shared/errors.js';
import { runCommand } from '../shared/runCommand.js';

/** A YubiKey may wait for a touch; longer than that, nobody is touching it. */
const YKMAN_TIMEOUT_MS = 30_000;

/**
 * The MFA code from a YubiKey's OATH applet, as aws-vault's ykman prompt gets it: `ykman oath accounts code
 * --single NAME`, NAME being YKMAN_OATH_CREDENTIAL_NAME or the MFA serial, `--device` YKMAN_OATH_DEVICE_SERIAL
 * when set, and `oath code` for ykman 1–3 (AWS_VAULT_YKMAN_VERSION). ykman's own prompts ("Touch your
 * YubiKey") go to our stderr; its stdin is closed.
 */
export async function runYkman(serial: string, env: NodeJS.ProcessEnv): Promise<string> {
  const name = env.YKMAN_OATH_CREDENTIAL_NAME || serial;
  const device = env.YKMAN_OATH_DEVICE_SERIAL ? ['--device', env.YKMAN_OATH_DEVICE_SERIAL] : [];
  const oath = ['1', '2', '3'].includes(env.AWS_VAULT_YKMAN_VERSION ?? '') ? ['oath', 'code', '--single', name] : ['oath', 'accounts', 'code', '--single', name];
  const result = await runCommand('ykman', [...device, ...oath], { env: childEnvironment(env), timeoutMs: YKMAN_TIMEOUT_MS, stderr: 'inherit', maxOutputBytes: 4096 });
  if (result.startError) throw new VaultGitError('the MFA prompt is ykman, but ykman could not be started', { hint: 'install yubikey-manager, or choose another prompt (VAULT_GIT_PROMPT)' });
  if (result.timedOut) throw new VaultGitError(`ykman gave no code for ${name} within ${YKMAN_TIMEOUT_MS / 1000} s (was the YubiKey touched?)`);
  if (result.code !== 0) throw new VaultGitError(`ykman could not give a code for ${name} (exit ${result.code})`, { hint: 'check the OATH account with: ykman oath accounts list' });
  return result.stdout.trim();
}
