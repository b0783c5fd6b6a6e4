import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { buildCodeCommitCredential, PASSWORD_LIFETIME_SECONDS } from '../../src/codecommit/buildCodeCommitCredential.js';
import { parseCodeCommitHost } from '../../src/codecommit/parseCodeCommitHost.js';
import { canonicalCodeCommitRequest } from '../../src/codecommit/canonicalCodeCommitRequest.js';
import { signCodeCommitPassword } from '../../src/codecommit/signCodeCommitPassword.js';
import { signCodeCommitPasswordPortable } from '../../src/codecommit/signCodeCommitPasswordPortable.js';
import { signCodeCommitPasswordWith } from '../../src/codecommit/codeCommitSignature.js';
import { hashPrimitives as minimalPrimitives } from '../../src/codecommit/hashPrimitivesMinimal.js';

const signMinimal = (input: Parameters<typeof signCodeCommitPassword>[0]) => signCodeCommitPasswordWith(minimalPrimitives, input);
import { loadCodeCommitVectors } from '../support/loadCodeCommitVectors.js';
import { signWithSmithyOracle } from '../support/signWithSmithyOracle.js';

const fixture = loadCodeCommitVectors();

describe('CodeCommit passwords equal the AWS CLI byte for byte', () => {
  for (const [name, signer] of [['node:crypto', signCodeCommitPassword], ['hot-path sha256-js', signCodeCommitPasswordPortable], ['minimal SHA-256', signMinimal]] as const) {
  it(`${name} signer: reproduces all ${fixture.vectors.length} vectors recorded from \`aws codecommit credential-helper get\``, async () => {
    assert.ok(fixture.vectors.length >= 100, 'the fixture should cover regions, FIPS, China, VPC endpoints, ports and names');
    for (const vector of fixture.vectors) {
      const host = parseCodeCommitHost(vector.host);
      assert.ok(host, `host ${vector.host} should be recognised`);
      const credential = await buildCodeCommitCredential(
        {
          accessKeyId: fixture.accessKeyId,
          secretAccessKey: fixture.secretAccessKey,
          sessionToken: vector.withToken ? fixture.sessionToken : undefined,
        },
        host,
        vector.path,
        new Date(vector.time),
        signer,
      );
      assert.equal(credential.password, vector.password, `${vector.host} ${vector.path} ${vector.time}`);
      assert.equal(credential.username, vector.username);
    }
  });
  }

  it('the hot-path signers (sha256-js and the minimal one) equal node:crypto on random secrets (unicode too), hosts, paths and times', () => {
    for (let round = 0; round < 500; round++) {
      const secret = createHash('sha256').update(`r${round}`).digest('base64').slice(0, 10 + (round % 60)) + (round % 17 === 0 ? 'é€😀' : '');
      const region = ['us-east-1', 'eu-west-3', 'ap-southeast-2', 'cn-north-1', 'us-gov-west-1'][round % 5]!;
      const input = {
        secretAccessKey: secret,
        hostname: `${round % 3 === 0 ? 'vpce-0abc.' : ''}git-codecommit${round % 4 === 0 ? '-fips' : ''}.${region}.amazonaws.com`,
        region,
        path: `v1/repos/${'r'.repeat(1 + (round % 90))}${round % 11 === 0 ? '/ünïcode' : ''}`,
        date: new Date(Date.UTC(2000 + (round % 40), round % 12, 1 + (round % 28), round % 24, round % 60, (round * 13) % 60)),
      };
      const expected = signCodeCommitPassword(input);
      assert.equal(signCodeCommitPasswordPortable(input), expected, JSON.stringify(input));
      assert.equal(signMinimal(input), expected, JSON.stringify(input));
    }
  });

  it('matches the intermediate values published for vector 1 (canonical request and string to sign)', () => {
    const canonical = canonicalCodeCommitRequest('git-codecommit.us-east-1.amazonaws.com', 'v1/repos/myrepo');
    assert.equal(canonical, 'GIT\n/v1/repos/myrepo\n\nhost:git-codecommit.us-east-1.amazonaws.com\n\nhost\n');
    assert.equal(createHash('sha256').update(canonical).digest('hex'), '0f169102508b7893b784d846c6ae766f16405ea908fa7d6815b1b895b11ac8ad');
  });

  it('leaves the Z out of the string to sign (textbook SigV4 with the Z gives another signature)', () => {
    const date = new Date('2026-01-02T03:04:05Z');
    const ours = signCodeCommitPassword({ secretAccessKey: fixture.secretAccessKey, hostname: 'git-codecommit.us-east-1.amazonaws.com', region: 'us-east-1', path: 'v1/repos/myrepo', date });
    const hash = createHash('sha256').update(canonicalCodeCommitRequest('git-codecommit.us-east-1.amazonaws.com', 'v1/repos/myrepo')).digest('hex');
    const key = ['20260102', 'us-east-1', 'codecommit', 'aws4_request'].reduce<Buffer | string>(
      (k, part) => createHmac('sha256', k).update(part).digest(),
      `AWS4${fixture.secretAccessKey}`,
    );
    const textbook = createHmac('sha256', key).update(`AWS4-HMAC-SHA256\n20260102T030405Z\n20260102/us-east-1/codecommit/aws4_request\n${hash}`).digest('hex');
    assert.notEqual(ours, `20260102T030405Z${textbook}`);
    assert.equal(ours, '20260102T030405Z2cf03f2092ff6eb3b34ca4ce4fe5bb15ea4bc15ab2441ce1b397b3fdabf05d91');
  });

  it('agrees with the @smithy/signature-v4 oracle on random secrets, regions, paths and times', async () => {
    for (let round = 0; round < 50; round++) {
      const secret = createHash('sha256').update(`secret-${round}`).digest('base64').slice(0, 40);
      const region = ['us-east-1', 'eu-west-3', 'ap-southeast-2', 'cn-north-1'][round % 4]!;
      const path = `v1/repos/repo-${round}.name_${round % 7}`;
      const date = new Date(Date.UTC(2020 + (round % 9), round % 12, 1 + (round % 28), round % 24, round % 60, (round * 7) % 60));
      const password = signCodeCommitPassword({ secretAccessKey: secret, hostname: `git-codecommit.${region}.amazonaws.com`, region, path, date });
      const timestamp = password.slice(0, 15);
      const oracle = await signWithSmithyOracle({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: secret, hostname: `git-codecommit.${region}.amazonaws.com`, region, path, timestamp });
      assert.equal(password, `${timestamp}Z${oracle}`);
    }
  });
});

describe('password_expiry_utc', () => {
  const host = parseCodeCommitHost('git-codecommit.us-east-1.amazonaws.com')!;
  const now = new Date('2026-01-02T03:04:05Z');
  const signedAt = Math.floor(now.getTime() / 1000);

  it('is the password lifetime after signing for long-term keys', async () => {
    const credential = await buildCodeCommitCredential({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 's' }, host, 'v1/repos/r', now, signCodeCommitPassword);
    assert.equal(credential.passwordExpiryUtc, signedAt + PASSWORD_LIFETIME_SECONDS);
    assert.ok(PASSWORD_LIFETIME_SECONDS <= 900, 'never beyond the 15 minutes AWS documents');
  });

  it('is the credentials expiry when the session ends first', async () => {
    const expiration = new Date(now.getTime() + 120_000);
    const credential = await buildCodeCommitCredential({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 's', sessionToken: 't', expiration }, host, 'v1/repos/r', now, signCodeCommitPassword);
    assert.equal(credential.passwordExpiryUtc, signedAt + 120);
  });
});
