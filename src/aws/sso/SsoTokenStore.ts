import { forgetHotRecords } from '../../hot/writeHotRecord.js';
import type { Backend } from '../../vault/Backend.js';
import type { SsoSessionConfig } from './SsoSessionConfig.js';
import { formatSsoToken, parseSsoToken, type SsoToken } from './SsoToken.js';

const PREFIX = 'sso,v1,';
const itemName = (id: string) => PREFIX + Buffer.from(id, 'utf8').toString('base64url');

/** A token belongs to its session only while the session still names the same portal and region. */
function matches(token: SsoToken, session: SsoSessionConfig): boolean {
  return token.startUrl === session.startUrl && token.region === session.region;
}

/**
 * The only owner of the sign-in items: `sso,v1,<base64url sso-session id>` among the vault's session
 * items, so the credential helper reads and renews them without the file vault's passphrase, exactly as it
 * does role sessions. SessionStore passes over these names; `sso logout` is what removes them.
 */
export class SsoTokenStore {
  constructor(
    private readonly backend: Backend,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async read(session: SsoSessionConfig): Promise<SsoToken | undefined> {
    const text = await this.backend.get('session', itemName(session.id));
    const token = text === undefined ? undefined : parseSsoToken(text);
    return token && matches(token, session) ? token : undefined;
  }

  async write(session: SsoSessionConfig, token: SsoToken): Promise<void> {
    // Kept until the client registration runs out: past that, neither token can be renewed.
    await this.backend.set('session', itemName(session.id), formatSsoToken(token), { expiresAt: token.registrationExpiresAt });
  }

  async delete(session: Pick<SsoSessionConfig, 'id'>): Promise<boolean> {
    forgetHotRecords(this.env);
    return this.backend.delete('session', itemName(session.id));
  }

  /** Every sign-in in the vault, by session id. */
  async list(): Promise<Array<{ readonly id: string; readonly token: SsoToken | undefined }>> {
    const found: Array<{ id: string; token: SsoToken | undefined }> = [];
    for (const item of await this.backend.list('session')) {
      if (!item.startsWith(PREFIX)) continue;
      const text = await this.backend.get('session', item);
      found.push({ id: Buffer.from(item.slice(PREFIX.length), 'base64url').toString('utf8'), token: text === undefined ? undefined : parseSsoToken(text) });
    }
    return found;
  }
}
