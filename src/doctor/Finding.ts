export type FindingStatus = 'ok' | 'problem' | 'info' | 'skipped';

/** One thing doctor looked at: what it found and, for a problem, the command or change that fixes it. */
export interface Finding {
  readonly check: string;
  readonly status: FindingStatus;
  readonly message: string;
  readonly fix?: string | undefined;
}
