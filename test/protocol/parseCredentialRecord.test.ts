import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CredentialProtocolError } from '../../src/protocol/CredentialProtocolError.js';
import { attribute, listAttribute } from '../../src/protocol/CredentialRecord.js';
import { formatCredentialReply } from '../../src/protocol/formatCredentialReply.js';
import { parseCredentialRecord, MAX_INPUT_BYTES } from '../../src/protocol/parseCredentialRecord.js';

describe('parseCredentialRecord', () => {
  it('reads every attribute git sends today, lists in order', () => {
    const record = parseCredentialRecord(
      'capability[]=authtype\ncapability[]=state\nprotocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\npath=v1/repos/r\n' +
        'username=u\npassword=p=with=equals\nurl=https://x\npassword_expiry_utc=123\nwwwauth[]=Basic realm="a"\nwwwauth[]=Bearer\n' +
        'oauth_refresh_token=t\nstate[]=x:y\nsomething_new=ignored\n\n',
    );
    assert.equal(attribute(record, 'host'), 'git-codecommit.us-east-1.amazonaws.com');
    assert.equal(attribute(record, 'password'), 'p=with=equals', 'split at the first = only');
    assert.deepEqual(listAttribute(record, 'capability'), ['authtype', 'state']);
    assert.deepEqual(listAttribute(record, 'wwwauth'), ['Basic realm="a"', 'Bearer']);
    assert.equal(attribute(record, 'password_expiry_utc'), '123');
    assert.equal(attribute(record, 'something_new'), 'ignored');
  });

  it('accepts input with or without a trailing blank line or final newline, and CRLF', () => {
    for (const text of ['protocol=https\nhost=h', 'protocol=https\nhost=h\n', 'protocol=https\nhost=h\n\n', 'protocol=https\r\nhost=h\r\n\r\n']) {
      const record = parseCredentialRecord(text);
      assert.equal(attribute(record, 'host'), 'h', JSON.stringify(text));
      assert.equal(attribute(record, 'protocol'), 'https');
    }
  });

  it('stops at the blank line that ends the record', () => {
    const record = parseCredentialRecord('host=a\n\nhost=b\n');
    assert.equal(attribute(record, 'host'), 'a');
  });

  it('lets a later key win and an empty key[] clear the list, as git does', () => {
    const record = parseCredentialRecord('host=a\nhost=b\nwwwauth[]=x\nwwwauth[]=\nwwwauth[]=y\n');
    assert.equal(attribute(record, 'host'), 'b');
    assert.deepEqual(listAttribute(record, 'wwwauth'), ['y']);
  });

  const hostile: Array<[string, string | Buffer]> = [
    ['a line without =', 'protocol=https\nnot a pair\n'],
    ['an empty key', '=value\n'],
    ['a NUL byte', Buffer.from('protocol=https\nhost=a\0b\n')],
    ['a line over 64 KiB', `host=${'a'.repeat(70_000)}\n`],
    ['a 1 MB line', `host=${'a'.repeat(1024 * 1024)}\n`],
    ['invalid UTF-8', Buffer.from([0x68, 0x6f, 0x73, 0x74, 0x3d, 0xff, 0xfe, 0x0a])],
    ['binary garbage', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])],
  ];
  for (const [name, input] of hostile) {
    it(`refuses ${name} with a CredentialProtocolError`, () => {
      assert.throws(() => parseCredentialRecord(input), CredentialProtocolError);
    });
  }

  it('measures a line in UTF-8 bytes, not characters', () => {
    // 21,000 euro signs are 63,000 bytes: within git's line limit; 22,000 (66,000 bytes) and 40,000 e-acutes
    // (80,000 bytes, fewer than 65,535 characters) are not.
    assert.equal(attribute(parseCredentialRecord(`path=${'\u20ac'.repeat(21_000)}\n`), 'path')?.length, 21_000);
    assert.throws(() => parseCredentialRecord(`path=${'\u20ac'.repeat(22_000)}\n`), /longer than 65535 bytes/);
    assert.throws(() => parseCredentialRecord(`path=${'\u00e9'.repeat(40_000)}\n`), /longer than 65535 bytes/);
  });

  it(`refuses input over ${MAX_INPUT_BYTES} bytes in total`, () => {
    const many = 'wwwauth[]=x\n'.repeat(Math.ceil(MAX_INPUT_BYTES / 12) + 10);
    assert.throws(() => parseCredentialRecord(many), /refusing input over/);
  });

  it('property: random bytes never throw anything but our error, and what is written back never holds a line break or NUL', () => {
    const interesting = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc
        .array(fc.tuple(fc.constantFrom('protocol', 'host', 'path', 'username', 'wwwauth[]', 'capability[]', 'x', ''), fc.string({ maxLength: 40 })), { maxLength: 12 })
        .map((pairs) => new Uint8Array(Buffer.from(pairs.map(([k, v]) => `${k}=${v}`).join(fc.sample(fc.constantFrom('\n', '\r\n', '\n\n'), 1)[0])))),
    );
    fc.assert(
      fc.property(interesting, (bytes) => {
        let record;
        try {
          record = parseCredentialRecord(Buffer.from(bytes));
        } catch (error) {
          assert.ok(error instanceof CredentialProtocolError, `unexpected ${String(error)}`);
          return;
        }
        for (const [key, value] of record.attributes) {
          assert.ok(!/[\n\0]/.test(key) && !/[\n\0]/.test(value));
          try {
            const written = formatCredentialReply([['username', value]]);
            assert.equal(written.split('\n').length, 2, 'exactly one line');
            assert.ok(!written.slice(0, -1).includes('\0') && !written.slice(0, -1).includes('\r'));
          } catch (error) {
            assert.ok(error instanceof CredentialProtocolError);
          }
        }
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('formatCredentialReply', () => {
  it('writes key=value lines', () => {
    assert.equal(formatCredentialReply([['username', 'a'], ['password', 'b=c']]), 'username=a\npassword=b=c\n');
  });
  for (const bad of ['a\nb', 'a\rb', 'a\0b', 'x\nhost=evil']) {
    it(`refuses a value ${JSON.stringify(bad)} rather than smuggling a line into git`, () => {
      assert.throws(() => formatCredentialReply([['username', bad]]), CredentialProtocolError);
    });
  }
  it('refuses odd keys', () => {
    assert.throws(() => formatCredentialReply([['user=name', 'a']]), CredentialProtocolError);
  });
});
