// Runs every compiled test file (build/test/**/*.test.js) with node's built-in test runner.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv.slice(2);

function collect(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'support' ? [] : collect(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

const files = collect(join(root, 'build/test'))
  .filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)))
  .sort();
const env = { ...process.env };
// The machine-wide CA bundle override makes every Node start slower and git ignore http.sslCAInfo.
delete env.NODE_EXTRA_CA_CERTS;
delete env.GIT_SSL_CAINFO;
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=180000', ...files], { stdio: 'inherit', env, cwd: root });
process.exit(result.status ?? 1);
