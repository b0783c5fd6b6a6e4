/** "11h58m", "52m", "40s" or "expired": how long until a unix time, for tables. */
export function formatTimeLeft(expiresAtSeconds: number, now: Date): string {
  const seconds = expiresAtSeconds - Math.floor(now.getTime() / 1000);
  if (seconds <= 0) return 'expired';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
