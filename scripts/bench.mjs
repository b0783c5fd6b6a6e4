// `npm run bench`: median whole-process time of the credential helper's `get` beside `node -e 0` and the
// AWS CLI's own helper, measured interleaved (every round runs each command once, in random order) so
// that background load hits all of them alike, each after a short pause (BENCH_SETTLE_MS, 50 by default) so
// that the heavy ones (the AWS CLI, a keychain miss) do not spill onto the light ones that follow them.
// BENCH_ROUNDS sets the rounds (100 by default: with fewer, rows that run the same code came out up to 10%
// apart here). NODE_EXTRA_CA_CERTS is unset for every command: on this machine it adds ~50 ms to each Node
// start and would hide what vault-git itself costs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './build.mjs';
// Profile cases use the compiled test support (local STS, Secret Service): `npm run bench` builds it first.
import { prepareProfileScenarios } from './bench/prepareProfileScenarios.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.env.BENCH_ROUNDS ?? 100);

const baseEnv = { ...process.env };
for (const key of Object.keys(baseEnv)) {
  if (key.startsWith('AWS_') || key === 'NODE_EXTRA_CA_CERTS' || key === 'NODE_OPTIONS') delete baseEnv[key];
}
const credentialEnv = {
  ...baseEnv,
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
};
const request = 'protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\npath=v1/repos/demo\n\n';

/** The helper bundled again with one module swapped, for the comparisons the README reports. */
async function variant(name, filter, replacement) {
  const outdir = mkdtempSync(join(tmpdir(), `vault-git-bench-${name}-`));
  await bundle({ outdir, plugins: [{ name, setup: (builder) => builder.onResolve({ filter }, () => ({ path: join(root, replacement) })) }] });
  return outdir;
}
// Our own minimal SHA-256 in place of the design card's @aws-crypto/sha256-js; and node:crypto's signer on
// the hot path (a built-in more to load, less hashing in JavaScript).
const minimalDir = await variant('minimal-sha256', /hashPrimitivesSha256Js\.js$/, 'src/codecommit/hashPrimitivesMinimal.ts');
const nodeCryptoDir = await variant('node-crypto', /signCodeCommitPasswordPortable\.js$/, 'scripts/bench/hotSignerNodeCrypto.ts');

const cases = [
  { name: 'node -e 0', command: process.execPath, args: ['-e', '0'], env: baseEnv, baseline: true },
  { name: 'git-credential-vault get, env credentials (hot path, sha256-js)', command: process.execPath, args: [join(root, 'dist/git-credential-vault.cjs'), 'get'], env: credentialEnv, input: request },
  // What git itself starts: bin/git-credential-vault (the same entry, built into bin/), through its
  // `#!/usr/bin/env node` line.
  { name: 'bin/git-credential-vault get as git runs it (#!/usr/bin/env node), env credentials', command: join(root, 'bin/git-credential-vault'), args: ['get'], env: credentialEnv, input: request },
  { name: 'git-credential-vault get, env credentials (hot path, minimal SHA-256)', command: process.execPath, args: [join(minimalDir, 'git-credential-vault.cjs'), 'get'], env: credentialEnv, input: request },
  { name: 'git-credential-vault get, env credentials (hot path, node:crypto)', command: process.execPath, args: [join(nodeCryptoDir, 'git-credential-vault.cjs'), 'get'], env: credentialEnv, input: request },
  { name: 'vault-git credential get, env credentials', command: process.execPath, args: [join(root, 'dist/vault-git.cjs'), 'credential', 'get'], env: credentialEnv, input: request },
  ...(await prepareProfileScenarios({ root, baseEnv, request })),
];
if (spawnSync('aws', ['--version'], { env: baseEnv }).status === 0) {
  cases.push({ name: 'aws codecommit credential-helper get', command: 'aws', args: ['codecommit', 'credential-helper', 'get'], env: credentialEnv, input: request });
}

// Every command must work before it is timed.
for (const c of cases) {
  c.prepare?.();
  const run = spawnSync(c.command, c.args, { env: c.env, input: c.input ?? '' });
  if (run.status !== 0 || (c.input && !String(run.stdout).includes('password=')) || (c.check && !String(run.stdout).includes(c.check))) {
    console.error(`bench: "${c.name}" failed: ${run.stderr}`);
    process.exit(1);
  }
}

// A pause before each timed command, so that what the one before left behind (the Secret Service daemon
// finishing its work, the AWS CLI's or a worker's exit) does not land on the next one's time.
const settleMs = Number(process.env.BENCH_SETTLE_MS ?? 50);
const pause = new Int32Array(new SharedArrayBuffer(4));

const samples = new Map(cases.map((c) => [c.name, []]));
for (let round = 0; round < rounds; round++) {
  const order = [...cases].sort(() => Math.random() - 0.5);
  for (const c of order) {
    c.prepare?.();
    if (settleMs > 0) Atomics.wait(pause, 0, 0, settleMs);
    const started = process.hrtime.bigint();
    spawnSync(c.command, c.args, { env: c.env, input: c.input ?? '' });
    samples.get(c.name).push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const baseline = median(samples.get(cases.find((c) => c.baseline).name));
console.log(`\n${rounds} interleaved rounds (${settleMs} ms pause before each command), Node ${process.version}, NODE_EXTRA_CA_CERTS unset, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| command | median ms | min ms | × node -e 0 |');
console.log('| --- | ---: | ---: | ---: |');
for (const c of cases) {
  const values = samples.get(c.name);
  console.log(`| ${c.name} | ${median(values).toFixed(1)} | ${Math.min(...values).toFixed(1)} | ${(median(values) / baseline).toFixed(2)} |`);
}
// The Secret Service and the esbuild service started for the set-up are children that keep the event loop
// alive; exiting runs the scenarios' clean-ups (their 'exit' handlers) and ends the bench.
process.exit(0);
