/** What a session step needs an MFA code for; the caller decides how (and whether) to get one. */
export interface MfaCodeRequest {
  readonly serial: string;
  readonly profile: string;
  readonly mfaProcess?: string | undefined;
}

export type MfaCodeSource = (request: MfaCodeRequest) => Promise<string>;
