import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface SigV4Check {
  readonly ok: boolean;
  readonly accessKeyId?: string;
  readonly region?: string;
  readonly reason?: string;
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Verifies an AWS Signature Version 4 request header the way AWS does, independently of the SDK's signer
 * (so a signing bug in the client cannot be mirrored by the server). `secretFor` maps a key id to its secret.
 */
export function verifySigV4(
  request: { method: string; path: string; query: string; headers: IncomingHttpHeaders; body: Buffer },
  service: string,
  secretFor: (accessKeyId: string) => string | undefined,
  now: number = Date.now(),
): SigV4Check {
  const authorization = String(request.headers.authorization ?? '');
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(authorization);
  if (!match) return { ok: false, reason: 'missing or malformed Authorization' };
  const [, accessKeyId, day, region, signedService, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string, string];
  if (signedService !== service) return { ok: false, accessKeyId, reason: `signed for service ${signedService}` };
  const secret = secretFor(accessKeyId);
  if (secret === undefined) return { ok: false, accessKeyId, reason: 'InvalidClientTokenId' };
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const signedAt = Date.parse(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  if (!amzDate.startsWith(day) || !(Math.abs(now - signedAt) < 15 * 60 * 1000)) return { ok: false, accessKeyId, reason: 'SignatureExpired' };

  const headerNames = signedHeaders.split(';');
  const canonicalHeaders = headerNames.map((name) => `${name}:${String(request.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalQuery = request.query
    .split('&')
    .filter(Boolean)
    .map((pair) => pair.split('=').map((part) => encode(decodeURIComponent(part.replace(/\+/g, ' ')))))
    .sort(([a, av], [b, bv]) => (a! < b! ? -1 : a! > b! ? 1 : av! < bv! ? -1 : 1))
    .map(([key, value]) => `${key}=${value ?? ''}`)
    .join('&');
  const payloadHash = String(request.headers['x-amz-content-sha256'] ?? sha256(request.body));
  const canonical = [request.method, request.path || '/', canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256(canonical)}`;
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request');
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return { ok: false, accessKeyId, region, reason: 'SignatureDoesNotMatch' };
  return { ok: true, accessKeyId, region };
}
