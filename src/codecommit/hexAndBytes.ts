const encoder = new TextEncoder();

export const bytesOf = (text: string | Uint8Array): Uint8Array => (typeof text === 'string' ? encoder.encode(text) : text);

export function hexOf(data: Uint8Array): string {
  let out = '';
  for (const byte of data) out += (byte < 16 ? '0' : '') + byte.toString(16);
  return out;
}
