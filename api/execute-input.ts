import { randomUUID } from 'node:crypto';
import {
  type Client,
  isGrpcServiceError,
  ServiceError,
  type WorkflowHandle,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import type { Refusal } from '../domain/refusal';
import { incidentWorkflowId, INPUT_REFUSED } from '../workflows/messages';
import type { Verdict } from '../domain/incident';
import { HttpError } from './errors';
import { temporalUnreachable } from './temporal-reachability';

// Sending a human input to its incident. The server turns an update away, without applying it, when the
// incident already has as many updates in flight as it allows (RESOURCE_EXHAUSTED) or when the run it
// reached continued as new before taking it (UNAVAILABLE, "update was aborted"); the workflow itself
// turns inputs away while it is about to continue as new (incident-continuing). All pass in moments,
// so the input is sent again under the same update id (applied at most once, across runs too); if the
// incident stays that busy the caller is told to come back (503 with Retry-After), never a 500.

const RESOURCE_EXHAUSTED = 8;
const UNAVAILABLE = 14;
/** Waits between tries, in ms: about 8 s in all (an incident continuing as new waits up to 5 s). */
const BACKOFF_MS = [25, 50, 100, 200, 400, 800, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000];

function turnedAway(err: unknown): boolean {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const refusal = err.cause.details?.[0] as Refusal | undefined;
    return err.cause.type === INPUT_REFUSED && refusal?.code === 'incident-continuing';
  }
  // A server that cannot be reached is not a moment's busyness: the caller hears so at once.
  if (temporalUnreachable(err)) return false;
  const grpc = err instanceof ServiceError ? err.cause : err;
  const code = isGrpcServiceError(grpc) ? Number(grpc.code) : undefined;
  return code === RESOURCE_EXHAUSTED || code === UNAVAILABLE;
}

/** Sends an input to its incident's workflow, again while it is turned away for a moment. */
export async function sendInput<I>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Verdict, [I]>,
  input: I,
  updateId: string = randomUUID(),
): Promise<Verdict> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await handle.executeUpdate(update, { args: [input], updateId });
    } catch (err) {
      const wait = BACKOFF_MS[attempt];
      if (!turnedAway(err)) throw err;
      if (wait === undefined) {
        throw new HttpError(
          503,
          'incident-busy',
          `incident ${handle.workflowId} is busy; try again shortly`,
          [],
          {
            cause: err,
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

export function executeInput<I>(
  client: Client,
  incidentId: string,
  update: UpdateDefinition<Verdict, [I]>,
  input: I,
  updateId?: string,
): Promise<Verdict> {
  return sendInput(client.workflow.getHandle(incidentWorkflowId(incidentId)), update, input, updateId);
}
