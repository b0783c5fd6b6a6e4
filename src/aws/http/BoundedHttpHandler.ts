import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Readable, Transform } from 'node:stream';
import { stsTimeLimits } from '../sts/stsTimeLimits.js';

/** An STS or IAM Identity Center answer is a few kilobytes; a body past this is not theirs, and is not read to the end. */
export const MAX_BODY_BYTES = 1024 * 1024;

function boundedBody(body: Readable, limit: number): Readable {
  let seen = 0;
  const bounded = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) {
        body.destroy();
        callback(new Error(`the answer is larger than ${limit} bytes`));
        return;
      }
      callback(null, chunk);
    },
  });
  body.on('error', (error) => bounded.destroy(error));
  return body.pipe(bounded);
}

/** The SDK's own Node handler, with its answer cut off past MAX_BODY_BYTES. */
export class BoundedHttpHandler extends NodeHttpHandler {
  override async handle(...args: Parameters<NodeHttpHandler['handle']>): ReturnType<NodeHttpHandler['handle']> {
    const result = await super.handle(...args);
    if (result.response.body instanceof Readable) result.response.body = boundedBody(result.response.body, MAX_BODY_BYTES);
    return result;
  }
}

/**
 * The handler every AWS client of vault-git uses. The SDK waits forever by default: a black-holed endpoint
 * hung `git push` for minutes; VAULT_GIT_STS_TIMEOUT bounds every call.
 */
export function boundedRequestHandler(env: NodeJS.ProcessEnv): BoundedHttpHandler {
  const limits = stsTimeLimits(env);
  return new BoundedHttpHandler({
    connectionTimeout: limits.connectMs,
    requestTimeout: limits.attemptMs,
    throwOnRequestTimeout: true,
    socketTimeout: limits.attemptMs,
  });
}
