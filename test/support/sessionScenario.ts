import { writeFileSync } from 'node:fs';
import { FakeCodeCommitServer } from './fakeCodeCommitServer.js';
import { createIsolatedEnvironment, type IsolatedEnvironment } from './isolatedEnvironment.js';
import { LocalSts } from './localSts.js';
import { vaultGitBin } from './projectPaths.js';
import { runProcess } from './runProcess.js';
import { secretServiceAvailable, startSecretService, type SecretService } from './startSecretService.js';

export const MFA_SERIAL = 'arn:aws:iam::000000000000:mfa/device-name';
export const ENV1_ROLE = 'arn:aws:iam::111111111111:role/RoleName';
export const ENV2_ROLE = 'arn:aws:iam::222222222222:role/RoleName';

/** The issue's example layout: one IAM user with an MFA device, two role profiles in other accounts. */
export const EXAMPLE_CONFIG = `[profile oriishi-t]
region = ap-northeast-1

[profile env1]
source_profile = oriishi-t
role_arn = ${ENV1_ROLE}
mfa_serial = ${MFA_SERIAL}

[profile env2]
source_profile = oriishi-t
role_arn = ${ENV2_ROLE}
mfa_serial = ${MFA_SERIAL}
`;

export interface SessionScenario {
  readonly sts: LocalSts;
  readonly codecommit: FakeCodeCommitServer;
  readonly isolated: IsolatedEnvironment;
  readonly env: NodeJS.ProcessEnv;
  readonly key: { accessKeyId: string; secretAccessKey: string };
  readonly backendName: string;
  stop(): Promise<void>;
}

/**
 * Local STS + CodeCommit-like server + a vault holding oriishi-t's key, with the example config.
 * The vault is the real Secret Service where the machine has one (CI does), else the file backend.
 */
export async function startSessionScenario(): Promise<SessionScenario> {
  const sts = await LocalSts.start();
  const codecommit = await FakeCodeCommitServer.start(['git-codecommit.ap-northeast-1.amazonaws.com', 'git-codecommit.us-east-1.amazonaws.com']);
  sts.onIssue = (credentials) => codecommit.allowKey(credentials.accessKeyId, credentials);
  const key = sts.addUser('oriishi-t');
  codecommit.allowKey(key.accessKeyId, { secretAccessKey: key.secretAccessKey });
  sts.addMfaDevice('oriishi-t', MFA_SERIAL);
  sts.addRole(ENV1_ROLE, { trustedUsers: ['oriishi-t'], requireMfa: true });
  sts.addRole(ENV2_ROLE, { trustedUsers: ['oriishi-t'], requireMfa: true });

  let service: SecretService | undefined;
  const useKeychain = secretServiceAvailable();
  if (useKeychain) service = await startSecretService();
  const isolated = createIsolatedEnvironment({
    AWS_ENDPOINT_URL_STS: sts.endpoint,
    VAULT_GIT_BACKEND: useKeychain ? 'keychain' : 'file',
    VAULT_GIT_FILE_PASSPHRASE: 'scenario passphrase',
    ...(service?.env ?? {}),
  });
  writeFileSync(isolated.env.AWS_CONFIG_FILE!, EXAMPLE_CONFIG);
  const added = await runProcess(vaultGitBin, ['add', 'oriishi-t', '--env'], {
    env: { ...isolated.env, AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey },
  });
  if (added.code !== 0) throw new Error(`vault-git add failed: ${added.stderr}`);
  return {
    sts,
    codecommit,
    isolated,
    env: isolated.env,
    key,
    backendName: useKeychain ? 'keychain' : 'file',
    stop: async () => {
      await sts.stop();
      await codecommit.stop();
      service?.stop();
      isolated.cleanup();
    },
  };
}
