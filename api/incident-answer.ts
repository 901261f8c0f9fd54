import type { PrismaClient } from '@prisma/client';
import { QueryNotRegisteredError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { IncidentView, Plan } from '../domain/incident';
import { withQuestions } from '../domain/question-rounds';
import type { PlanCatalog } from '../plans/catalog';
import { getIncidentRow } from '../storage/incident-list';
import { latestTimelineEvents, timelineRange } from '../storage/timeline';
import { getIncidentQuery, getPlanQuery, incidentWorkflowId } from '../workflows/messages';
import { HttpError } from './errors';
import {
  EMBEDDED_TIMELINE_EVENTS,
  eventView,
  mergeTimeline,
  projectionView,
  timelineFields,
  type EventView,
} from './projection-view';
import type { IncidentAnswer } from './responses';
import { fromTemporal } from './temporal-errors';
import { temporalUnreachable } from './temporal-reachability';

/**
 * An incident as `GET /api/incidents/:id` answers it: the live state from its workflow with the latest
 * events of its timeline, or, once the workflow is gone, what the projection remembers. 404 when neither
 * knows the incident.
 */
export async function incidentAnswer(
  { client, prisma }: { client: Client; prisma: PrismaClient },
  id: string,
): Promise<IncidentAnswer> {
  const handle = client.workflow.getHandle(incidentWorkflowId(id));
  // The projection first, then the workflow for what it has not stored yet: an event stored after this
  // read is either still held by the workflow or, once stored and let go, found by the read below.
  const stored = await latestTimelineEvents(prisma, id, EMBEDDED_TIMELINE_EVENTS);
  const storedUpTo = stored.events.at(-1)?.seq ?? 0;
  let state: IncidentView;
  let held: EventView[];
  try {
    ({ state, timeline: held } = await handle.query(getIncidentQuery, { afterSeq: storedUpTo }));
  } catch (err) {
    const unreachable = temporalUnreachable(err);
    if (!(err instanceof WorkflowNotFoundError) && !unreachable) throw fromTemporal(err, id);
    // The workflow is gone (deleted, or past the namespace's retention), or Temporal cannot be reached
    // for now: the projection remembers the incident, and the answer says why it is the one speaking.
    const row = await getIncidentRow(prisma, id);
    if (!row)
      throw unreachable ? err : new HttpError(404, 'not-found', `no incident ${id}`, [], { cause: err });
    const embedded = { timeline: stored.events.map(eventView), truncated: stored.earlier };
    return projectionView(row, embedded, unreachable ? 'temporal-unavailable' : 'workflow-gone');
  }
  // The answer describes the state as of lastSeq, state and held events from one snapshot.
  const upTo = state.lastSeq;
  const heldSeqs = new Set(held.filter((e) => e.seq > storedUpTo && e.seq <= upTo).map((e) => e.seq));
  // Stored and let go by the workflow between the projection read and the query: stored by now.
  const between =
    heldSeqs.size < upTo - storedUpTo
      ? await timelineRange(prisma, id, Math.max(storedUpTo, upTo - EMBEDDED_TIMELINE_EVENTS), upTo)
      : [];
  const embedded = mergeTimeline([stored.events.map(eventView), between.map(eventView), held], {
    upTo,
    limit: EMBEDDED_TIMELINE_EVENTS,
    earlier: stored.earlier,
  });
  return { ...state, ...timelineFields(id, embedded), source: 'workflow' };
}

/**
 * The plan an incident runs under: its own snapshot, asked of its workflow, so a page draws it and offers
 * what the incident will accept after the catalog's plan has moved on (a new version, approvers changed);
 * the catalog's once the workflow is gone. Each question raised adds its round's steps (q1-…).
 */
export async function incidentPlan(
  { client, catalog }: { client: Client; catalog: PlanCatalog },
  answer: IncidentAnswer,
): Promise<Plan | undefined> {
  if (answer.source === 'workflow') {
    try {
      const plan = await client.workflow
        .getHandle(incidentWorkflowId(answer.incident.id))
        .query(getPlanQuery);
      return withQuestions(plan, answer.questions);
    } catch (err) {
      const fallBack =
        err instanceof WorkflowNotFoundError ||
        err instanceof QueryNotRegisteredError ||
        temporalUnreachable(err);
      if (!fallBack) {
        throw fromTemporal(err, answer.incident.id);
      }
    }
  }
  return catalog.get(answer.planId);
}
