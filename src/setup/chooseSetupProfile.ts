import type { AwsConfigFile } from '../aws/config/AwsConfigFile.js';
import { UsageError } from '../shared/errors.js';
import { isValidProfileName } from '../shared/validateProfileName.js';
import type { TeamRemote } from './teamFile.js';

export interface ProfileSources {
  readonly remote: string;
  /** The repository's region, for suggesting profiles. */
  readonly region: string;
  readonly flag?: string | undefined;
  /** From a codecommit://profile@repo URL. */
  readonly fromUrl?: string | undefined;
  readonly team?: TeamRemote | undefined;
  readonly envProfile?: string | undefined;
  readonly config: AwsConfigFile;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** The profile a remote pushes with, and where that choice came from (for the message setup prints). */
export interface ChosenProfile {
  readonly profile: string;
  readonly from: 'flag' | 'url' | 'team file' | 'team file role-arn' | 'AWS_PROFILE';
}

/**
 * --profile, else the codecommit://profile@ of the URL, else the team file (by name, or by role_arn when the
 * member's own profile for that role has another name), else AWS_PROFILE. With none, one line that lists
 * the profiles that could serve and the command to run.
 */
export function chooseSetupProfile(sources: ProfileSources): ChosenProfile {
  if (sources.flag) return { profile: sources.flag, from: 'flag' };
  if (sources.fromUrl) return { profile: sources.fromUrl, from: 'url' };
  const team = sources.team;
  const where = sources.config.path;
  if (team?.profile !== undefined || team?.roleArn !== undefined) {
    if (team.roleArn !== undefined) {
      if (!ROLE_ARN.test(team.roleArn)) throw new UsageError(`the team file's role-arn for remote ${sources.remote} is not a role ARN: ${JSON.stringify(team.roleArn.slice(0, 120))}`);
      const named = team.profile !== undefined && isValidProfileName(team.profile) ? sources.config.profiles.get(team.profile) : undefined;
      if (named?.role_arn === team.roleArn) return { profile: team.profile!, from: 'team file' };
      const matching = [...sources.config.profiles].find(([name, section]) => section.role_arn === team.roleArn && isValidProfileName(name));
      if (matching) return { profile: matching[0], from: 'team file role-arn' };
      const suggested = team.profile !== undefined && isValidProfileName(team.profile) ? team.profile : sources.remote;
      throw new UsageError(`no profile in ${where} assumes ${team.roleArn}, the role the team file names for remote ${sources.remote}`, `add to ${where}: [profile ${suggested}] with role_arn = ${team.roleArn} and source_profile = <your IAM user profile> (and mfa_serial if the role needs MFA), then run vault-git setup ${sources.remote} again`);
    }
    if (!isValidProfileName(team.profile!)) throw new UsageError(`the team file's profile for remote ${sources.remote} is not a usable profile name: ${JSON.stringify(team.profile!.slice(0, 80))}`);
    if (sources.config.profiles.has(team.profile!)) return { profile: team.profile!, from: 'team file' };
    throw new UsageError(`the team file says remote ${sources.remote} pushes with profile ${team.profile}, which ${where} does not have`, `add [profile ${team.profile}] to ${where}, or choose one: vault-git setup ${sources.remote} --profile NAME`);
  }
  if (sources.envProfile) return { profile: sources.envProfile, from: 'AWS_PROFILE' };
  const inRegion = [...sources.config.profiles].filter(([, section]) => section.region === sources.region).map(([name]) => name);
  const candidates = inRegion.length > 0 ? inRegion : [...sources.config.profiles.keys()];
  const listed = candidates.filter(isValidProfileName).slice(0, 8);
  throw new UsageError(
    `which profile pushes to remote ${sources.remote}? none given${listed.length > 0 ? `; profiles ${inRegion.length > 0 ? `in ${sources.region}` : 'in the config'}: ${listed.join(', ')}` : `, and ${where} has no profiles`}`,
    `vault-git setup ${sources.remote} --profile ${listed[0] ?? 'NAME'}${listed.length > 0 ? '' : ' (after adding the profile)'}`,
  );
}
