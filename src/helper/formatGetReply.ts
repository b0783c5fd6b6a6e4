import type { CodeCommitCredential } from '../codecommit/buildCodeCommitCredential.js';
import { listAttribute, type CredentialRecord } from '../protocol/CredentialRecord.js';
import { formatCredentialReply, type ReplyField } from '../protocol/formatCredentialReply.js';

/** The answer to `get`, the same from the hot path and the full one. */
export function formatGetReply(record: CredentialRecord, credential: CodeCommitCredential): string {
  const fields: ReplyField[] = [];
  // Only git 2.46+ announces capabilities; then `ephemeral` tells storage helpers not to keep the password.
  const announcesAuthtype = listAttribute(record, 'capability').includes('authtype');
  if (announcesAuthtype) fields.push(['capability[]', 'authtype']);
  fields.push(['username', credential.username], ['password', credential.password]);
  fields.push(['password_expiry_utc', String(credential.passwordExpiryUtc)]);
  if (announcesAuthtype) fields.push(['ephemeral', '1']);
  return formatCredentialReply(fields);
}
