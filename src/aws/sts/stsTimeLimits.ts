import { parseGoDuration } from '../config/parseGoDuration.js';

export interface StsTimeLimits {
  /** TCP and TLS connection set-up, per attempt. */
  readonly connectMs: number;
  /** One request and its answer, per attempt. */
  readonly attemptMs: number;
  /** One STS call with all its retries. */
  readonly callMs: number;
}

const DEFAULT_CALL_SECONDS = 10;

/**
 * VAULT_GIT_STS_TIMEOUT (seconds, or a Go duration like 20s) bounds each STS call, retries included;
 * each attempt gets a share of it. An endpoint that accepts and never answers costs that much, never more.
 */
export function stsTimeLimits(env: NodeJS.ProcessEnv): StsTimeLimits {
  const text = env.VAULT_GIT_STS_TIMEOUT?.trim();
  const seconds = text ? (/^\d+$/.test(text) ? Number(text) : parseGoDuration(text)) : undefined;
  const callMs = Math.max(1, seconds ?? DEFAULT_CALL_SECONDS) * 1000;
  return { connectMs: Math.min(3000, callMs), attemptMs: Math.max(1000, Math.floor(callMs / 2)), callMs };
}
