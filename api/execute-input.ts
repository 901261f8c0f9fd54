import { randomUUID } from 'node:crypto';
import { type Client, isGrpcServiceError, ServiceError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { incidentWorkflowId, type Verdict } from '../workflows/messages';
import { HttpError } from './errors';

// Sending a human input to its incident. The server turns an update away, without applying it, when the
// incident already has as many updates in flight as it allows (RESOURCE_EXHAUSTED) or when the run it
// reached continued as new before taking it (UNAVAILABLE, "update was aborted"). Both pass in moments,
// so the input is sent again under the same update id (applied at most once, across runs too); if the
// incident stays that busy the caller is told to come back (503 with Retry-After), never a 500.

const RESOURCE_EXHAUSTED = 8;
const UNAVAILABLE = 14;
/** Waits between tries, in ms: about 3 s in all before giving up. */
const BACKOFF_MS = [25, 50, 100, 200, 400, 800, 1_000];

function turnedAway(err: unknown): boolean {
  const grpc = err instanceof ServiceError ? err.cause : err;
  const code = isGrpcServiceError(grpc) ? Number(grpc.code) : undefined;
  return code === RESOURCE_EXHAUSTED || code === UNAVAILABLE;
}

export async function executeInput<I>(
  client: Client,
  incidentId: string,
  update: UpdateDefinition<Verdict, [I]>,
  input: I,
  updateId: string = randomUUID(),
): Promise<Verdict> {
  const handle = client.workflow.getHandle(incidentWorkflowId(incidentId));
  for (let attempt = 0; ; attempt++) {
    try {
      return await handle.executeUpdate(update, { args: [input], updateId });
    } catch (err) {
      const wait = BACKOFF_MS[attempt];
      if (!turnedAway(err)) throw err;
      if (wait === undefined) {
        throw new HttpError(503, 'incident-busy', `incident ${incidentId} is busy; try again shortly`, [], {
          cause: err,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
