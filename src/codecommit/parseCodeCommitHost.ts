/**
 * Recognises the host names CodeCommit serves git over HTTPS on, and nothing else:
 *   git-codecommit.REGION.amazonaws.com           git-codecommit-fips.REGION.amazonaws.com
 *   git-codecommit.REGION.amazonaws.com.cn        (China partition)
 *   vpce-ID.git-codecommit[-fips].REGION.vpce.amazonaws.com   (interface VPC endpoints)
 * optionally followed by `:port`. The AWS CLI anchors its pattern only at the start and so signs for
 * `git-codecommit.us-east-1.amazonaws.com.evil.example`; anchoring both ends keeps key ids and valid
 * signatures away from hosts that merely start like CodeCommit.
 */
const CODECOMMIT_HOST =
  /^(?:vpce-[a-z0-9-]+\.)?git-codecommit(-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.(vpce\.)?amazonaws\.com(\.cn)?(?::(\d{1,5}))?$/;

export interface CodeCommitHost {
  /** The host name that is signed: git's `host` without any `:port`. */
  readonly hostname: string;
  readonly region: string;
  readonly fips: boolean;
  readonly vpcEndpoint: boolean;
  readonly port: number | undefined;
}

export function parseCodeCommitHost(host: string): CodeCommitHost | undefined {
  const match = CODECOMMIT_HOST.exec(host);
  if (!match) return undefined;
  const [, fips, region, vpce, china, port] = match;
  const isVpce = host.startsWith('vpce-');
  // A vpce. label without a vpce- endpoint id (or the reverse) is not a form AWS issues.
  if (isVpce !== (vpce !== undefined)) return undefined;
  // The .cn partition serves only the China regions, and they are served only there.
  if ((china !== undefined) !== region!.startsWith('cn-')) return undefined;
  const portNumber = port === undefined ? undefined : Number(port);
  if (portNumber !== undefined && (portNumber < 1 || portNumber > 65535)) return undefined;
  const colon = host.indexOf(':');
  return {
    hostname: colon === -1 ? host : host.slice(0, colon),
    region: region!,
    fips: fips !== undefined,
    vpcEndpoint: isVpce,
    port: portNumber,
  };
}
