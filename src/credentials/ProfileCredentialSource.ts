import { createSessionDeps } from '../aws/sessions/createSessionDeps.js';
import { obtainCredentials } from '../aws/sessions/obtainCredentials.js';
import { prepareProfile, type PreparedProfile } from '../aws/sessions/prepareProfile.js';
import { SessionStore } from '../aws/sessions/SessionStore.js';
import { stsTimeLimits } from '../aws/sts/stsTimeLimits.js';
import { writeHotRecord } from '../hot/writeHotRecord.js';
import type { AwsCredentials } from '../shared/AwsCredentials.js';
import { writeAll } from '../shared/writeAll.js';
import type { Backend } from '../vault/Backend.js';
import { openBackend } from '../vault/openBackend.js';
import { resolvePassphraseSource } from '../vault/resolvePassphraseSource.js';
import type { CredentialSource } from './CredentialSource.js';

/**
 * The most a `get` may take when it must renew a session: STS calls, lock waits and retries included,
 * twice one STS call's limit (VAULT_GIT_STS_TIMEOUT, 10 s by default). git has no time limit of its own
 * for a helper, so this is what keeps a dead endpoint from hanging a push.
 */
export function getBudgetMs(env: NodeJS.ProcessEnv): number {
  return 2 * stsTimeLimits(env).callMs;
}

/** A role session younger than this that is refused again points at permissions or a revoked MFA session. */
const FRESH_SESSION_MS = 5 * 60 * 1000;

/**
 * A profile's cached STS session, refreshed from the vault when it runs low. Used by the credential helper:
 * it never asks on the terminal (git owns stdin/stdout); a missing MFA session ends in one line that names
 * the command to run.
 */
export class ProfileCredentialSource implements CredentialSource {
  private opened: { backend: Backend; prepared: PreparedProfile } | undefined;

  constructor(
    private readonly profile: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly now: () => Date,
    private readonly log?: (line: string) => void,
  ) {}

  private async prepare(): Promise<{ backend: Backend; prepared: PreparedProfile }> {
    if (!this.opened) {
      const { backend } = await openBackend({ env: this.env, passphrase: resolvePassphraseSource(this.env) });
      this.opened = { backend, prepared: await prepareProfile({ profile: this.profile }, { env: this.env, backend }) };
    }
    return this.opened;
  }

  async resolve(request: { readonly region?: string } = {}): Promise<AwsCredentials> {
    const { backend, prepared } = await this.prepare();
    // Prompt code loads only when a session must be made, and never the terminal prompt: the helper passes none.
    const { createMfaCodeSource } = await import('../prompt/createMfaCodeSource.js');
    const credentials = await obtainCredentials(
      prepared,
      createSessionDeps({
        backend,
        env: this.env,
        now: this.now,
        deadline: Date.now() + getBudgetMs(this.env),
        getMfaCode: (request) => createMfaCodeSource({ env: this.env, renewCommand: `vault-git exec ${this.profile} -- true` })(request),
        log: this.log,
        warn: (line) => writeAll(2, `vault-git: ${line}\n`),
      }),
    );
    // The next get answers from this without loading the vault, the config or node:crypto.
    await writeHotRecord(prepared, credentials, this.env, request.region);
    return credentials;
  }

  /**
   * git erases only after a 401, i.e. the password we made was refused: drop the profile's role session so
   * the next `get` assumes the role afresh. The MFA session underneath is kept; it costs a code to replace.
   */
  async forget(): Promise<string | undefined> {
    const { backend, prepared } = await this.prepare();
    const { plan } = prepared;
    const last = plan.steps.at(-1);
    if (last?.type !== 'AssumeRole') return undefined;
    const store = new SessionStore(backend, this.env);
    const refused = await store.read(last.cache, 0);
    await store.forget(last.cache);
    // A role session only minutes old that is refused again: a new one will not help; the user must act.
    const issuedAt = refused ? refused.expiration.getTime() - last.durationSeconds * 1000 : 0;
    if (refused && this.now().getTime() - issuedAt < FRESH_SESSION_MS) {
      const mfa = plan.steps.find((step) => step.type === 'GetSessionToken');
      const renew = mfa ? `vault-git clear ${mfa.profile} && vault-git exec ${this.profile} -- true` : `vault-git exec ${this.profile} -- true`;
      return `CodeCommit refused a password made from a fresh role session of profile ${this.profile}; the MFA session is kept. If it keeps happening, check the role's CodeCommit permissions, or renew the MFA session: ${renew}`;
    }
    return undefined;
  }
}
