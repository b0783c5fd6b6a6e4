import type { Argv } from 'yargs';
import type { Finding } from '../../doctor/Finding.js';
import { runDoctorChecks } from '../../doctor/runDoctorChecks.js';
import type { CliContext } from '../CliContext.js';

export const doctorCommand = {
  command: 'doctor',
  describe: 'check git, the vault, profiles and the clock for what breaks CodeCommit pushes, and say how to fix it',
  builder: (yargs: Argv) =>
    yargs
      .option('repo', { type: 'string', describe: 'the repository to check (default: the current directory)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the findings as JSON' })
      .example('$0 doctor', 'what would break a push from this repository, and the fix for each'),
};

const MARKS: Record<Finding['status'], string> = { ok: 'ok     ', problem: 'PROBLEM', info: 'info   ', skipped: 'skipped' };

/** Returns 0 when healthy, 1 when something needs fixing. */
export async function runDoctor(options: { repo?: string | undefined; json: boolean; backend?: string | undefined }, context: CliContext): Promise<number> {
  const findings = await runDoctorChecks({ repo: options.repo, env: context.env, now: () => context.now(), openBackend: () => context.openBackend(options.backend) });
  const problems = findings.filter((finding) => finding.status === 'problem').length;
  if (options.json) {
    context.out(JSON.stringify({ healthy: problems === 0, findings }, null, 2) + '\n');
  } else {
    for (const finding of findings) {
      context.out(`${MARKS[finding.status]}  ${finding.check}: ${finding.message}\n`);
      if (finding.fix) context.out(`         fix: ${finding.fix}\n`);
    }
    context.out(problems === 0 ? '\nNo problems found.\n' : `\n${problems} problem${problems === 1 ? '' : 's'} found.\n`);
  }
  return problems === 0 ? 0 : 1;
}
