import type { AwsCredentials } from '../../shared/AwsCredentials.js';

/** Temporary credentials as STS returns them, plus who they belong to when STS said so. */
export interface StsCredentials extends AwsCredentials {
  readonly sessionToken: string;
  readonly expiration: Date;
  readonly account?: string | undefined;
  readonly arn?: string | undefined;
}

export interface StsTarget {
  readonly region?: string | undefined;
  /** endpoint_url of the profile; AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL win over it. */
  readonly endpointUrl?: string | undefined;
  /** Epoch milliseconds after which the caller has given up (the credential helper's whole budget). */
  readonly deadline?: number | undefined;
}
