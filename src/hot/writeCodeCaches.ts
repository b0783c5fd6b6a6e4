import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCommitSigningKey } from '../codecommit/signCodeCommitPassword.js';
import { signingDay } from '../codecommit/formatSigningTimestamp.js';
import { writeFileAtomic } from '../shared/writeFileAtomic.js';
import { codeCacheFile, compileBundle, HELPER_BUNDLE, HOT_BUNDLE, sealCodeCache, type CachedBundle, type HelperModule, type HotModule } from './bundleCodeCache.js';
import { answerFingerprint, configIdentity, hotRecordPath, signingKeyName, type HotRecord } from './HotRecord.js';

const SECRET = 'WarmUp+Secret/NotAKey0000000000000000';
const REQUEST = 'protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\npath=v1/repos/warm-up\n\n';

/**
 * Made-up requests for the two ways `get` answers without the full path: credentials in the environment,
 * and a profile's hot record. Everything lives in a scratch directory (home, AWS config, runtime directory,
 * git directory), so neither the caller's git config nor its vault is read, and nothing real is signed.
 */
function warmUpSamples(scratch: string) {
  const home = join(scratch, 'home');
  const runtime = join(scratch, 'run');
  mkdirSync(home);
  mkdirSync(runtime, { mode: 0o700 });
  // A config file to read, so that the storage-helper check's reading code is compiled too.
  writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = warm-up\n');
  writeFileSync(join(scratch, 'config'), '[profile warm-up]\nregion = us-east-1\n');
  const base: NodeJS.ProcessEnv = { HOME: home, AWS_CONFIG_FILE: join(scratch, 'config'), VAULT_GIT_RUNTIME_DIR: runtime, GIT_DIR: join(scratch, 'git'), GIT_CONFIG_NOSYSTEM: '1' };
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  const day = signingDay(new Date());
  const record: HotRecord = {
    v: 1,
    profile: 'warm-up',
    accessKeyId: 'ASIAWARMUPWARMUPWARM',
    secretAccessKey: SECRET,
    sessionToken: 'WarmUp+SessionToken/NotAToken000',
    expiresAt,
    config: configIdentity(base)!,
    env: answerFingerprint(base),
    signingKeys: { [signingKeyName(day, 'us-east-1')]: codeCommitSigningKey(SECRET, day, 'us-east-1').toString('hex') },
  };
  writeFileSync(hotRecordPath(runtime, 'warm-up'), JSON.stringify({ v: 1, sealed: false, data: JSON.stringify(record) }), { mode: 0o600 });
  const fromEnvironment = {
    ...base,
    AWS_ACCESS_KEY_ID: 'ASIAWARMUPWARMUPWARM',
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_SESSION_TOKEN: 'WarmUp+SessionToken/NotAToken000',
    AWS_CREDENTIAL_EXPIRATION: new Date(expiresAt * 1000).toISOString(),
  };
  // Read as git's pipe is, from a descriptor (each sample its own: a file is read once to its end).
  const requestFd = (name: string) => {
    writeFileSync(join(scratch, name), REQUEST);
    return openSync(join(scratch, name), 'r');
  };
  return [
    { argv: ['get'], env: fromEnvironment, requestFd: requestFd('request-env') },
    { argv: ['--profile', 'warm-up', 'get'], env: base, requestFd: requestFd('request-record') },
  ];
}

/** Writes a bundle's sealed cache and removes the caches of other builds of it; returns the cache's path. */
function saveCodeCache(dir: string, bundle: CachedBundle, name: string, data: Buffer): string {
  const path = join(dir, name);
  writeFileAtomic(path, sealCodeCache(data), 0o644);
  for (const file of readdirSync(dir)) {
    if (file.startsWith(`${bundle.stem}.`) && file.endsWith('.v8cache') && file !== name) unlinkSync(join(dir, file));
  }
  return path;
}

/**
 * Writes dist/hot-get.<digest>.v8cache (hot-get.cjs compiled, run on made-up requests, and V8's code for
 * every function that ran) and dist/helper.<digest>.v8cache (the full helper compiled and run on one
 * made-up `get` whose credentials come from a credential_process: the code a miss shares with it, from
 * reading the config to writing the hot record; what only a vault read runs still compiles on first use). Run by the build, and again by
 * `npm install` (postinstall) because a cache is only good for the Node that made it. Caches of other
 * builds are removed. Returns the caches' paths.
 */
export async function writeCodeCaches(dir: string, requireFrom: NodeJS.Require): Promise<string[]> {
  const hotName = codeCacheFile(HOT_BUNDLE);
  const helperName = codeCacheFile(HELPER_BUNDLE);
  if (hotName === undefined || helperName === undefined) throw new Error('this bundle was built without the digests of the bundles it caches');
  const compiled = compileBundle<HotModule>(dir, HOT_BUNDLE, readFileSync(join(dir, HOT_BUNDLE.file), 'utf8'));
  const hot = compiled.run(requireFrom);
  const scratch = mkdtempSync(join(tmpdir(), 'vault-git-warm-up-'));
  const output = openSync(devNull, 'w');
  let samples: ReturnType<typeof warmUpSamples> = [];
  try {
    samples = warmUpSamples(scratch);
    await hot.warmHotPath(samples, output);
  } finally {
    for (const sample of samples) closeSync(sample.requestFd);
    closeSync(output);
    rmSync(scratch, { recursive: true, force: true });
  }
  const helper = compileBundle<HelperModule>(dir, HELPER_BUNDLE, readFileSync(join(dir, HELPER_BUNDLE.file), 'utf8'));
  const full = helper.run(requireFrom);
  if (typeof full.main !== 'function') throw new Error(`${HELPER_BUNDLE.file} exports no main`);
  // Best effort: should the made-up request fail somewhere (no /bin/sh for its credential_process), the cache
  // still holds the bundle's top level.
  const helperScratch = mkdtempSync(join(tmpdir(), 'vault-git-warm-up-'));
  try {
    await full.warmFullHelper(helperScratch, process.execPath);
  } catch {
    // Nothing to report: the helper's own tests run this warm-up and fail when it does not sign.
  } finally {
    rmSync(helperScratch, { recursive: true, force: true });
  }
  return [saveCodeCache(dir, HOT_BUNDLE, hotName, compiled.script.createCachedData()), saveCodeCache(dir, HELPER_BUNDLE, helperName, helper.script.createCachedData())];
}
