import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCodeCommitHost } from '../../src/codecommit/parseCodeCommitHost.js';

describe('parseCodeCommitHost', () => {
  const served: Array<[string, string, Partial<{ fips: boolean; vpcEndpoint: boolean; port: number; hostname: string }>]> = [
    ['git-codecommit.us-east-1.amazonaws.com', 'us-east-1', { fips: false, vpcEndpoint: false }],
    ['git-codecommit-fips.us-gov-west-1.amazonaws.com', 'us-gov-west-1', { fips: true }],
    ['git-codecommit.cn-north-1.amazonaws.com.cn', 'cn-north-1', {}],
    ['vpce-0123456789abcdef0-abcd1234.git-codecommit.us-west-2.vpce.amazonaws.com', 'us-west-2', { vpcEndpoint: true }],
    ['vpce-0b47ea360adebf88a-jkl88hez-us-east-1a.git-codecommit-fips.us-east-1.vpce.amazonaws.com', 'us-east-1', { vpcEndpoint: true, fips: true }],
    ['git-codecommit.eu-west-1.amazonaws.com:443', 'eu-west-1', { port: 443, hostname: 'git-codecommit.eu-west-1.amazonaws.com' }],
    ['git-codecommit.ap-southeast-2.amazonaws.com:8443', 'ap-southeast-2', { port: 8443 }],
  ];
  for (const [host, region, extra] of served) {
    it(`serves ${host}`, () => {
      const parsed = parseCodeCommitHost(host);
      assert.ok(parsed);
      assert.equal(parsed.region, region);
      for (const [key, value] of Object.entries(extra)) assert.equal(parsed[key as keyof typeof parsed], value);
    });
  }

  const refused = [
    'github.com',
    'git-codecommit.us-east-1.amazonaws.com.evil.example', // the AWS CLI signs this one
    'git-codecommit.us-east-1.amazonaws.com.cn', // .cn only serves China regions
    'git-codecommit.cn-north-1.amazonaws.com', // and China regions only live under .cn
    'evil-git-codecommit.us-east-1.amazonaws.com',
    'git-codecommit.us-east-1.amazonaws.com:99999',
    'git-codecommit.us-east-1.amazonaws.com:',
    'git-codecommit.us-east-1.amazonaws.com:443:1',
    'GIT-CODECOMMIT.US-EAST-1.AMAZONAWS.COM',
    's3.amazonaws.com',
    'git.example.amazon.com',
    'amazonaws.com.attacker.example',
    'git-codecommit.amazonaws.com',
    'git-codecommit.us-east-1.vpce.amazonaws.com', // vpce label without an endpoint id
    'vpce-1.git-codecommit.us-east-1.amazonaws.com', // endpoint id without the vpce label
    'git-codecommit.us-east-1.amazonaws.com/../x',
    'git-codecommit.us-east-1.amazonaws.com\nx',
    'git-codecommit.us east-1.amazonaws.com',
    '',
  ];
  for (const host of refused) {
    it(`refuses ${JSON.stringify(host)}`, () => assert.equal(parseCodeCommitHost(host), undefined));
  }
});
