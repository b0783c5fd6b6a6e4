import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SOURCE = '/usr/share/doc/git/contrib/credential/libsecret';

/**
 * git's own libsecret credential helper, compiled from the source Debian ships with git's docs (CI
 * installs build-essential, pkg-config and libsecret-1-dev; see .ci/run). Built once per machine into the
 * temp directory. Returns the binary's path, or why it cannot be had; under CI that is a failure, not a skip.
 */
export function buildLibsecretHelper(): { path: string } | { missing: string } {
  const out = join(tmpdir(), 'vault-git-test-libsecret');
  const binary = join(out, 'git-credential-libsecret');
  if (existsSync(binary)) return { path: binary };
  if (!existsSync(join(SOURCE, 'git-credential-libsecret.c'))) return { missing: `${SOURCE} is not on this machine (Debian's git package ships it)` };
  if (spawnSync('pkg-config', ['--exists', 'libsecret-1']).status !== 0) return { missing: 'libsecret-1-dev (and pkg-config) are not installed' };
  mkdirSync(out, { recursive: true });
  cpSync(SOURCE, out, { recursive: true });
  const make = spawnSync('make', ['-C', out], { encoding: 'utf8' });
  if (make.status !== 0 || !existsSync(binary)) return { missing: `building it failed: ${make.stderr.slice(-400)}` };
  return { path: binary };
}
