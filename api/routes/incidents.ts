import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { Router } from 'express';
import { z } from 'zod';
import {
  CloseInput,
  CompleteMilestoneInput,
  CompleteStepInput,
  DecideApprovalInput,
  PromiseMilestoneInput,
  ReclassifyInput,
  ReopenInput,
  ReportFollowUpInput,
  SubmitReviewInput,
  SubsideInput,
  UpdateMetricsInput,
  type Actor,
} from '../../contracts/schemas';
import { getIncidentRow, listIncidents } from '../../storage/incident-list';
import { latestTimelineEvents, timelinePage, timelineRange } from '../../storage/timeline';
import {
  closeUpdate,
  completeMilestoneUpdate,
  completeStepUpdate,
  decideApprovalUpdate,
  getStateQuery,
  getTimelineQuery,
  incidentWorkflowId,
  promiseMilestoneUpdate,
  reclassifyUpdate,
  reopenUpdate,
  reportFollowUpUpdate,
  submitReviewUpdate,
  subsideUpdate,
  updateMetricsUpdate,
  type IncidentView,
  type Verdict,
} from '../../workflows/messages';
import { ActorInBody, resolveActor } from '../acting-person';
import { principalOf, type Principal } from '../auth';
import { HttpError, invalid } from '../errors';
import { encodeCursor, parseListQuery } from '../incident-list-query';
import { executeInput } from '../execute-input';
import { createIntake, type IntakeDeps } from '../intake';
import {
  EMBEDDED_TIMELINE_EVENTS,
  eventView,
  mergeTimeline,
  projectionView,
  timelineFields,
  type EventView,
} from '../projection-view';
import { CreateIncidentBody, IncidentParams } from '../schemas';
import { fromTemporal } from '../temporal-errors';
import { parseTimelineQuery } from '../timeline-query';

export type IncidentRouterDeps = IntakeDeps;

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(what, result.error);
  return result.data;
}

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

/** An HTTP body is the workflow's input with the actor's id optional (see ActorInBody). */
const actorInBody = { actor: ActorInBody };

const MilestoneBody = PromiseMilestoneInput.extend({
  ...actorInBody,
  dueAt: z.iso.datetime({ offset: true }),
});

/**
 * Every human input the workflow accepts, as (path, body schema, update). The body is parsed here, the
 * actor resolved from the key, path parameters merged in, and the workflow answers: accepted (200) or
 * refused with the reason (409).
 */
export const inputRoutes: InputRoute[] = [
  route(
    '/:id/steps/:stepId/complete',
    CompleteStepInput.omit({ stepId: true }).extend(actorInBody),
    completeStepUpdate,
  ),
  route(
    '/:id/steps/:stepId/decision',
    DecideApprovalInput.omit({ stepId: true }).extend(actorInBody),
    decideApprovalUpdate,
  ),
  route(
    '/:id/steps/:stepId/follow-up',
    ReportFollowUpInput.omit({ stepId: true }).extend(actorInBody),
    reportFollowUpUpdate,
  ),
  route(
    '/:id/steps/:stepId/review',
    SubmitReviewInput.omit({ stepId: true }).extend(actorInBody),
    submitReviewUpdate,
  ),
  route('/:id/level', ReclassifyInput.extend(actorInBody), reclassifyUpdate),
  route('/:id/metrics', UpdateMetricsInput.extend(actorInBody), updateMetricsUpdate),
  route('/:id/milestones', MilestoneBody, promiseMilestoneUpdate, (body) => ({
    ...body,
    dueAt: Date.parse(body.dueAt),
  })),
  route(
    '/:id/milestones/:milestoneId/complete',
    CompleteMilestoneInput.omit({ milestoneId: true }).extend(actorInBody),
    completeMilestoneUpdate,
  ),
  route('/:id/subside', SubsideInput.extend(actorInBody), subsideUpdate),
  route('/:id/reopen', ReopenInput.extend(actorInBody), reopenUpdate),
  route('/:id/close', CloseInput.extend(actorInBody), closeUpdate),
];

export interface ParsedInput {
  /** The actor as the body named it, before the key has had its say. */
  actor: ActorInBody;
  /** The workflow input, once the actor is known. */
  withActor(actor: Actor): unknown;
}

export interface InputRoute {
  path: string;
  /** The body as callers send it (before path parameters are merged in), for the OpenAPI document. */
  schema: z.ZodType;
  parse(body: unknown, params: Record<string, string>): ParsedInput;
  update: UpdateDefinition<Verdict, [never]>;
}

function route<S extends z.ZodType<{ actor: ActorInBody }>, I>(
  path: string,
  schema: S,
  update: UpdateDefinition<Verdict, [I]>,
  toInput: (body: z.infer<S>) => object = (body) => body,
): InputRoute {
  return {
    path,
    schema,
    update: update as UpdateDefinition<Verdict, [never]>,
    parse: (body, params) => {
      const { id: _id, ...fromPath } = params;
      const parsed = parse(schema, body, 'request body');
      return { actor: parsed.actor, withActor: (actor) => ({ ...toInput(parsed), ...fromPath, actor }) };
    },
  };
}

export function incidentRouter(deps: IncidentRouterDeps): Router {
  const { client, prisma } = deps;
  const router = Router();

  const intake = createIntake(deps);

  router.get('/', async (req, res) => {
    const { filter, limit, after } = parseListQuery(req.query);
    const page = await listIncidents(prisma, filter, { limit, after });
    res.json({
      items: page.items.map(({ sourcePlatform, sourceUrl, ...row }) => ({
        ...row,
        source: sourcePlatform === null ? null : { platform: sourcePlatform, url: sourceUrl },
      })),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    });
  });

  router.post('/', async (req, res) => {
    const body = parse(CreateIncidentBody, req.body, 'incident');
    const key = idempotencyKeyFrom(req.get('idempotency-key'));
    const { status, answer } = await intake(
      body,
      key === undefined ? undefined : { caller: callerOf(principalOf(res)), key },
    );
    res.status(status).json(answer);
  });

  router.get('/:id', async (req, res) => {
    const { id } = parse(IncidentParams, req.params, 'path');
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
      res.json(projectionView(row, { timeline: stored.events.map(eventView), truncated: stored.earlier }));
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
    res.json({ ...state, ...timelineFields(id, embedded), source: 'workflow' });
  });

  router.get('/:id/timeline', async (req, res) => {
    const { id } = parse(IncidentParams, req.params, 'path');
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
    res.json({ items: page.items.map(eventView), nextAfter: page.next });
  });

  for (const r of inputRoutes) {
    router.post(r.path, async (req, res) => {
      const { id } = parse(IncidentParams, { id: req.params.id }, 'path');
      const parsed = r.parse(req.body, req.params as Record<string, string>);
      const key = idempotencyKeyFrom(req.get('idempotency-key'));
      const principal = principalOf(res);
      const actor = await resolveActor({ prisma, client }, principal, id, parsed.actor);
      // The key doubles as the update id (Temporal applies an update id once), scoped to the caller.
      const updateId = key === undefined ? undefined : `${callerOf(principal)} ${key}`;
      try {
        res.json(await executeInput(client, id, r.update, parsed.withActor(actor) as never, updateId));
      } catch (err) {
        throw fromTemporal(err, id);
      }
    });
  }

  return router;
}
