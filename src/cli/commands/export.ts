import type { Argv } from 'yargs';
import type { CliContext } from '../CliContext.js';
import { assertNotNested } from '../assertNotNested.js';
import { formatCredentialProcessJson, formatEnvLines, formatIni, type EnvStyle } from '../formatCredentials.js';
import { obtainCommandCredentials, prepareCommandProfile } from '../openProfileCredentials.js';
import { profileOptions, withSessionOptions, type SessionOptions } from '../profileOptions.js';

export interface ExportOptions extends SessionOptions {
  readonly profile: string;
  readonly format: string;
  readonly backend?: string | undefined;
  readonly debug: boolean;
}

export const exportCommand = {
  command: 'export <profile>',
  describe: "print a profile's credentials as env lines, credential_process JSON or an ini section",
  builder: (yargs: Argv) =>
    withSessionOptions(yargs.positional('profile', { type: 'string', demandOption: true })).option('format', {
      type: 'string',
      default: 'env',
      choices: ['env', 'export-env', 'json', 'ini', 'powershell', 'windows-cmd', 'fish'],
      describe: 'env (KEY=value), export-env (eval in sh/bash/zsh), json (credential_process), ini, powershell, windows-cmd, fish',
    })
      .example('eval "$($0 export env1 --format export-env)"', 'env1 in the current POSIX shell')
      .example('$0 export env1 --format fish | source', 'the same in fish')
      .example('$0 export env1 --format powershell | Invoke-Expression', 'the same in PowerShell'),
};

export async function runExport(options: ExportOptions, context: CliContext): Promise<void> {
  const profileRequest = profileOptions(options.profile, options);
  assertNotNested('export', options.profile, context.env);
  const { prepared, backend } = await prepareCommandProfile(profileRequest, options.backend, context);
  const credentials = await obtainCommandCredentials(prepared, backend, options, context);
  const resolved = prepared.resolved;
  if (options.format === 'json') context.out(formatCredentialProcessJson(credentials));
  else if (options.format === 'ini') context.out(formatIni(options.profile, credentials, resolved.region));
  else context.out(formatEnvLines(credentials, resolved.region, options.format as EnvStyle));
}
