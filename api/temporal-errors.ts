import type { PrismaClient } from '@prisma/client';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Refusal } from '../domain/refusal';
import { getIncidentRow } from '../storage/incident-list';
import { INPUT_REFUSED } from '../workflows/messages';
import { HttpError } from './errors';

/** Turns the workflow's refusal of a human input, or a missing incident, into the API's answer. */
export function fromTemporal(err: unknown, incidentId: string): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    if (err.cause.type === INPUT_REFUSED) {
      const refusal = err.cause.details?.[0] as Refusal | undefined;
      return new HttpError(409, refusal?.code ?? 'refused', err.cause.message, [], { cause: err });
    }
  }
  if (err instanceof WorkflowNotFoundError) {
    return new HttpError(404, 'not-found', `no running incident ${incidentId}`, [], { cause: err });
  }
  return err;
}

/**
 * The answer to a human input the workflow did not take. An input sent once the incident's workflow has
 * finished is answered NOT_FOUND by the server, which client 1.24 throws as a WorkflowNotFoundError, the
 * same type as for a workflow that never existed (the gRPC status is not kept on the error). The
 * projection tells them apart: a closed incident refuses the input as its workflow did while it ran.
 */
export async function inputFailure(prisma: PrismaClient, err: unknown, incidentId: string): Promise<unknown> {
  if (
    err instanceof WorkflowNotFoundError &&
    (await getIncidentRow(prisma, incidentId))?.status === 'closed'
  ) {
    return new HttpError(409, 'incident-closed', 'the incident is closed', [], { cause: err });
  }
  return fromTemporal(err, incidentId);
}
