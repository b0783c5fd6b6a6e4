/**
 * Masks anything that looks like AWS key material before text reaches a terminal or a log. Used on every
 * string that may echo user input or a remote error, as the last line of defence; code should not put
 * secrets into messages in the first place.
 */
const ACCESS_KEY_ID = /\b(AKIA|ASIA|AIDA|AROA|ANPA|ANVA|AGPA)[A-Z0-9]{12,}\b/g;
// 40-character base64-ish runs are the shape of a secret access key; long base64 runs are session tokens.
// %2B, %2F and %3D count too: an endpoint that echoes a request back URL-encoded must not slip one through.
const SECRET_LIKE = /(?:[A-Za-z0-9/+=]|%2[BbFf]|%3[Dd]){40,}/g;
// The file vault's item files are named by a keyed hash (c-<40 hex>.json); the name is not a secret, and an
// error that names a damaged file must keep it readable.
const VAULT_FILE_ID = /^[0-9a-f]{40}$/;

export function maskKeyId(keyId: string): string {
  return keyId.length <= 4 ? '****' : `****************${keyId.slice(-4)}`.slice(-20);
}

export function redact(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length < 4) continue;
    const encoded = encodeURIComponent(secret);
    for (const form of new Set([secret, encoded, encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())])) out = out.split(form).join('[redacted]');
  }
  out = out.replace(SECRET_LIKE, (run: string, offset: number, whole: string) =>
    VAULT_FILE_ID.test(run) && /[cs]-$/.test(whole.slice(Math.max(0, offset - 2), offset)) && whole.startsWith('.json', offset + run.length) ? run : '[redacted]',
  );
  return out.replace(ACCESS_KEY_ID, (id) => maskKeyId(id));
}
