import { buildCodeCommitCredential } from '../codecommit/buildCodeCommitCredential.js';
import { parseCodeCommitHost, type CodeCommitHost } from '../codecommit/parseCodeCommitHost.js';
import { signCodeCommitPassword } from '../codecommit/signCodeCommitPassword.js';
import { attribute, type CredentialRecord } from '../protocol/CredentialRecord.js';
import { formatCredentialReply } from '../protocol/formatCredentialReply.js';
import { formatGetReply } from './formatGetReply.js';
import { parseCredentialRecord } from '../protocol/parseCredentialRecord.js';
import { formatErrorForUser } from '../shared/formatErrorForUser.js';
import type { HelperContext, HelperOutcome } from './HelperContext.js';
import { parseHelperArguments, type HelperArguments } from './parseHelperArguments.js';

const SILENT_SUCCESS: HelperOutcome = { stdout: '', stderr: [], exitCode: 0 };

const HELPER_USAGE = `git-credential-vault [--profile NAME] [--debug] get|store|erase   (also: vault-git credential …)

The git credential helper: git runs it; \`get\` answers CodeCommit https URLs with a password signed from the
profile's cached session (environment credentials, then AWS_PROFILE, then default without --profile).

Examples:
  vault-git setup origin --profile env1 --write      writes the credential section that runs it
  printf 'protocol=https\\nhost=git-codecommit.eu-west-1.amazonaws.com\\npath=v1/repos/demo\\n\\n' | git-credential-vault --profile env1 get
`;

/**
 * The git credential helper: `get` answers with a freshly signed CodeCommit password, `erase` (sent by git
 * only after a 401) forgets the session that produced a refused password, `store` does nothing (passwords
 * are computed, never kept), and any other operation is ignored as git asks of helpers.
 * stdout carries protocol lines only; every sentence goes to stderr.
 */
export async function runHelper(argv: readonly string[], stdin: Buffer, context: HelperContext): Promise<HelperOutcome> {
  let args: HelperArguments | undefined;
  try {
    args = parseHelperArguments(argv);
    if (args.operation === '--help') return { stdout: HELPER_USAGE, stderr: [], exitCode: 0 };
    if (args.operation === 'get') return await answerGet(args, parseCredentialRecord(stdin), context);
    if (args.operation === 'erase') return await handleErase(args, parseCredentialRecord(stdin), context);
    return SILENT_SUCCESS;
  } catch (error) {
    return failure(error, args, context);
  }
}

function failure(error: unknown, args: HelperArguments | undefined, context: HelperContext): HelperOutcome {
  const debug = args?.debug === true || context.env.VAULT_GIT_DEBUG === '1';
  const exitCode = typeof (error as { exitCode?: unknown }).exitCode === 'number' ? (error as { exitCode: number }).exitCode : 1;
  return { stdout: '', stderr: formatErrorForUser(error, debug), exitCode };
}

/** CodeCommit serves git over HTTPS only; a password signed for plain http would cross the network in clear. */
function servedHost(record: CredentialRecord): CodeCommitHost | undefined {
  if (attribute(record, 'protocol') !== 'https') return undefined;
  const host = attribute(record, 'host');
  return host === undefined ? undefined : parseCodeCommitHost(host);
}

async function answerGet(args: HelperArguments, record: CredentialRecord, context: HelperContext): Promise<HelperOutcome> {
  const host = servedHost(record);
  // Not ours: print nothing and succeed, so git asks the next helper.
  if (!host) return SILENT_SUCCESS;
  try {
    return await signFor(host, args, record, context);
  } catch (error) {
    // A CodeCommit URL we cannot answer for: `quit` stops git from going on to ask for a username on the
    // terminal (or from a helper after us), so the user sees our one line and nothing else.
    const outcome = failure(error, args, context);
    return { ...outcome, stdout: formatCredentialReply([['quit', '1']]) };
  }
}

async function signFor(host: CodeCommitHost, args: HelperArguments, record: CredentialRecord, context: HelperContext): Promise<HelperOutcome> {
  const path = attribute(record, 'path');
  if (path === undefined || path === '') {
    const url = `${attribute(record, 'protocol')}://${attribute(record, 'host')}`;
    return {
      stdout: formatCredentialReply([['quit', '1']]),
      stderr: [
        `vault-git: git sent no repository path for ${url}, and CodeCommit passwords are signed over it.`,
        `vault-git: hint: git config --global credential.${url}.useHttpPath true`,
      ],
      exitCode: 1,
    };
  }

  if (context.clearStaleEntries) await context.clearStaleEntries(record);

  const source = await context.selectCredentialSource(args, context.env);
  const credentials = await source.resolve({ region: host.region });
  const now = context.now();
  const credential = await buildCodeCommitCredential(credentials, host, path, now, signCodeCommitPassword);
  return { stdout: formatGetReply(record, credential), stderr: [], exitCode: 0 };
}

async function handleErase(args: HelperArguments, record: CredentialRecord, context: HelperContext): Promise<HelperOutcome> {
  if (!servedHost(record)) return SILENT_SUCCESS;
  const source = await context.selectCredentialSource(args, context.env);
  const notice = source.forget ? await source.forget() : undefined;
  return notice ? { stdout: '', stderr: [`vault-git: ${notice}`], exitCode: 0 } : SILENT_SUCCESS;
}
