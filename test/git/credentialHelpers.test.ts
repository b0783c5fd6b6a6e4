import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { helperCommand, isVaultHelper, storageHelperName } from '../../src/git/classifyHelper.js';
import { matchCredentialUrl } from '../../src/git/matchCredentialUrl.js';
import { parseCodeCommitRemoteUrl } from '../../src/codecommit/parseCodeCommitRemoteUrl.js';
import { formatHelperValue, profileOfHelper } from '../../src/setup/formatHelperValue.js';
import { effectiveHelpers } from '../../src/setup/readRemoteSetups.js';

describe('matchCredentialUrl (git urlmatch rules)', () => {
  const url = 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/RepoA';
  const cases: Array<[string, boolean]> = [
    ['https://git-codecommit.us-east-1.amazonaws.com', true],
    ['https://git-codecommit.*.amazonaws.com', true],
    ['https://git-codecommit.us-east-1.amazonaws.com/v1/repos/RepoA', true],
    ['https://git-codecommit.us-east-1.amazonaws.com/v1/repos', true],
    ['https://git-codecommit.us-east-1.amazonaws.com/v1/repos/RepoAB', false],
    ['https://git-codecommit.us-east-1.amazonaws.com/v1/repos/repoa', false],
    ['https://git-codecommit.us-east-1.amazonaws.com:443/v1/repos/RepoA', true],
    ['https://git-codecommit.us-east-1.amazonaws.com:8443', false],
    ['http://git-codecommit.us-east-1.amazonaws.com', false],
    ['https://*.amazonaws.com', false],
    ['https://github.com', false],
    ['git-codecommit.us-east-1.amazonaws.com', true],
    ['https://alice@git-codecommit.us-east-1.amazonaws.com', false],
  ];
  for (const [pattern, expected] of cases) it(`${pattern} ${expected ? 'matches' : 'does not match'}`, () => assert.equal(matchCredentialUrl(pattern, url), expected));
  it('* never reaches FIPS hosts', () => assert.equal(matchCredentialUrl('https://git-codecommit.*.amazonaws.com', 'https://git-codecommit-fips.us-east-1.amazonaws.com/v1/repos/a'), false));
});

describe('classifying configured helpers', () => {
  for (const [value, name] of [
    ['store', 'store'],
    ['store --file ~/.creds', 'store'],
    ['cache --timeout 900', 'cache'],
    ['osxkeychain', 'osxkeychain'],
    ['/usr/lib/git-core/git-credential-libsecret', 'libsecret'],
    ['!git credential-store --file x', 'store'],
    ['manager', 'manager'],
    ['!aws codecommit credential-helper $@', undefined],
    ["!'/opt/vault-git/bin/git-credential-vault' --profile env1", undefined],
    ['vault --profile env1', undefined],
    ['oauth', undefined],
  ] as const) {
    it(`${JSON.stringify(value)} -> ${name ?? 'not a storage helper'}`, () => assert.equal(storageHelperName(value), name));
  }
  it('recognises our own helper in every spelling (so it is never asked to erase)', () => {
    for (const value of ["!'/x/git-credential-vault' --profile a", '/x/bin/git-credential-vault', 'vault --profile a', '!vault-git credential --profile a']) {
      assert.equal(isVaultHelper(value), true, value);
    }
    assert.equal(isVaultHelper('store'), false);
  });
  it('builds the command git would run', () => {
    assert.equal(helperCommand('store --file x', 'erase'), 'git credential-store --file x erase');
    assert.equal(helperCommand('/usr/bin/helper -v', 'get'), '/usr/bin/helper -v get');
    assert.equal(helperCommand('!f() { echo; }; f', 'erase'), 'f() { echo; }; f erase');
  });
  it('follows git: an empty helper resets the list collected so far, for matching URLs only', () => {
    const helpers = [
      { scope: 'system', url: undefined, value: 'osxkeychain' },
      { scope: 'global', url: 'https://github.com', value: 'gh' },
      { scope: 'local', url: 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/a', value: '' },
      { scope: 'local', url: 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/a', value: 'vault --profile a' },
    ];
    assert.deepEqual(effectiveHelpers(helpers, 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/a'), ['vault --profile a']);
    assert.deepEqual(effectiveHelpers(helpers, 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/b'), ['osxkeychain']);
    assert.deepEqual(effectiveHelpers(helpers, 'https://github.com/org/repo'), ['osxkeychain', 'gh']);
  });
});

describe('setup values', () => {
  it('the helper line quotes the path and names the profile, which reads back', () => {
    const value = formatHelperValue("/home/o'neil/my tools/git-credential-vault", 'env1');
    assert.equal(value, "!'/home/o'\\''neil/my tools/git-credential-vault' --profile env1");
    assert.equal(profileOfHelper(value), 'env1');
  });
  it('codecommit:// URL forms become the HTTPS URL', () => {
    assert.deepEqual(parseCodeCommitRemoteUrl('codecommit://env1@my-repo', () => 'eu-west-1'), {
      url: 'https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/my-repo',
      region: 'eu-west-1',
      repository: 'my-repo',
      profile: 'env1',
    });
    assert.equal(parseCodeCommitRemoteUrl('codecommit::cn-north-1://repo', () => undefined).url, 'https://git-codecommit.cn-north-1.amazonaws.com.cn/v1/repos/repo');
    assert.equal(parseCodeCommitRemoteUrl('https://git-codecommit-fips.us-gov-west-1.amazonaws.com/v1/repos/r.1/', () => undefined).url, 'https://git-codecommit-fips.us-gov-west-1.amazonaws.com/v1/repos/r.1');
    for (const bad of ['codecommit://repo', 'https://github.com/v1/repos/x', 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/a/b', 'https://u:p@git-codecommit.us-east-1.amazonaws.com/v1/repos/a', 'codecommit://bad name@repo']) {
      assert.throws(() => parseCodeCommitRemoteUrl(bad, () => undefined), /not|names no region/, bad);
    }
  });
});
