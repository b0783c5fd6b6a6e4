/** The canonical request CodeCommit expects: method GIT, the path verbatim, only the host header, no payload hash. */
export function canonicalCodeCommitRequest(hostname: string, path: string): string {
  return `GIT\n/${path}\n\nhost:${hostname}\n\nhost\n`;
}
