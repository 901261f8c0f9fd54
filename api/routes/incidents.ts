import { WorkflowNotFoundError } from '@temporalio/client';
import { Router } from 'express';
import { getIncidentRow, listIncidents } from '../../storage/incident-list';
import { timelinePage } from '../../storage/timeline';
import { incidentWorkflowId } from '../../workflows/messages';
import { resolveActor } from '../acting-person';
import { principalOf, type Principal } from '../auth';
import { HttpError, parseOr400 } from '../errors';
import { encodeCursor, parseListQuery } from '../incident-list-query';
import { executeInput } from '../execute-input';
import { inputRoutes } from '../input-routes';
import { createIntake, type IntakeDeps } from '../intake';
import { incidentAnswer } from '../incident-answer';
import { streamHistory } from '../incident-history';
import { incidentReview, replayDiverged } from '../incident-review';
import { eventView, incidentSummary } from '../projection-view';
import type { IncidentPage, TimelinePage } from '../responses';
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
    res.json(await incidentAnswer(deps, id));
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

  router.get('/:id/history', async (req, res) => {
    const { id } = parseOr400(IncidentParams, req.params, 'path');
    await streamHistory(deps, id, res);
  });

  router.get('/:id/review', async (req, res) => {
    const { id } = parseOr400(IncidentParams, req.params, 'path');
    const review = await incidentReview(deps, id);
    if (review.replay.divergence) throw replayDiverged(review.replay.divergence);
    res.json(review);
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
