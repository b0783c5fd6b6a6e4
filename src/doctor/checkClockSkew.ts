import type { Finding } from './Finding.js';

/** CodeCommit refuses a password signed more than 15 minutes off its clock; warn well before that. */
const WARN_SECONDS = 5 * 60;

/**
 * Compares the local clock with the Date header of an AWS endpoint (the STS endpoint in use). Skipped,
 * not failed, when no answer comes: many machines have no route to AWS while doctor runs.
 */
export async function checkClockSkew(env: NodeJS.ProcessEnv, now: () => Date): Promise<Finding> {
  const endpoint = env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || 'https://sts.amazonaws.com';
  let serverDate: number;
  try {
    const response = await fetch(endpoint, { method: 'HEAD', signal: AbortSignal.timeout(3000) });
    serverDate = Date.parse(response.headers.get('date') ?? '');
    if (Number.isNaN(serverDate)) throw new Error('no Date header');
  } catch {
    return { check: 'clock', status: 'skipped', message: `no answer from ${new URL(endpoint).host} to compare clocks with` };
  }
  const skew = Math.round((now().getTime() - serverDate) / 1000);
  const described = `${Math.abs(skew)} s ${skew >= 0 ? 'ahead of' : 'behind'} ${new URL(endpoint).host}`;
  if (Math.abs(skew) > WARN_SECONDS) {
    return {
      check: 'clock',
      status: 'problem',
      message: `the clock is ${described}; CodeCommit refuses passwords signed more than 15 minutes off`,
      fix: 'turn on time synchronisation (for example: sudo timedatectl set-ntp true)',
    };
  }
  return { check: 'clock', status: 'ok', message: `the clock is within ${Math.max(1, Math.abs(skew))} s of ${new URL(endpoint).host}` };
}
