import { buildCodeCommitCredential } from '../codecommit/buildCodeCommitCredential.js';
import { signingDay } from '../codecommit/formatSigningTimestamp.js';
import { parseCodeCommitHost } from '../codecommit/parseCodeCommitHost.js';
import { signCodeCommitPasswordPortable } from '../codecommit/signCodeCommitPasswordPortable.js';
import { environmentForProfile } from '../credentials/environmentForProfile.js';
import { readEnvironmentCredentials } from '../credentials/readEnvironmentCredentials.js';
import { mayHaveStorageHelper } from '../git/mayHaveStorageHelper.js';
import { formatGetReply } from '../helper/formatGetReply.js';
import { parseHelperArguments } from '../helper/parseHelperArguments.js';
import { readStandardInput } from '../helper/readStandardInput.js';
import { attribute } from '../protocol/CredentialRecord.js';
import { parseCredentialRecord } from '../protocol/parseCredentialRecord.js';
import type { AwsCredentials } from '../shared/AwsCredentials.js';
import { isValidProfileName } from '../shared/validateProfileName.js';
import { writeAll } from '../shared/writeAll.js';
import type { HelperModule } from './bundleCodeCache.js';
import { readHotRecord } from './readHotRecord.js';

type HotOutcome = { readonly answer: string } | { readonly handOver: true; readonly stdin?: Buffer | undefined };

const HAND_OVER = { handOver: true } as const;

/**
 * The credential helper's fast path, for the `get` git runs on every fetch and push: it loads no other
 * built-in than node:fs and answers only what it can answer exactly as the full path would; everything
 * else (another operation, --debug, a request it cannot parse, a storing helper configured so that the
 * stale-password cure must run, no valid hot record, expired environment credentials) goes to the full
 * path, with the request already read.
 */
async function tryHotPath(argv: readonly string[], env: NodeJS.ProcessEnv, now: Date, readInput: () => Promise<Buffer> = readStandardInput): Promise<HotOutcome> {
  let args;
  try {
    args = parseHelperArguments(argv);
  } catch {
    return HAND_OVER;
  }
  if (args.operation !== 'get' || args.debug || env.VAULT_GIT_DEBUG === '1') return HAND_OVER;
  let stdin: Buffer;
  try {
    stdin = await readInput();
  } catch {
    return HAND_OVER;
  }
  const handOver = { handOver: true, stdin } as const;
  let record;
  try {
    record = parseCredentialRecord(stdin);
  } catch {
    return handOver;
  }
  const host = attribute(record, 'protocol') === 'https' ? parseCodeCommitHost(attribute(record, 'host') ?? '') : undefined;
  // Not ours: nothing, exit 0, as the full path answers.
  if (!host) return { answer: '' };
  const path = attribute(record, 'path');
  if (!path || mayHaveStorageHelper(env)) return handOver;

  let credentials: AwsCredentials | undefined = args.profile ? undefined : readEnvironmentCredentials(env);
  let signingKey: Uint8Array | undefined;
  if (credentials) {
    if (credentials.expiration && credentials.expiration.getTime() <= now.getTime()) return handOver;
  } else {
    const profile = args.profile ?? (env.AWS_PROFILE || 'default');
    if (!isValidProfileName(profile)) return handOver;
    const hot = await readHotRecord(environmentForProfile(env, profile), profile, now);
    credentials = hot?.credentials;
    signingKey = hot?.signingKey(signingDay(now), host.region);
  }
  if (!credentials) return handOver;
  try {
    return { answer: formatGetReply(record, await buildCodeCommitCredential(credentials, host, path, now, signCodeCommitPasswordPortable, signingKey)) };
  } catch {
    return handOver;
  }
}

/**
 * Runs the hot path on made-up requests, with no exit, so that the V8 code cache written after it
 * (writeCodeCaches.ts) holds compiled code for the functions a real `get` runs: each request is read
 * from a file by the same reader as git's pipe, and each answer written by the same writer as stdout, to
 * the descriptor given (the null device). The answers must be signatures: a hand-over would mean the
 * warm-up exercised the wrong code.
 */
export async function warmHotPath(samples: ReadonlyArray<{ readonly argv: readonly string[]; readonly env: NodeJS.ProcessEnv; readonly requestFd: number }>, outputFd: number): Promise<void> {
  for (const sample of samples) {
    const outcome = await tryHotPath(sample.argv, sample.env, new Date(), () => readStandardInput(undefined, sample.requestFd));
    if (!('answer' in outcome) || !outcome.answer.includes('password=')) throw new Error(`the warm-up request for ${sample.argv.join(' ')} was handed over`);
    writeAll(outputFd, outcome.answer);
  }
}

/**
 * Entry of `git-credential-vault` and of `vault-git credential`. The entries pass how to load the full
 * helper (with its code cache: loadHotPath.ts), so this bundle never loads it itself.
 */
export async function runHotGet(argv: readonly string[], loadFullHelper: () => HelperModule): Promise<void> {
  const outcome = await tryHotPath(argv, process.env, new Date());
  if ('answer' in outcome) {
    if (outcome.answer) writeAll(1, outcome.answer);
    process.exit(0);
  }
  const { main } = loadFullHelper();
  await main(argv, outcome.stdin);
}
