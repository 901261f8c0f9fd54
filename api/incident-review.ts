import type { PrismaClient } from '@prisma/client';
import type { Client } from '@temporalio/client';
import type { PlanCatalog } from '../plans/catalog';
import { reviewHistory } from '../review/review-history';
import type { Divergence, Review } from '../review/review-schema';
import { HttpError } from './errors';
import { incidentHistory } from './incident-history';

/** The review of an incident, from its history on the Temporal server replayed against this code. */
export async function incidentReview(
  deps: { client: Client; prisma: PrismaClient; catalog: PlanCatalog },
  incidentId: string,
): Promise<Review> {
  const history = await incidentHistory(deps, incidentId);
  return reviewHistory(history, (planId) => deps.catalog.get(planId));
}

/** What a reader is told when the code cannot explain a history: which run, which event, and why. */
export function divergenceMessage(d: Divergence): string {
  const where =
    d.eventId === undefined ? '' : ` at event ${d.eventId}${d.eventType ? ` (${d.eventType})` : ''}`;
  return `the history does not replay against this code: run ${d.run} (${d.runId})${where}: ${d.reason}`;
}

/** A review the code could not explain, as the JSON API answers it. */
export function replayDiverged(d: Divergence): HttpError {
  return new HttpError(409, 'replay-diverged', divergenceMessage(d), [
    { path: `runs[${d.run - 1}]${d.eventId === undefined ? '' : `.events[${d.eventId}]`}`, issue: d.reason },
  ]);
}
