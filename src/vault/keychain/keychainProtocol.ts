/** The keychain worker's requests and answers (see keychainWorker.ts), one JSON object per line. */
export interface KeychainRequest {
  readonly id: number;
  readonly op: 'get' | 'set' | 'delete' | 'list';
  readonly service: string;
  readonly account?: string | undefined;
  readonly secret?: string | undefined;
}

export interface KeychainResponse {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: string | boolean | null | ReadonlyArray<{ account: string; password: string }>;
  readonly error?: string;
}
