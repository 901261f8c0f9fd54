import { WorkflowNotFoundError } from '@temporalio/client';
import { Router } from 'express';
import { getIncidentRow, listIncidents } from '../../storage/incident-list';
import { latestTimelineEvents, timelinePage, timelineRange } from '../../storage/timeline';
import { getStateQuery, getTimelineQuery, incidentWorkflowId } from '../../workflows/messages';
import type { IncidentView } from '../../domain/incident';
import { resolveActor } from '../acting-person';
import { principalOf, type Principal } from '../auth';
import { HttpError, parseOr400 } from '../errors';
import { encodeCursor, parseListQuery } from '../incident-list-query';
import { executeInput } from '../execute-input';
import { inputRoutes } from '../input-routes';
import { createIntake, type IntakeDeps } from '../intake';
import {
  EMBEDDED_TIMELINE_EVENTS,
  eventView,
  incidentSummary,
  mergeTimeline,
  projectionView,
  timelineFields,
  type EventView,
} from '../projection-view';
import type { IncidentAnswer, IncidentPage, TimelinePage } from '../responses';
import { CreateIncidentBody, IncidentParams } from '../schemas';
import { fromTemporal, inputFailure } from '../temporal-errors';
import { parseTimelineQuery } from '../timeline-query';

export type IncidentRouterDeps = IntakeDeps;

/** The Idempotency-Key header, checked; undefined when it was not sent. */
function idempotencyKeyFrom(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\w.:-]{1,200}$/.test(header)) {
    throw new HttpError(400, 'invalid-request', 'invalid header: Idempotency-Key', [
      { path: 'Idempotency-Key', issue: 'letters, digits, _ . : - only, at most 200' },
    ]);
  }
  return header;
}

/** Keys are the caller's own: two integrators, or two people, who pick the same key never meet. */
const callerOf = (p: Principal): string =>
  p.kind === 'person' ? `person:${p.personId}` : `operator:${p.keyId}`;

export function incidentRouter(deps: IncidentRouterDeps): Router {
  const { client, prisma } = deps;
  const router = Router();

  const intake = createIntake(deps);

  router.get('/', async (req, res) => {
    const { filter, limit, after } = parseListQuery(req.query);
    const page = await listIncidents(prisma, filter, { limit, after });
    const body: IncidentPage = {
      items: page.items.map(incidentSummary),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    };
    res.json(body);
  });

  router.post('/', async (req, res) => {
    const body = parseOr400(CreateIncidentBody, req.body, 'incident');
    const key = idempotencyKeyFrom(req.get('idempotency-key'));
    const { status, answer } = await intake(
      body,
      key === undefined ? undefined : { caller: callerOf(principalOf(res)), key },
    );
    res.status(status).json(answer);
  });

  router.get('/:id', async (req, res) => {
    const { id } = parseOr400(IncidentParams, req.params, 'path');
    const handle = client.workflow.getHandle(incidentWorkflowId(id));
    // The projection first, then the workflow for what it has not stored yet: an event stored after this
    // read is either still held by the workflow or, once stored and let go, found by the read below.
    const stored = await latestTimelineEvents(prisma, id, EMBEDDED_TIMELINE_EVENTS);
    const storedUpTo = stored.events.at(-1)?.seq ?? 0;
    let state: IncidentView;
    let held: EventView[];
    try {
      [state, held] = await Promise.all([
        handle.query(getStateQuery),
        handle.query(getTimelineQuery, { afterSeq: storedUpTo }),
      ]);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw fromTemporal(err, id);
      // The workflow is gone (deleted, or past the namespace's retention): the projection remembers it.
      const row = await getIncidentRow(prisma, id);
      if (!row) throw new HttpError(404, 'not-found', `no incident ${id}`, [], { cause: err });
      const body: IncidentAnswer = projectionView(row, {
        timeline: stored.events.map(eventView),
        truncated: stored.earlier,
      });
      res.json(body);
      return;
    }
    // The answer describes the state as of lastSeq; the two queries may straddle a new event.
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
    const body: IncidentAnswer = { ...state, ...timelineFields(id, embedded), source: 'workflow' };
    res.json(body);
  });

  router.get('/:id/timeline', async (req, res) => {
    const { id } = parseOr400(IncidentParams, req.params, 'path');
    const { after, limit } = parseTimelineQuery(req.query);
    const page = await timelinePage(prisma, id, { after, limit });
    // Nothing stored: an unknown incident, or one started moments ago whose first events are not stored.
    if (page.items.length === 0 && !(await getIncidentRow(prisma, id))) {
      try {
        await client.workflow.getHandle(incidentWorkflowId(id)).describe();
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw fromTemporal(err, id);
        throw new HttpError(404, 'not-found', `no incident ${id}`, [], { cause: err });
      }
    }
    const body: TimelinePage = { items: page.items.map(eventView), nextAfter: page.next };
    res.json(body);
  });

  for (const r of inputRoutes) {
    router.post(r.input.path, async (req, res) => {
      const parsed = r.parse(req.params, req.body);
      const id = parsed.incidentId;
      const key = idempotencyKeyFrom(req.get('idempotency-key'));
      const principal = principalOf(res);
      const actor = await resolveActor({ prisma, client }, principal, id, parsed.actor);
      // The key doubles as the update id (Temporal applies an update id once), scoped to the caller.
      const updateId = key === undefined ? undefined : `${callerOf(principal)} ${key}`;
      try {
        res.json(await executeInput(client, id, r.input.update, parsed.withActor(actor), updateId));
      } catch (err) {
        throw await inputFailure(prisma, err, id);
      }
    });
  }

  return router;
}
