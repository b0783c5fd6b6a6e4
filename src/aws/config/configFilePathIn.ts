/** AWS_CONFIG_FILE (with `~/` expanded), else HOME/.aws/config; string work only, for the hot path too. */
export function configFilePathIn(env: NodeJS.ProcessEnv, home: string): string {
  const configured = env.AWS_CONFIG_FILE;
  if (configured) return configured.startsWith('~/') ? `${home}/${configured.slice(2)}` : configured;
  return `${home}/.aws/config`;
}
