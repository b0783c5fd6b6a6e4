/** One remote as setup and doctor see it. */
export interface RemoteSetup {
  readonly remote: string;
  readonly url: string;
  readonly codecommit: boolean;
  /** The profile our helper line names for this URL, if any. */
  readonly profile: string | undefined;
  /** Empty when the credential section is complete; otherwise what is missing. */
  readonly problems: readonly string[];
}
