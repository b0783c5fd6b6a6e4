import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distBesideBin } from '../../src/entries/distDirectory.js';

describe('the bin/ entries find dist/ beside bin/', () => {
  it('on POSIX paths', () => {
    assert.equal(distBesideBin('/home/me/.local/share/vault-git/bin'), '/home/me/.local/share/vault-git/dist');
    assert.equal(distBesideBin('/usr/lib/node_modules/vault-git/bin'), '/usr/lib/node_modules/vault-git/dist');
  });

  it('on Windows paths, where __dirname uses backslashes', () => {
    assert.equal(distBesideBin('C:\\Users\\me\\AppData\\Roaming\\npm\\node_modules\\vault-git\\bin'), 'C:\\Users\\me\\AppData\\Roaming\\npm\\node_modules\\vault-git/dist');
  });
});
