import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Refusal } from '../domain/refusal';
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
  // An update sent to a finished workflow fails with a plain service error, not a refusal.
  if (err instanceof Error && /workflow execution already completed/i.test(err.message)) {
    return new HttpError(409, 'incident-closed', `incident ${incidentId} is closed`, [], { cause: err });
  }
  return err;
}
