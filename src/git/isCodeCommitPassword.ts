/**
 * The shape of a password CodeCommit's SigV4 scheme makes (`aws codecommit credential-helper`, vault-git,
 * git-remote-codecommit): the signing time `YYYYMMDDTHHMMSSZ` and 64 hex digits of signature. It is
 * temporary by construction. Anything else a helper holds for a CodeCommit host (an IAM "HTTPS Git
 * credential", whose password IAM shows only once) is the user's and is never touched.
 */
export function isCodeCommitPassword(password: string): boolean {
  return /^\d{8}T\d{6}Z[0-9a-f]{64}$/.test(password);
}
