/** A long-term key found in another tool's store, ready to be stored in vault-git's vault. */
export interface FoundKey {
  readonly profile: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Where it was found, for the report ("aws-vault file store /home/u/.awsvault/keys"). */
  readonly from: string;
}
