import { loadAwsConfig } from '../aws/config/loadAwsConfig.js';
import type { OpenedBackend } from '../vault/openBackend.js';
import { checkClockSkew } from './checkClockSkew.js';
import { checkCodeCache } from './checkCodeCache.js';
import { checkGitSetup } from './checkGitSetup.js';
import { checkRemoteHelper } from './checkRemoteHelper.js';
import { checkProfiles } from './checkProfiles.js';
import { checkSsoSessions } from './checkSsoSessions.js';
import type { Finding } from './Finding.js';

export interface DoctorOptions {
  readonly repo?: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  openBackend(): Promise<OpenedBackend>;
}

/** Runs every check; none of them throws: a check that cannot run reports why. */
export async function runDoctorChecks(options: DoctorOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  // Opened once for the vault and SSO checks (the keychain probe and any passphrase prompt happen once).
  let opening: Promise<OpenedBackend> | undefined;
  const openBackend = () => (opening ??= options.openBackend());
  const guard = async (check: string, work: () => Promise<Finding[]>) => {
    try {
      findings.push(...(await work()));
    } catch (error) {
      findings.push({ check, status: 'problem', message: (error as Error).message, fix: (error as { hint?: string }).hint });
    }
  };

  await guard('git', () => checkGitSetup(options.repo, options.env));
  await guard('remote-helper', () => checkRemoteHelper(options.repo, options.env));
  await guard('code-cache', async () => checkCodeCache());

  if (options.env.AWS_VAULT) {
    findings.push({
      check: 'nested',
      status: 'info',
      message: `running inside an exec shell for profile ${options.env.AWS_VAULT}: the helper uses these environment credentials unless a remote names --profile`,
    });
  }

  await guard('vault', async () => {
    const { backend, reason } = await openBackend();
    const sessions = await backend.list('session');
    const vault: Finding[] = [{ check: 'vault', status: 'ok', message: `${backend.name} vault (${backend.location}) is readable; ${reason}; ${sessions.length} cached session${sessions.length === 1 ? '' : 's'}` }];
    for (const { file, reason: why } of backend.unreadable?.() ?? []) {
      const foreign = /not a file vault-git writes/.test(why);
      vault.push({
        check: 'vault',
        status: foreign ? 'info' : 'problem',
        message: `${file} in ${backend.location}: ${why}`,
        fix: foreign ? undefined : file.startsWith('s-') ? 'vault-git clear (it is a cached session)' : `restore ${file} from a backup, or delete it and add that profile again`,
      });
    }
    return vault;
  });

  await guard('profiles', async () => checkProfiles(await loadAwsConfig(options.env), options.env));
  await guard('sso', async () => checkSsoSessions(await loadAwsConfig(options.env), (await openBackend()).backend, options.env, options.now()));
  findings.push(await checkClockSkew(options.env, options.now));
  return findings;
}
