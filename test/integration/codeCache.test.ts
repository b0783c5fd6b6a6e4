import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signCodeCommitPassword } from '../../src/codecommit/signCodeCommitPassword.js';
import { compileBundle, HELPER_BUNDLE, HOT_BUNDLE, openCodeCache, type CachedBundle } from '../../src/hot/bundleCodeCache.js';
import { createIsolatedEnvironment } from '../support/isolatedEnvironment.js';
import { projectRoot } from '../support/projectPaths.js';
import { runProcess } from '../support/runProcess.js';

const HOST = 'git-codecommit.eu-central-1.amazonaws.com';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const REQUEST = `protocol=https\nhost=${HOST}\npath=v1/repos/cached\n\n`;

const digestOf = (dir: string, bundle: CachedBundle = HOT_BUNDLE) => createHash('sha256').update(readFileSync(join(dir, bundle.file))).digest('hex').slice(0, 16);
const cacheOf = (dir: string, bundle: CachedBundle) => `${bundle.stem}.${digestOf(dir, bundle)}.v8cache`;
// The hot path answers `get`; `--debug` hands over to the full helper, which answers the same.
const BUNDLES: Array<[CachedBundle, string[]]> = [
  [HOT_BUNDLE, ['get']],
  [HELPER_BUNDLE, ['--debug', 'get']],
];
const cachesIn = (dir: string) => readdirSync(dir).filter((file) => file.endsWith('.v8cache'));

