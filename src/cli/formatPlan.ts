import type { BaseCredentials, CredentialPlan, PlanStep } from '../aws/sessions/CredentialPlan.js';
import { formatDuration } from '../aws/config/parseGoDuration.js';

function describeBase(base: BaseCredentials): string {
  if (base.kind === 'stored-keys') return `long-term key of profile ${base.profile} from the vault`;
  if (base.kind === 'credential-process') return `credential_process of profile ${base.profile}`;
  const where = base.session.name !== undefined ? `sso-session ${base.session.name}` : 'the profile';
  return `IAM Identity Center sign-in of profile ${base.profile} (${where}: ${base.session.startUrl}, ${base.session.region}), kept in the vault`;
}

function describeStep(step: PlanStep): string {
  if (step.type === 'GetRoleCredentials') {
    return `GetRoleCredentials ${step.roleName} in account ${step.accountId} for profile ${step.profile} with the sign-in's access token, as long as IAM Identity Center allows`;
  }
  const mfa = step.mfaSerial ? ` with MFA ${step.mfaSerial}` : step.type === 'AssumeRole' && step.chainedMfa ? ' (chained MFA: no code)' : ' without MFA';
  const what = step.type === 'AssumeRole' ? `AssumeRole ${step.roleArn} for profile ${step.profile}` : `GetSessionToken for profile ${step.profile}`;
  return `${what}${mfa}, ${formatDuration(step.durationSeconds)}`;
}

/** `vault-git exec --plan`: the calls in order, what each is cached under, and why. */
export function formatPlan(plan: CredentialPlan): string {
  const lines = [`Plan for profile ${plan.profile}${plan.region ? ` (region ${plan.region})` : ''}:`];
  lines.push(`  credentials: ${describeBase(plan.base)}`);
  plan.steps.forEach((step, index) => {
    lines.push(`  ${index + 1}. ${describeStep(step)}`);
    lines.push(`     cached as ${step.cache.type} of ${step.cache.profile} (source ${step.cache.sourceProfile}, key ${step.cache.fingerprint}: ${Object.keys(step.cache.keyedBy).join(', ')})`);
  });
  if (plan.steps.length === 0) lines.push('  no STS call: the long-term key is used as it is');
  lines.push('  decisions:', ...plan.notes.map((note) => `    ${note}`));
  return lines.join('\n') + '\n';
}
