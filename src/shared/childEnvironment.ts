/** Secrets that are for vault-git alone and must never reach a program it starts. */
const VAULT_ONLY = ['VAULT_GIT_FILE_PASSPHRASE', 'AWS_VAULT_FILE_PASSPHRASE'];

/** The environment for any child vault-git starts (exec's command, credential_process, mfa_process, helpers). */
export function childEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const name of VAULT_ONLY) delete out[name];
  return out;
}
