import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redact } from '../../src/shared/redact.js';

describe('redact', () => {
  const token = 'IQoJb3JpZ2luX2VjE+/abcdefghijklmnopqrstuvwxyz0123456789+/ABCDEFGHIJ==';

  it('masks a session token however an endpoint echoes it: raw, URL-encoded, lower-case escapes', () => {
    const encoded = encodeURIComponent(token);
    for (const text of [`bad ${token}`, `bad ${encoded}`, `bad ${encoded.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}`]) {
      const out = redact(text);
      assert.equal(out, 'bad [redacted]', text);
    }
  });

  it('masks a known secret in its URL-encoded form even when it is short', () => {
    assert.equal(redact('x=ab%2Bcd%2F', ['ab+cd/']), 'x=[redacted]');
  });

  it("keeps a file vault item's name readable (a file id is not a secret), but not a bare 40-character run", () => {
    const file = '/home/u/.vault-git/c-3c55a722599b2449439fc2b6da281dda7bd275ee.json';
    assert.equal(redact(`the vault file ${file} is damaged`), `the vault file ${file} is damaged`);
    assert.equal(redact('secret 3c55a722599b2449439fc2b6da281dda7bd275ee here'), 'secret [redacted] here');
    assert.equal(redact('key wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY.json'), 'key [redacted].json');
  });
});
