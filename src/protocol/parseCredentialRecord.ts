import { CredentialProtocolError } from './CredentialProtocolError.js';
import type { CredentialRecord } from './CredentialRecord.js';

/** git itself refuses lines longer than this (credential.c uses a 64 KiB strbuf limit per line). */
export const MAX_LINE_BYTES = 65535;
/** A whole request is a handful of short lines; anything near this size is not from git. */
export const MAX_INPUT_BYTES = 256 * 1024;

function containsNul(bytes: Uint8Array): boolean {
  for (let index = 0; index < bytes.length; index++) if (bytes[index] === 0) return true;
  return false;
}

/**
 * Parses git's credential format: `key=value` lines split at the first `=`, ending at a blank line or at
 * the end of input (with or without a final newline). `key[]` accumulates; an empty `key[]=` clears the
 * list, as git does. CR before LF is tolerated. Anything git would never send (NUL bytes, oversized
 * lines, a line without `=`) is refused with a CredentialProtocolError rather than guessed at.
 */
export function parseCredentialRecord(input: Buffer | string): CredentialRecord {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new CredentialProtocolError(`credential request is ${bytes.length} bytes; refusing input over ${MAX_INPUT_BYTES} bytes`);
  }
  if (containsNul(bytes)) {
    throw new CredentialProtocolError('credential request contains a NUL byte');
  }
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(bytes)) {
    throw new CredentialProtocolError('credential request is not valid UTF-8');
  }

  const attributes = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '') {
      // A blank line ends the record; a trailing empty string after the final LF is the same thing.
      break;
    }
    // UTF-8 takes at most 3 bytes per UTF-16 unit: most lines need no count (Buffer's counting and searching
    // are JavaScript functions V8 would compile on every helper start for a few short lines).
    if (line.length * 3 > MAX_LINE_BYTES && Buffer.byteLength(line) > MAX_LINE_BYTES) {
      throw new CredentialProtocolError(`line ${index + 1} of the credential request is longer than ${MAX_LINE_BYTES} bytes`);
    }
    const equals = line.indexOf('=');
    if (equals <= 0) {
      throw new CredentialProtocolError(`line ${index + 1} of the credential request is not key=value`);
    }
    const key = line.slice(0, equals);
    const value = line.slice(equals + 1);
    if (key.endsWith('[]')) {
      const name = key.slice(0, -2);
      if (value === '') lists.delete(name);
      else lists.set(name, [...(lists.get(name) ?? []), value]);
    } else {
      attributes.set(key, value);
    }
  }
  return { attributes, lists };
}
