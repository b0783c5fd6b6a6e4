// aws-vault's profile-resolution cases (vault/config_test.go and the derived cases listed in
// shared/reference/aws-vault-semantics.md §19), expressed against vault-git's resolver. Every AWS_*
// variable is cleared, as the reference recommends; environment cases pass their own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAwsConfig } from '../../../src/aws/config/parseAwsConfig.js';
import { resolveProfile } from '../../../src/aws/config/resolveProfile.js';
import { parseSessionTags, parseTransitiveTags } from '../../../src/aws/config/parseSessionTags.js';
import { suggestProfileKey } from '../../../src/aws/config/knownProfileKeys.js';

const EXAMPLE_CONFIG = `# an example profile file
[default]
region=us-west-2
output=json

[profile user2]
REGION=us-east-1
output=text

[profile withsource]
source_profile=user2
region=us-east-1

[profile withMFA]
source_profile=user2
Role_Arn=arn:aws:iam::4451234513441615400570:role/aws_admin
mfa_Serial=arn:aws:iam::1234513441:mfa/blah
Region=us-east-1
duration_seconds=1200
sts_regional_endpoints=legacy

[profile testincludeprofile1]
region=us-east-1

[profile testincludeprofile2]
include_profile=testincludeprofile1

[profile with-sso-session]
sso_session = moon-sso
sso_account_id=123456
region = moon-1 # Different from sso region

[sso-session moon-sso]
sso_start_url = https://d-123456789.example.com/start
sso_region = moon-2  # Different from profile region
sso_registration_scopes = sso:account:access

[profile withendpointurl]
region=us-east-1
endpoint_url=https://localhost:1234
`;

const NESTED_CONFIG = `[default]

[profile testing]
aws_access_key_id=foo
aws_secret_access_key=bar
region=us-west-2
s3=
  max_concurrent_requests=10
  max_queue_size=1000
`;

const load = (text: string) => parseAwsConfig(text, '/test/config');
async function resolve(text: string, name: string, env: NodeJS.ProcessEnv = {}, flags = {}) {
  return resolveProfile(name, { config: await load(text), env, flags });
}

