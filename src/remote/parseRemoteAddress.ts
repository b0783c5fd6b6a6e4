import { isValidRepositoryName } from '../codecommit/parseCodeCommitRemoteUrl.js';
import { UsageError } from '../shared/errors.js';
import { isValidProfileName } from '../shared/validateProfileName.js';

/** What git-remote-codecommit's URL forms say; what they leave out comes from the profile. */
export interface RemoteAddress {
  readonly repository: string;
  /** Named in the URL (`codecommit://profile@repo`). */
  readonly profile?: string | undefined;
  /** Named in the URL (`codecommit::REGION://…`: git passes `REGION://…`). */
  readonly region?: string | undefined;
}

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/**
 * The address git hands a remote helper: `codecommit://[profile@]repo` whole, or for
 * `codecommit::REGION://[profile@]repo` only the part after `codecommit::`. As in git-remote-codecommit 1.17.
 */
export function parseRemoteAddress(address: string): RemoteAddress {
  const match = /^([a-z0-9-]+):\/\/(?:([^@/]+)@)?([^@/]+)$/.exec(address);
  if (!match) throw new UsageError(`${JSON.stringify(address.slice(0, 200))} is not a codecommit:// URL (codecommit://[profile@]repo or codecommit::REGION://[profile@]repo)`);
  const [, scheme, profile, repository] = match;
  if (scheme !== 'codecommit' && !REGION.test(scheme!)) throw new UsageError(`${JSON.stringify(scheme)} in ${JSON.stringify(address.slice(0, 200))} is not an AWS region name`);
  if (profile !== undefined && !isValidProfileName(profile)) throw new UsageError(`${JSON.stringify(profile.slice(0, 80))} in the URL is not a usable profile name`);
  if (!isValidRepositoryName(repository!)) throw new UsageError(`${JSON.stringify(repository!.slice(0, 120))} is not a CodeCommit repository name (letters, digits, . _ -)`);
  return { repository: repository!, profile, region: scheme === 'codecommit' ? undefined : scheme };
}
