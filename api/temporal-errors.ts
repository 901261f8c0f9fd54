import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Refusal } from '../domain/refusal';
import { INPUT_REFUSED } from '../workflows/messages';
import { HttpError } from './errors';

/**
 * Turns the workflow's refusal of a human input, or a missing incident, into the API's answer.
 *
 * An input sent once the incident's workflow has finished is not a refusal: the server answers the
 * update NOT_FOUND ("workflow execution already completed") and client 1.24 throws that as a
 * WorkflowNotFoundError, the same type and gRPC status as a workflow that never existed (the status
 * itself is not kept on the error). So both are 404 here; telling them apart takes another question to
 * Temporal or the projection, which the caller can ask.
 */
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
