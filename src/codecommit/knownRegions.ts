/**
 * The regions of the partitions CodeCommit's host names live in (amazonaws.com, amazonaws.com.cn and
 * GovCloud), as AWS's partition data in the AWS SDK for JavaScript listed them in December 2026. `setup`
 * refuses a region outside this list: a typo there would write a remote that can never work.
 */
const KNOWN_REGIONS = new Set([
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2',
  'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'me-west-1', 'mx-central-1', 'sa-east-1', 'sa-west-1', 'us-east-1',
  'us-east-2', 'us-west-1', 'us-west-2', 'cn-north-1', 'cn-northwest-1', 'us-gov-east-1', 'us-gov-west-1',
]);

/** The shape of a region name in CodeCommit's host names (`us-east-1`, `us-gov-west-1`, `cn-north-1`). */
const REGION_NAME = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

export function isRegionName(value: string): boolean {
  return REGION_NAME.test(value);
}

export function isKnownRegion(region: string): boolean {
  return KNOWN_REGIONS.has(region);
}