describe("issue 8: the V8 code caches of the hot path and the full helper speed the helper up and can never change or stall its answer", () => {
  const isolated = createIsolatedEnvironment({ AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET });
  let copy: string;
  let dist: string;
  before(() => {
    // A copy of the built commands inside the project (so node_modules still resolves), to damage freely.
    mkdirSync(join(projectRoot, 'build'), { recursive: true });
    copy = mkdtempSync(join(projectRoot, 'build', 'code-cache-'));
    for (const entry of ['bin', 'dist']) cpSync(join(projectRoot, entry), join(copy, entry), { recursive: true });
    dist = join(copy, 'dist');
  });
  after(() => {
    rmSync(copy, { recursive: true, force: true });
    isolated.cleanup();
  });

  /** The helper's answer, checked against node:crypto's signer for the timestamp it signed at. */
  async function assertSignsCorrectly(what: string, extra: NodeJS.ProcessEnv = {}, args = ['get']) {
    const result = await runProcess(join(copy, 'bin/git-credential-vault'), args, { env: { ...isolated.env, ...extra }, input: REQUEST, timeoutMs: 10_000 });
    assert.equal(result.code, 0, `${what}: ${result.stderr}`);
    assert.equal(result.stderr, '', what);
    const password = /^password=(\d{8}T\d{6})Z([0-9a-f]{64})$/m.exec(result.stdout);
    assert.ok(password, `${what}: ${result.stdout}`);
    const [, stamp] = password;
    const date = new Date(`${stamp!.slice(0, 4)}-${stamp!.slice(4, 6)}-${stamp!.slice(6, 8)}T${stamp!.slice(9, 11)}:${stamp!.slice(11, 13)}:${stamp!.slice(13, 15)}Z`);
    assert.equal(`password=${signCodeCommitPassword({ secretAccessKey: SECRET, hostname: HOST, region: 'eu-central-1', path: 'v1/repos/cached', date })}`, password[0], what);
  }

  it('the build leaves one cache per cached bundle, named after the bundle it was made from, and this Node accepts them', () => {
    const built = join(projectRoot, 'dist');
    assert.deepEqual(cachesIn(built).sort(), BUNDLES.map(([bundle]) => cacheOf(built, bundle)).sort());
    for (const [bundle] of BUNDLES) {
      const data = openCodeCache(readFileSync(join(dist, cacheOf(dist, bundle))));
      assert.ok(data, `${bundle.file}: the file is whole`);
      assert.equal(compileBundle(dist, bundle, readFileSync(join(dist, bundle.file), 'utf8'), data).cacheRejected, false, bundle.file);
    }
  });

  for (const [bundle, args] of BUNDLES) {
    it(`${bundle.file}: a damaged, truncated or foreign cache, a FIFO or a directory in its place: the same correct answer, nothing on stderr, no wait`, async () => {
      const path = join(dist, cacheOf(dist, bundle));
      const good = readFileSync(path);
      const check = (what: string) => assertSignsCorrectly(`${bundle.file}, ${what}`, {}, args);
      await check('with the cache');
      const damaged = Buffer.from(good);
      for (let index = 64; index < damaged.length; index += 97) damaged[index] = damaged[index]! ^ 0x5a;
      const cases: Array<[string, () => void]> = [
        ['bytes flipped', () => writeFileSync(path, damaged)],
        ['one byte flipped', () => writeFileSync(path, Buffer.concat([good.subarray(0, 200), Buffer.from([good[200]! ^ 1]), good.subarray(201)]))],
        ['truncated', () => writeFileSync(path, good.subarray(0, good.length >> 1))],
        ['random bytes', () => writeFileSync(path, createHash('sha512').update('not a cache').digest())],
        ['a FIFO', () => execFileSync('mkfifo', [path])],
        ['a link to a FIFO', () => {
          rmSync(`${path}.fifo`, { force: true });
          execFileSync('mkfifo', [`${path}.fifo`]);
          symlinkSync(`${path}.fifo`, path);
        }],
        ['a link to a good copy', () => {
          writeFileSync(`${path}.copy`, good);
          symlinkSync(`${path}.copy`, path);
        }],
        ['a directory', () => mkdirSync(path)],
        ['missing', () => undefined],
      ];
      for (const [what, damage] of cases) {
        rmSync(path, { recursive: true, force: true });
        damage();
        await check(what);
      }
      rmSync(path, { recursive: true, force: true });
      rmSync(`${path}.fifo`, { force: true });
      rmSync(`${path}.copy`, { force: true });
      writeFileSync(path, good);
    });
  }

  it('without its hot-path bundle or its full helper, or with a truncated full helper (a broken install), the helper says so in one line and exits 1', async () => {
    const breakages: Array<[CachedBundle, string[], (file: string) => void, string]> = [
      [HOT_BUNDLE, ['get'], (file) => rmSync(file), 'MODULE_NOT_FOUND'],
      [HELPER_BUNDLE, ['--debug', 'get'], (file) => rmSync(file), 'ENOENT'],
      [HELPER_BUNDLE, ['--debug', 'get'], (file) => writeFileSync(file, readFileSync(file).subarray(0, 5000)), 'SyntaxError'],
    ];
    for (const [bundle, args, breakIt, expected] of breakages) {
      const broken = mkdtempSync(join(projectRoot, 'build', 'broken-install-'));
      try {
        for (const entry of ['bin', 'dist']) cpSync(join(copy, entry), join(broken, entry), { recursive: true });
        breakIt(join(broken, 'dist', bundle.file));
        for (const [bin, prefix] of [['git-credential-vault', []], ['vault-git', ['credential']]] as const) {
          const result = await runProcess(join(broken, 'bin', bin), [...prefix, ...args], { env: isolated.env, input: REQUEST, timeoutMs: 10_000 });
          assert.equal(result.code, 1, `${bin}, ${bundle.file}: ${expected}`);
          assert.equal(result.stdout, '');
          assert.match(result.stderr, new RegExp(`^vault-git: cannot load \\S+/dist/${bundle.file.replace('.', '\\.')} \\(${expected}\\): this installation is incomplete; install vault-git again\n$`), `${bin}, ${bundle.file}: ${expected}`);
        }
      } finally {
        rmSync(broken, { recursive: true, force: true });
      }
    }
  });

  it('node dist/code-cache.cjs writes them again for the Node that runs it and drops caches of other builds; doctor tells which', async () => {
    for (const file of cachesIn(dist)) rmSync(join(dist, file));
    writeFileSync(join(dist, 'hot-get.0123456789abcdef.v8cache'), 'left over from another build');
    writeFileSync(join(dist, 'helper.0123456789abcdef.v8cache'), 'left over from another build');
    const doctorSays = async (extra: NodeJS.ProcessEnv = {}) => {
      const doctor = await runProcess(process.execPath, [join(dist, 'vault-git.cjs'), 'doctor', '--json'], { env: { ...isolated.env, ...extra }, timeoutMs: 60_000 });
      const findings = JSON.parse(doctor.stdout) as { findings?: Array<{ check: string; status: string; fix?: string }> } | Array<{ check: string; status: string; fix?: string }>;
      const list = Array.isArray(findings) ? findings : findings.findings ?? [];
      return list.find((finding) => finding.check === 'code-cache');
    };
    const before = await doctorSays();
    assert.equal(before?.status, 'info');
    assert.equal(before?.fix, `node ${join(dist, 'code-cache.cjs')}`);

    const written = await runProcess(process.execPath, [join(dist, 'code-cache.cjs')], { env: isolated.env });
    assert.equal(written.code, 0, written.stderr);
    assert.deepEqual(cachesIn(dist).sort(), BUNDLES.map(([bundle]) => cacheOf(dist, bundle)).sort());
    assert.ok(!existsSync(join(dist, 'hot-get.0123456789abcdef.v8cache')) && !existsSync(join(dist, 'helper.0123456789abcdef.v8cache')));
    assert.equal((await doctorSays())?.status, 'ok');
    for (const [bundle, args] of BUNDLES) await assertSignsCorrectly(`${bundle.file} with the rewritten cache`, {}, args);
    // Only the full helper's cache missing: doctor names it.
    const helperCache = join(dist, cacheOf(dist, HELPER_BUNDLE));
    const helperGood = readFileSync(helperCache);
    rmSync(helperCache);
    const partly = await doctorSays();
    assert.equal(partly?.status, 'info');
    assert.ok(JSON.stringify(partly).includes(helperCache) && !JSON.stringify(partly).includes(cacheOf(dist, HOT_BUNDLE)), JSON.stringify(partly));
    writeFileSync(helperCache, helperGood);
    // Under other V8 flags the cache does not fit: doctor says so, and the helper answers the same.
    const otherFlags = { NODE_OPTIONS: '--max-old-space-size=200' };
    assert.match(JSON.stringify(await doctorSays(otherFlags)), /"status":"info".*other flags/);
    for (const [bundle, args] of BUNDLES) await assertSignsCorrectly(`${bundle.file} under other V8 flags`, otherFlags, args);
  });
});
