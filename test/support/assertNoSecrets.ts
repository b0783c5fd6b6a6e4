import assert from 'node:assert/strict';
import type { ProcessResult } from './runProcess.js';

/** Fails if any secret (or a 12-character piece of one) shows up in what a command printed. */
export function assertNoSecrets(result: ProcessResult, secrets: readonly string[]): void {
  for (const secret of secrets) {
    for (const text of [result.stdout, result.stderr]) {
      assert.ok(!text.includes(secret), `a secret was printed: ${text.slice(0, 200)}`);
      if (secret.length >= 24) assert.ok(!text.includes(secret.slice(6, 18)), 'part of a secret was printed');
    }
  }
}
