const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** The UTC day (`YYYYMMDD`) that SigV4's credential scope and signing key are made for. */
export function signingDay(date: Date): string {
  return formatSigningTimestamp(date).slice(0, 8);
}

/**
 * `YYYYMMDDTHHMMSS` in UTC, the form CodeCommit's scheme uses (no trailing `Z`: see codeCommitSignature.ts).
 * Built from the UTC fields rather than toISOString() and a regex: cheaper on a cold start.
 */
export function formatSigningTimestamp(date: Date): string {
  return `${date.getUTCFullYear()}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}T${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}`;
}
