/** `YYYYMMDDTHHMMSS` in UTC, the form CodeCommit's scheme uses (no trailing `Z`: see signCodeCommitPassword). */
export function formatSigningTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').slice(0, 15);
}