describe('aws-vault config_test.go cases', () => {
  it('ProfileNameCaseSensitivity: keys match case-insensitively (mfa_Serial)', async () => {
    const config = await load(EXAMPLE_CONFIG);
    assert.equal(config.profiles.get('withMFA')?.mfa_serial, 'arn:aws:iam::1234513441:mfa/blah');
  });

  it('ConfigParsingProfiles: sections as parsed', async () => {
    const config = await load(EXAMPLE_CONFIG);
    assert.equal(config.profiles.get('user2')?.region, 'us-east-1');
    assert.deepEqual({ ...config.profiles.get('withsource') }, { source_profile: 'user2', region: 'us-east-1' });
    assert.deepEqual(
      { ...config.profiles.get('withMFA') },
      {
        source_profile: 'user2',
        role_arn: 'arn:aws:iam::4451234513441615400570:role/aws_admin',
        mfa_serial: 'arn:aws:iam::1234513441:mfa/blah',
        region: 'us-east-1',
        duration_seconds: '1200',
        sts_regional_endpoints: 'legacy',
      },
    );
    assert.equal(config.profiles.has('nopenotthere'), false);
    assert.deepEqual({ ...config.profiles.get('withendpointurl') }, { region: 'us-east-1', endpoint_url: 'https://localhost:1234' });
  });

  it('ConfigParsingDefault and ProfilesFromConfig: file order, [sso-session] is not a profile, inline comments stripped', async () => {
    const config = await load(EXAMPLE_CONFIG);
    assert.equal(config.profiles.get('default')?.region, 'us-west-2');
    assert.deepEqual([...config.profiles.keys()], ['default', 'user2', 'withsource', 'withMFA', 'testincludeprofile1', 'testincludeprofile2', 'with-sso-session', 'withendpointurl']);
    assert.equal(config.profiles.get('with-sso-session')?.region, 'moon-1');
  });

  it('nested sub-sections (s3 = ...) are kept out of the profile', async () => {
    const config = await load(NESTED_CONFIG);
    assert.deepEqual({ ...config.profiles.get('testing') }, { aws_access_key_id: 'foo', aws_secret_access_key: 'bar', region: 'us-west-2' });
  });

  it('IncludeProfile: region from the included profile', async () => {
    assert.equal((await resolve(EXAMPLE_CONFIG, 'testincludeprofile2')).region, 'us-east-1');
  });

  it('IncludeSsoSession: [sso-session] values win over inline ones', async () => {
    const profile = await resolve(EXAMPLE_CONFIG, 'with-sso-session');
    assert.equal(profile.region, 'moon-1');
    assert.equal(profile.ssoStartUrl, 'https://d-123456789.example.com/start');
    assert.equal(profile.ssoRegion, 'moon-2');
  });

  it('IniWithDEFAULTHeader: an upper-case [DEFAULT] is not a profile', async () => {
    const config = await load('[DEFAULT]\nregion=us-east-1\n[default]\nregion=us-west-2\n');
    assert.deepEqual([...config.profiles.keys()], ['default']);
    assert.equal(config.profiles.get('default')?.region, 'us-west-2');
  });

  it('LoadedProfileDoesntReferToItself: source_profile naming itself is dropped', async () => {
    const profile = await resolve('[profile foo]\nsource_profile=foo\n', 'foo');
    assert.equal(profile.sourceProfileName, undefined);
  });

  it('SourceProfileCanReferToParent: include and source naming the same profile', async () => {
    const profile = await resolve('[profile root]\n[profile foo]\ninclude_profile=root\nsource_profile=root\n', 'foo');
    assert.equal(profile.sourceProfileName, 'root');
    assert.equal(profile.sourceProfile?.name, 'root');
  });

  it('SetSessionTags / SetTransitiveSessionTags', () => {
    assert.deepEqual(parseSessionTags('tag1=value1', 'x'), { tag1: 'value1' });
    assert.deepEqual(parseSessionTags('tag2=value2,tag3=value3,tag4=value4', 'x'), { tag2: 'value2', tag3: 'value3', tag4: 'value4' });
    assert.deepEqual(parseSessionTags(' tagA = valueA ,  tagB  =  valueB  ,  tagC   =   valueC  ', 'x'), { tagA: 'valueA', tagB: 'valueB', tagC: 'valueC' });
    for (const bad of ['', 'tag1=value1,', 'tagA=valueA,tagB', 'tagOne,tagTwo=valueTwo', 'tagI=valueI,tagII,tagIII=valueIII']) {
      assert.throws(() => parseSessionTags(bad, 'x'), /session tags string must be <key1>=<value1>,\[<key2>=<value2>\[,\.\.\.\]\]/);
    }
    assert.deepEqual(parseTransitiveTags('tag1'), ['tag1']);
    assert.deepEqual(parseTransitiveTags('tag2,tag3,tag4'), ['tag2', 'tag3', 'tag4']);
    assert.deepEqual(parseTransitiveTags(' tagA ,  tagB  ,   tagC   '), ['tagA', 'tagB', 'tagC']);
    assert.deepEqual(parseTransitiveTags('tag1,'), ['tag1']);
    assert.deepEqual(parseTransitiveTags(',tagA'), ['tagA']);
    assert.equal(parseTransitiveTags(''), undefined);
    assert.equal(parseTransitiveTags(','), undefined);
  });

  it('SessionTaggingFromIni and FromEnvironment: the environment wins entirely', async () => {
    const text = '[profile tagged]\nsession_tags = tag1 = value1 , tag2=value2 ,tag3=value3\ntransitive_session_tags = tagOne ,tagTwo,tagThree\n';
    const fromFile = await resolve(text, 'tagged');
    assert.deepEqual(fromFile.sessionTags, { tag1: 'value1', tag2: 'value2', tag3: 'value3' });
    assert.deepEqual(fromFile.transitiveSessionTags, ['tagOne', 'tagTwo', 'tagThree']);
    const fromEnv = await resolve(text, 'tagged', { AWS_SESSION_TAGS: ' tagA = val1 , tagB=val2 ,tagC=val3', AWS_TRANSITIVE_TAGS: ' tagD ,tagE' });
    assert.deepEqual(fromEnv.sessionTags, { tagA: 'val1', tagB: 'val2', tagC: 'val3' });
    assert.deepEqual(fromEnv.transitiveSessionTags, ['tagD', 'tagE']);
  });

  it('SessionTaggingFromEnvironmentChainedRoles: the environment applies to the target only', async () => {
    const text = `[profile base]
[profile interim]
source_profile=base
role_arn=arn:aws:iam::1:role/interim
session_tags=tag1=value1
transitive_session_tags=tag2
[profile target]
source_profile=interim
role_arn=arn:aws:iam::1:role/target
session_tags=tagA=valueA
transitive_session_tags=tagB
`;
    const target = await resolve(text, 'target', { AWS_SESSION_TAGS: 'tagI=valI', AWS_TRANSITIVE_TAGS: ' tagII' });
    assert.deepEqual(target.sessionTags, { tagI: 'valI' });
    assert.deepEqual(target.transitiveSessionTags, ['tagII']);
    assert.deepEqual(target.sourceProfile?.sessionTags, { tag1: 'value1' });
    assert.deepEqual(target.sourceProfile?.transitiveSessionTags, ['tag2']);
    assert.equal(target.sourceProfile?.sourceProfile?.sessionTags, undefined);
  });
});

