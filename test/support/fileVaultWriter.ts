// A separate process that writes to a file vault, for the crash and concurrency tests:
//   node fileVaultWriter.js DIR RUNTIME_DIR once PROFILE   -> stores one key for PROFILE
//   node fileVaultWriter.js DIR RUNTIME_DIR loop PROFILE   -> rewrites PROFILE forever with growing rounds
import { FileBackend } from '../../src/vault/file/FileBackend.js';

const [directory, runtimeDir, mode, profile] = process.argv.slice(2) as [string, string, string, string];
const backend = new FileBackend({
  directory,
  passphrase: async () => 'writer passphrase',
  env: { VAULT_GIT_RUNTIME_DIR: runtimeDir },
  scrypt: { N: 2 ** 12, r: 8, p: 1 },
});

if (mode === 'once') {
  await backend.set('credentials', profile, JSON.stringify({ profile }));
} else {
  const pad = 'x'.repeat(256 * 1024);
  for (let round = 1; ; round++) {
    await backend.set('credentials', profile, JSON.stringify({ round, pad }));
    process.stdout.write(`${round}\n`);
  }
}
