import type { CredentialPlan } from '../aws/sessions/CredentialPlan.js';
import { formatDuration } from '../aws/config/parseGoDuration.js';

/** `vault-git exec --plan`: the STS steps in order, what each is cached under, and why. */
export function formatPlan(plan: CredentialPlan): string {
  const lines = [`Plan for profile ${plan.profile}${plan.region ? ` (region ${plan.region})` : ''}:`];
  lines.push(`  credentials: ${plan.base.kind === 'stored-keys' ? `long-term key of profile ${plan.base.profile} from the vault` : `credential_process of profile ${plan.base.profile}`}`);
  plan.steps.forEach((step, index) => {
    const mfa = step.mfaSerial ? ` with MFA ${step.mfaSerial}` : step.type === 'AssumeRole' && step.chainedMfa ? ' (chained MFA: no code)' : ' without MFA';
    const what = step.type === 'AssumeRole' ? `AssumeRole ${step.roleArn} for profile ${step.profile}` : `GetSessionToken for profile ${step.profile}`;
    lines.push(`  ${index + 1}. ${what}${mfa}, ${formatDuration(step.durationSeconds)}`);
    lines.push(`     cached as ${step.cache.type} of ${step.cache.profile} (source ${step.cache.sourceProfile}, key ${step.cache.fingerprint}: ${Object.keys(step.cache.keyedBy).join(', ')})`);
  });
  if (plan.steps.length === 0) lines.push('  no STS call: the long-term key is used as it is');
  lines.push('  decisions:', ...plan.notes.map((note) => `    ${note}`));
  return lines.join('\n') + '\n';
}
