import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Tests run from build/test/...; the project root is three levels above this compiled file.
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const helperBin = resolve(projectRoot, 'bin/git-credential-vault');
export const vaultGitBin = resolve(projectRoot, 'bin/vault-git');
export const fixturesDir = resolve(projectRoot, 'test/fixtures');
