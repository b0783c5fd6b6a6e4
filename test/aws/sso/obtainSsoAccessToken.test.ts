import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { obtainSsoAccessToken, type SsoTokenDeps } from '../../../src/aws/sso/obtainSsoAccessToken.js';
import { SsoCallError } from '../../../src/aws/sso/ssoCalls.js';
import type { SsoSessionConfig } from '../../../src/aws/sso/SsoSessionConfig.js';
import type { SsoToken } from '../../../src/aws/sso/SsoToken.js';
import { SsoTokenStore } from '../../../src/aws/sso/SsoTokenStore.js';
import { MemoryBackend } from '../../../src/vault/memory/MemoryBackend.js';

const SESSION: SsoSessionConfig = { id: 'corp', name: 'corp', startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1', scopes: ['sso:account:access'] };
const NOW = new Date('2026-12-01T08:00:00Z');
const nowSeconds = NOW.getTime() / 1000;
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function token(overrides: Partial<SsoToken> = {}): SsoToken {
  return { startUrl: SESSION.startUrl, region: SESSION.region, scopes: SESSION.scopes, clientId: 'client', clientSecret: 'secret', registrationExpiresAt: nowSeconds + 86400 * 30, accessToken: 'access-1', accessTokenExpiresAt: nowSeconds + 3600, refreshToken: 'refresh-1', ...overrides };
}

async function world(stored: SsoToken | undefined, createToken: (refreshToken: string) => Promise<{ accessToken: string; expiresInSeconds: number; refreshToken?: string }>, signIn?: SsoTokenDeps['signIn']) {
  const backend = new MemoryBackend();
  const store = new SsoTokenStore(backend, {});
  if (stored) await store.write(SESSION, stored);
  const dir = mkdtempSync(join(tmpdir(), 'vault-git-sso-'));
  dirs.push(dir);
  const grants: string[] = [];
  const deps: SsoTokenDeps = {
    store,
    env: {},
    now: () => NOW,
    lockDirectory: () => dir,
    loadSso: async () => ({
      createToken: async (_session, _registration, grant) => {
        const refresh = 'refreshToken' in grant ? grant.refreshToken : 'device';
        grants.push(refresh);
        return createToken(refresh);
      },
    }),
    signIn,
  };
  return { deps, store, grants };
}

describe('IAM Identity Center access tokens', () => {
  it('a token with more than five minutes left is used as it is', async () => {
    const { deps, grants } = await world(token(), async () => assert.fail('no renewal'));
    assert.equal(await obtainSsoAccessToken({ session: SESSION, profile: 'dev' }, deps), 'access-1');
    assert.deepEqual(grants, []);
  });

  it('inside the five-minute window it is renewed, and the replaced refresh token is stored', async () => {
    const { deps, store, grants } = await world(token({ accessTokenExpiresAt: nowSeconds + 200 }), async () => ({ accessToken: 'access-2', expiresInSeconds: 3600, refreshToken: 'refresh-2' }));
    assert.equal(await obtainSsoAccessToken({ session: SESSION, profile: 'dev' }, deps), 'access-2');
    assert.deepEqual(grants, ['refresh-1']);
    const saved = (await store.read(SESSION))!;
    assert.equal(saved.refreshToken, 'refresh-2');
    assert.equal(saved.accessTokenExpiresAt, nowSeconds + 3600);
  });

  it('a token the portal refused is renewed even with hours left', async () => {
    const { deps } = await world(token(), async () => ({ accessToken: 'access-2', expiresInSeconds: 3600 }));
    assert.equal(await obtainSsoAccessToken({ session: SESSION, profile: 'dev', rejected: 'access-1' }, deps), 'access-2');
  });

  it('an unreachable OIDC endpoint: a token with minutes left still serves; an expired one fails with the cause', async () => {
    const down = async () => {
      throw new SsoCallError('IAM Identity Center CreateToken failed: cannot reach http://127.0.0.1:9 (ECONNREFUSED)', 'ECONNREFUSED');
    };
    const soon = await world(token({ accessTokenExpiresAt: nowSeconds + 100 }), down);
    assert.equal(await obtainSsoAccessToken({ session: SESSION, profile: 'dev' }, soon.deps), 'access-1');
    const gone = await world(token({ accessTokenExpiresAt: nowSeconds - 1 }), down);
    await assert.rejects(obtainSsoAccessToken({ session: SESSION, profile: 'dev' }, gone.deps), /ECONNREFUSED/);
  });

  it('a refused refresh token signs the vault item out (registration kept) and names sso login; the CLI signs in instead', async () => {
    const refused = async () => {
      throw new SsoCallError('IAM Identity Center CreateToken failed: InvalidGrantException: invalid_grant', 'InvalidGrantException');
    };
    const { deps, store } = await world(token({ accessTokenExpiresAt: nowSeconds - 1 }), refused);
    await assert.rejects(obtainSsoAccessToken({ session: SESSION, profile: 'dev' }, deps), { message: 'IAM Identity Center session corp has expired or was signed out; sign in again: vault-git sso login --sso-session corp' });
    const saved = (await store.read(SESSION))!;
    assert.equal(saved.refreshToken, undefined);
    assert.equal(saved.clientId, 'client');
    const signedIn: SsoToken[] = [];
    const cli = await world(token({ accessTokenExpiresAt: nowSeconds - 1 }), refused, async (_session, previous) => {
      signedIn.push(previous!);
      return token({ accessToken: 'access-new' });
    });
    assert.equal(await obtainSsoAccessToken({ session: SESSION, profile: 'dev' }, cli.deps), 'access-new');
    assert.equal(signedIn[0]!.clientId, 'client', 'the sign-in reuses the registration');
  });

  it('a stored sign-in for another start URL is not this session\'s', async () => {
    const { deps } = await world(token({ startUrl: 'https://other.awsapps.com/start' }), async () => assert.fail('no renewal'));
    await assert.rejects(obtainSsoAccessToken({ session: SESSION, profile: 'dev' }, deps), /has no sign-in in the vault/);
  });

  it('parallel callers renew once: the second reads what the first stored', async () => {
    let calls = 0;
    const { deps } = await world(token({ accessTokenExpiresAt: nowSeconds + 10 }), async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { accessToken: `access-${calls + 1}`, expiresInSeconds: 3600, refreshToken: `refresh-${calls + 1}` };
    });
    const tokens = await Promise.all([1, 2, 3].map(() => obtainSsoAccessToken({ session: SESSION, profile: 'dev' }, deps)));
    assert.deepEqual(tokens, ['access-2', 'access-2', 'access-2']);
    assert.equal(calls, 1);
  });
});
