import { UsageError } from '../shared/errors.js';
import { isValidProfileName } from '../shared/validateProfileName.js';
import { isKnownRegion, isRegionName } from './knownRegions.js';
import { parseCodeCommitHost } from './parseCodeCommitHost.js';

/** CodeCommit repository names: letters, digits, `.`, `_`, `-`; at most 100 characters. */
const REPOSITORY = /^[A-Za-z0-9._-]{1,100}$/;

export interface CodeCommitRemoteUrl {
  /** The HTTPS URL git will use. */
  readonly url: string;
  readonly region: string;
  readonly repository: string;
  /** Named in a codecommit:// URL (`codecommit://profile@repo`). */
  readonly profile?: string | undefined;
}

function assertKnownRegion(region: string): void {
  if (!isRegionName(region)) throw new UsageError(`${JSON.stringify(region.slice(0, 60))} is not an AWS region name`);
  if (!isKnownRegion(region)) throw new UsageError(`${region} is not an AWS region CodeCommit can be in`, 'check the spelling (for example eu-west-1); vault-git knows the regions AWS had opened by December 2026');
}

export function isValidRepositoryName(name: string): boolean {
  return REPOSITORY.test(name) && name !== '.' && name !== '..';
}

/** The HTTPS endpoint of a repository: FIPS and China hosts included. */
export function codeCommitHttpsUrl(region: string, repository: string, fips = false): string {
  assertKnownRegion(region);
  if (!isValidRepositoryName(repository)) throw new UsageError(`${JSON.stringify(repository.slice(0, 120))} is not a CodeCommit repository name (letters, digits, . _ -)`);
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://git-codecommit${fips ? '-fips' : ''}.${region}.${suffix}/v1/repos/${repository}`;
}

/**
 * Reads the URL forms users have: CodeCommit's HTTPS URLs (regional, FIPS, China, VPC endpoint, with a
 * port), and git-remote-codecommit's `codecommit://[profile@]repo` and `codecommit::REGION://[profile@]repo`.
 * `regionOf` supplies the region for the form that names none (the profile's, as git-remote-codecommit does).
 */
export function parseCodeCommitRemoteUrl(text: string, regionOf: (profile: string | undefined) => string | undefined): CodeCommitRemoteUrl {
  const grc = /^codecommit(?:::([a-z0-9-]+))?:\/\/(?:([^@/]+)@)?([^@/]+)$/.exec(text);
  if (grc) {
    const [, explicitRegion, profile, repository] = grc;
    if (profile !== undefined && !isValidProfileName(profile)) throw new UsageError(`${JSON.stringify(profile.slice(0, 80))} in the URL is not a usable profile name`);
    // What the URL itself says is checked before anything is looked up for it.
    if (!isValidRepositoryName(repository!)) throw new UsageError(`${JSON.stringify(repository!.slice(0, 120))} is not a CodeCommit repository name (letters, digits, . _ -)`);
    const region = explicitRegion ?? regionOf(profile);
    if (!region) throw new UsageError(`${text} names no region and profile ${profile ?? 'default'} has none`, 'add --region REGION, or use codecommit::REGION://…');
    return { url: codeCommitHttpsUrl(region, repository!), region, repository: repository!, profile };
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new UsageError(`${JSON.stringify(text.slice(0, 200))} is not a URL`);
  }
  const host = parseCodeCommitHost(parsed.host);
  const repository = /^\/v1\/repos\/([^/]+)\/?$/.exec(parsed.pathname)?.[1];
  if (parsed.protocol !== 'https:' || !host || !repository || parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw new UsageError(`${JSON.stringify(text.slice(0, 200))} is not a CodeCommit HTTPS URL (https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME)`);
  }
  assertKnownRegion(host.region);
  const name = decodeURIComponent(repository);
  if (!isValidRepositoryName(name)) throw new UsageError(`${JSON.stringify(name.slice(0, 120))} is not a CodeCommit repository name (letters, digits, . _ -)`);
  return { url: `https://${parsed.host}/v1/repos/${name}`, region: host.region, repository: name };
}
