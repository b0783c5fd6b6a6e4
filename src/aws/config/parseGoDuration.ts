/**
 * Durations as aws-vault users write them (Go syntax: "12h", "90m", "1h30m", "3600s"). Returns seconds,
 * or undefined for text without a unit, which aws-vault ignores too (AWS_SESSION_TOKEN_TTL=3600 means nothing).
 */
export function parseGoDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(h|m|s|ms))+$/.test(trimmed)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    const value = Number(amount);
    seconds += unit === 'h' ? value * 3600 : unit === 'm' ? value * 60 : unit === 's' ? value : value / 1000;
  }
  return Math.round(seconds);
}

export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}
