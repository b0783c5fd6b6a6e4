/**
 * Masks anything that looks like AWS key material before text reaches a terminal or a log. Used on every
 * string that may echo user input or a remote error, as the last line of defence; code should not put
 * secrets into messages in the first place.
 */
const ACCESS_KEY_ID = /\b(AKIA|ASIA|AIDA|AROA|ANPA|ANVA|AGPA)[A-Z0-9]{12,}\b/g;
// 40-character base64-ish runs are the shape of a secret access key; long base64 runs are session tokens.
const SECRET_LIKE = /[A-Za-z0-9/+=]{40,}/g;

export function maskKeyId(keyId: string): string {
  return keyId.length <= 4 ? '****' : `****************${keyId.slice(-4)}`.slice(-20);
}

export function redact(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out.replace(SECRET_LIKE, '[redacted]').replace(ACCESS_KEY_ID, (id) => maskKeyId(id));
}
