import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from './projectPaths.js';

export interface CodeCommitVector {
  readonly time: string;
  readonly host: string;
  readonly path: string;
  readonly withToken: boolean;
  readonly username: string;
  readonly password: string;
}

export interface CodeCommitVectors {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly vectors: readonly CodeCommitVector[];
}

/** Made by test/fixtures/generateCodeCommitVectors.sh with the AWS CLI under faketime. */
export function loadCodeCommitVectors(): CodeCommitVectors {
  return JSON.parse(readFileSync(join(fixturesDir, 'codecommit-vectors.json'), 'utf8')) as CodeCommitVectors;
}
