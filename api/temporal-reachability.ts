import {
  type ConnectionOptions,
  defaultGrpcRetryOptions,
  isGrpcServiceError,
  makeGrpcRetryInterceptor,
} from '@temporalio/client';

/** How long a caller is asked to wait before trying again while Temporal cannot be reached. */
export const TEMPORAL_RETRY_AFTER_S = 5;

const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;

/**
 * The client's failure says no connection could be made (refused, reset, unresolvable, timed out), as
 * opposed to a server that answered UNAVAILABLE about one workflow (an update aborted as its run
 * continued as new), which passes in moments and is retried where it is sent.
 */
export function temporalUnreachable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (!isGrpcServiceError(e)) continue;
    const code = Number(e.code);
    if (code === DEADLINE_EXCEEDED) return true;
    if (
      code === UNAVAILABLE &&
      /No connection established|Connection dropped|ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ETIMEDOUT|ENOTFOUND|Name resolution failed/i.test(
        e.details,
      )
    )
      return true;
  }
  return false;
}

/**
 * The API's connection retries a refused call for about 2 s (5 tries), where the SDK's default tries for
 * about 20 s: a person or a monitor waits on each request, and a server that is down is better reported
 * at once (503 temporal-unavailable, Retry-After) than after a wait that looks like a hang.
 */
export const requestRetry: Pick<ConnectionOptions, 'interceptors'> = {
  interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 5 }))],
};