describe('derived cases (§19.5), including the two where vault-git deliberately differs', () => {
  it('[default] mfa_serial reaches a profile without one', async () => {
    assert.equal((await resolve('[default]\nmfa_serial=X\n[profile a]\n', 'a')).mfaSerial, 'X');
  });

  it('include_profile comes before [default]', async () => {
    assert.equal((await resolve('[default]\nmfa_serial=X\n[profile a]\ninclude_profile=b\n[profile b]\nmfa_serial=Y\n', 'a')).mfaSerial, 'Y');
  });

  it('nothing is inherited through source_profile', async () => {
    const profile = await resolve('[profile src]\nmfa_serial=X\n[profile r]\nsource_profile=src\nrole_arn=arn:aws:iam::1:role/r\n', 'r');
    assert.equal(profile.mfaSerial, undefined);
    assert.equal(profile.sourceProfile?.mfaSerial, 'X');
  });

  it('AWS_MFA_SERIAL wins for every profile of the chain', async () => {
    const profile = await resolve('[profile s]\n[profile a]\nsource_profile=s\nmfa_serial=X\n', 'a', { AWS_MFA_SERIAL: 'Z' });
    assert.equal(profile.mfaSerial, 'Z');
    assert.equal(profile.sourceProfile?.mfaSerial, 'Z');
  });

  it('region comes from [default], not from the source; AWS_REGION and --region win', async () => {
    const text = '[default]\nregion=us-west-2\n[profile s]\nregion=eu-west-1\n[profile r]\nsource_profile=s\n';
    assert.equal((await resolve(text, 'r')).region, 'us-west-2');
    assert.equal((await resolve(text, 'r', { AWS_REGION: 'ap-south-1' })).region, 'ap-south-1');
    assert.equal((await resolve(text, 'r', { AWS_REGION: 'ap-south-1' }, { region: 'sa-east-1' })).region, 'sa-east-1');
  });

  it('duration: file < environment < flag', async () => {
    const text = '[profile r]\nrole_arn=arn:aws:iam::1:role/r\nduration_seconds=1200\n';
    assert.equal((await resolve(text, 'r')).assumeRoleDurationSeconds, 1200);
    assert.equal((await resolve(text, 'r', { AWS_ASSUME_ROLE_TTL: '2h' })).assumeRoleDurationSeconds, 7200);
    assert.equal((await resolve(text, 'r', { AWS_ASSUME_ROLE_TTL: '2h' }, { durationSeconds: 10800 })).assumeRoleDurationSeconds, 10800);
  });

  it('AWS_SESSION_TOKEN_TTL without a unit is ignored, as aws-vault does', async () => {
    assert.equal((await resolve('[profile a]\n', 'a', { AWS_SESSION_TOKEN_TTL: '3600' })).sessionTokenDurationSeconds, undefined);
  });

  it('differs: duration_seconds=abc or 1h is an error naming the profile (aws-vault drops it silently or panics)', async () => {
    await assert.rejects(resolve('[profile a]\nduration_seconds=abc\n', 'a'), /duration_seconds = abc in profile a is not a whole number of seconds/);
    await assert.rejects(resolve('[profile a]\nduration_seconds=1h\n', 'a'), /duration_seconds = 1h in profile a/);
  });

  it('an include_profile loop is an error naming the loop', async () => {
    await assert.rejects(resolve('[profile a]\ninclude_profile=b\n[profile b]\ninclude_profile=a\n', 'a'), /include_profile loop in \/test\/config: a -> b -> a/);
  });

  it('differs: [default] including a profile that falls back to [default] resolves (aws-vault reports a loop)', async () => {
    const text = '[default]\ninclude_profile=common\n[profile common]\nregion=x\n[profile foo]\n';
    assert.equal((await resolve(text, 'foo')).region, 'x');
    assert.equal((await resolve(text, 'common')).region, 'x');
  });

  it('differs: a source_profile loop is an error with the visited profiles (aws-vault recurses forever)', async () => {
    await assert.rejects(resolve('[profile a]\nsource_profile=b\n[profile b]\nsource_profile=a\n', 'a'), /source_profile loop in \/test\/config: a -> b -> a/);
  });

  it('mfa_process is inherited from the source unless the profile has its own (ByteNess #389)', async () => {
    const text = "[profile fooprofile]\nmfa_process=op item get 'AWS Login' --otp\n[profile barprofile]\nsource_profile=fooprofile\nrole_arn=arn:aws:iam::1:role/r\n[profile target]\nsource_profile=fooprofile\nmfa_process=target-otp\n";
    assert.equal((await resolve(text, 'barprofile')).mfaProcess, "op item get 'AWS Login' --otp");
    assert.equal((await resolve(text, 'target')).mfaProcess, 'target-otp');
  });

  it('unknown keys are kept aside for doctor, with a did-you-mean', async () => {
    const profile = await resolve('[profile a]\naws_mfa_device=arn:aws:iam::1:mfa/x\nregoin=eu-west-1\noutput=json\n', 'a');
    assert.deepEqual(profile.unknownKeys, ['aws_mfa_device', 'regoin']);
    assert.equal(suggestProfileKey('aws_mfa_device'), 'mfa_serial');
    assert.equal(suggestProfileKey('regoin'), 'region');
  });

  it('a __proto__ section is refused with the file named, not silently ignored', async () => {
    await assert.rejects(load('[profile __proto__]\nregion=x\n'), /\/test\/config has a section named "\[profile __proto__\]"/);
  });
});
