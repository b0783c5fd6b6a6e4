import { parseGoDuration } from '../config/parseGoDuration.js';

export const DEFAULT_MIN_TTL_SECONDS = 5 * 60;

/** AWS_MIN_TTL: a Go duration ("5m") or plain seconds; the refresh window before a session's expiry. */
export function parseMinTtl(env: NodeJS.ProcessEnv): number {
  const text = env.AWS_MIN_TTL?.trim();
  if (!text) return DEFAULT_MIN_TTL_SECONDS;
  if (/^\d+$/.test(text)) return Number(text);
  return parseGoDuration(text) ?? DEFAULT_MIN_TTL_SECONDS;
}
