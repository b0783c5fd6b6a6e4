import { redact } from '../../shared/redact.js';

/**
 * One clause for a failed AWS call, in the words a person can act on: a time-out with its limit, an
 * unreachable endpoint with the errno, an answer that is not the service's (a proxy's HTML page), or the
 * service's own code and message with every secret of the call redacted.
 */
export function describeCallFailure(service: string, error: unknown, code: string | undefined, status: number | undefined, endpoint: string, budgetMs: number, secrets: readonly string[]): string {
  const name = (error as { name?: string }).name;
  if (name === 'AbortError' || name === 'TimeoutError' || code === 'TimeoutError' || code === 'RequestTimeout') {
    return `${endpoint} did not answer within ${Math.round(budgetMs / 1000)} s`;
  }
  const errno = (error as { code?: string }).code;
  if (errno && /^E[A-Z]+$/.test(errno)) return `cannot reach ${endpoint} (${errno})`;
  const detail = redact(error instanceof Error ? error.message : String(error), secrets);
  // The SDK can only call an answer it cannot parse "Unknown".
  if (!code || code === 'Unknown' || detail === 'Unknown' || detail === 'UnknownError') {
    return `${endpoint} answered${status ? ` HTTP ${status}` : ''} with something that is not an ${service} response${/larger than/.test(detail) ? ` (${detail})` : ''}`;
  }
  return `${code}: ${detail}`;
}
