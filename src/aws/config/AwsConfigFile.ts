/** One INI section with its keys lower-cased (the AWS config file's keys are case-insensitive). */
export type RawSection = Readonly<Record<string, string>>;

export interface AwsConfigFile {
  readonly path: string;
  readonly exists: boolean;
  /** `[default]` under "default", `[profile X]` under "X", in file order. */
  readonly profiles: ReadonlyMap<string, RawSection>;
  /** `[sso-session X]` sections under "X". */
  readonly ssoSessions: ReadonlyMap<string, RawSection>;
}
