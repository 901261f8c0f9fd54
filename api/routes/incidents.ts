import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { UpdateDefinition } from '@temporalio/common';
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
} from '../../contracts/schemas';
import type { PlanCatalog } from '../../plans/catalog';
import { incidentWorkflow } from '../../workflows';
import { suggestLevel } from '../../workflows/engine/levels';
import { searchAttributesOf } from '../../workflows/search-attributes';
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
  type IncidentWorkflowInput,
  type Verdict,
} from '../../workflows/messages';
import { HttpError, invalid } from '../errors';
import { CreateIncidentBody, IncidentParams } from '../schemas';
import { fromTemporal } from '../temporal-errors';

export interface IncidentRouterDeps {
  client: Client;
  catalog: PlanCatalog;
  taskQueue: string;
  searchAttributes: boolean;
  /** Told after a workflow has started, so counting reflects incidents that exist. */
  onIncidentStarted: (incident: { planId: string; level: string }) => void;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(what, result.error);
  return result.data;
}

/** Idempotency-Key doubles as the update id: Temporal drops a repeated update with the same id. */
function updateIdFrom(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\w.:-]{1,200}$/.test(header)) {
    throw new HttpError(400, 'invalid-request', 'invalid header: Idempotency-Key', [
      { path: 'Idempotency-Key', issue: 'letters, digits, _ . : - only, at most 200' },
    ]);
  }
  return header;
}

const MilestoneBody = PromiseMilestoneInput.omit({ dueAt: true }).extend({
  dueAt: z.iso.datetime({ offset: true }),
});

/**
 * Every human input the workflow accepts, as (path, body schema, update). The body is parsed here,
 * path parameters are merged in, and the workflow answers: accepted (200) or refused with the reason (409).
 */
export const inputRoutes: InputRoute[] = [
  route('/:id/steps/:stepId/complete', CompleteStepInput.omit({ stepId: true }), completeStepUpdate),
  route('/:id/steps/:stepId/decision', DecideApprovalInput.omit({ stepId: true }), decideApprovalUpdate),
  route('/:id/steps/:stepId/follow-up', ReportFollowUpInput.omit({ stepId: true }), reportFollowUpUpdate),
  route('/:id/steps/:stepId/review', SubmitReviewInput.omit({ stepId: true }), submitReviewUpdate),
  route('/:id/level', ReclassifyInput, reclassifyUpdate),
  route('/:id/metrics', UpdateMetricsInput, updateMetricsUpdate),
  route('/:id/milestones', MilestoneBody, promiseMilestoneUpdate, (body) => ({
    ...body,
    dueAt: Date.parse(body.dueAt),
  })),
  route(
    '/:id/milestones/:milestoneId/complete',
    CompleteMilestoneInput.omit({ milestoneId: true }),
    completeMilestoneUpdate,
  ),
  route('/:id/subside', SubsideInput, subsideUpdate),
  route('/:id/reopen', ReopenInput, reopenUpdate),
  route('/:id/close', CloseInput, closeUpdate),
];

export interface InputRoute {
  path: string;
  /** The body as integrators send it (before path parameters are merged in), for the OpenAPI document. */
  schema: z.ZodType;
  parse(body: unknown, params: Record<string, string>): unknown;
  update: UpdateDefinition<Verdict, [never]>;
}

function route<S extends z.ZodType, I>(
  path: string,
  schema: S,
  update: UpdateDefinition<Verdict, [I]>,
  toInput: (body: z.infer<S>) => unknown = (body) => body,
): InputRoute {
  return {
    path,
    schema,
    update: update as UpdateDefinition<Verdict, [never]>,
    parse: (body, params) => {
      const { id: _id, ...fromPath } = params;
      return { ...(toInput(parse(schema, body, 'request body')) as object), ...fromPath };
    },
  };
}

export function incidentRouter({
  client,
  catalog,
  taskQueue,
  searchAttributes,
  onIncidentStarted,
}: IncidentRouterDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = parse(CreateIncidentBody, req.body, 'incident');
    const plan = catalog.get(body.planId);
    if (!plan) {
      throw new HttpError(400, 'invalid-request', `invalid incident: planId: unknown plan "${body.planId}"`, [
        {
          path: 'planId',
          issue: `unknown plan; known: ${catalog
            .list()
            .map((p) => p.id)
            .join(', ')}`,
        },
      ]);
    }
    const suggestedLevel = body.metrics ? suggestLevel(plan, body.metrics) : undefined;
    const level = body.level ?? suggestedLevel;
    if (level === undefined || !plan.levels.some((l) => l.id === level)) {
      const issue = `one of ${plan.levels.map((l) => l.id).join(', ')}`;
      const why = level === undefined ? `required: plan ${plan.id} cannot suggest one from metrics` : issue;
      throw new HttpError(400, 'invalid-request', `invalid incident: level: ${why}`, [
        { path: 'level', issue: why },
      ]);
    }
    const id = randomUUID();
    const workflowId = incidentWorkflowId(id);
    const input: IncidentWorkflowInput = {
      incident: {
        id,
        title: body.title,
        summary: body.summary,
        level,
        reporter: body.reporter,
        discoveredAt: body.discoveredAt ? Date.parse(body.discoveredAt) : Date.now(),
        ...(body.metrics ? { metrics: body.metrics } : {}),
        ...(body.source ? { source: body.source } : {}),
      },
      plan,
      ...(searchAttributes ? { searchAttributes: true } : {}),
    };
    await client.workflow.start(incidentWorkflow, {
      taskQueue,
      workflowId,
      args: [input],
      memo: { title: body.title, plan: plan.title.zh },
      ...(searchAttributes
        ? { typedSearchAttributes: searchAttributesOf({ planId: plan.id, level, status: 'open' }, false) }
        : {}),
    });
    onIncidentStarted({ planId: plan.id, level });
    res.status(201).json({
      id,
      workflowId,
      level,
      suggestedLevel: suggestedLevel ?? null,
      planId: plan.id,
      planVersion: plan.version,
    });
  });

  router.get('/:id', async (req, res) => {
    const { id } = parse(IncidentParams, req.params, 'path');
    const handle = client.workflow.getHandle(incidentWorkflowId(id));
    try {
      const [state, timeline] = await Promise.all([
        handle.query(getStateQuery),
        handle.query(getTimelineQuery),
      ]);
      res.json({ ...state, timeline });
    } catch (err) {
      throw fromTemporal(err, id);
    }
  });

  for (const r of inputRoutes) {
    router.post(r.path, async (req, res) => {
      const { id } = parse(IncidentParams, { id: req.params.id }, 'path');
      const input = r.parse(req.body, req.params as Record<string, string>);
      const updateId = updateIdFrom(req.get('idempotency-key'));
      try {
        const verdict = await client.workflow
          .getHandle(incidentWorkflowId(id))
          .executeUpdate(r.update, { args: [input as never], ...(updateId ? { updateId } : {}) });
        res.json(verdict);
      } catch (err) {
        throw fromTemporal(err, id);
      }
    });
  }

  return router;
}
