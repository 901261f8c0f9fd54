import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { z } from 'zod';
import { CompleteStepInput, DecideApprovalInput } from '../../contracts/schemas';
import type { PlanCatalog } from '../../plans/catalog';
import { incidentWorkflow } from '../../workflows';
import {
  completeStepUpdate,
  decideApprovalUpdate,
  getStateQuery,
  getTimelineQuery,
  incidentWorkflowId,
  type IncidentWorkflowInput,
} from '../../workflows/messages';
import { HttpError, invalid } from '../errors';
import { CreateIncidentBody, IncidentParams, StepParams } from '../schemas';
import { fromTemporal } from '../temporal-errors';

export interface IncidentRouterDeps {
  client: Client;
  catalog: PlanCatalog;
  taskQueue: string;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(what, result.error);
  return result.data;
}

const CompleteStepBody = CompleteStepInput.omit({ stepId: true });
const DecideApprovalBody = DecideApprovalInput.omit({ stepId: true });

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

export function incidentRouter({ client, catalog, taskQueue }: IncidentRouterDeps): Router {
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
    if (!plan.levels.some((l) => l.id === body.level)) {
      throw new HttpError(400, 'invalid-request', `invalid incident: level: not a level of plan ${plan.id}`, [
        { path: 'level', issue: `one of ${plan.levels.map((l) => l.id).join(', ')}` },
      ]);
    }
    const id = randomUUID();
    const workflowId = incidentWorkflowId(id);
    const input: IncidentWorkflowInput = {
      incident: {
        id,
        title: body.title,
        summary: body.summary,
        level: body.level,
        reporter: body.reporter,
        discoveredAt: body.discoveredAt ? Date.parse(body.discoveredAt) : Date.now(),
      },
      plan,
    };
    await client.workflow.start(incidentWorkflow, { taskQueue, workflowId, args: [input] });
    res.status(201).json({ id, workflowId, level: body.level, planId: plan.id, planVersion: plan.version });
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

  router.post('/:id/steps/:stepId/complete', async (req, res) => {
    const { id, stepId } = parse(StepParams, req.params, 'path');
    const body = parse(CompleteStepBody, req.body, 'step completion');
    const updateId = updateIdFrom(req.get('idempotency-key'));
    try {
      const verdict = await client.workflow
        .getHandle(incidentWorkflowId(id))
        .executeUpdate(completeStepUpdate, {
          args: [{ ...body, stepId }],
          ...(updateId ? { updateId } : {}),
        });
      res.json(verdict);
    } catch (err) {
      throw fromTemporal(err, id);
    }
  });

  router.post('/:id/steps/:stepId/decision', async (req, res) => {
    const { id, stepId } = parse(StepParams, req.params, 'path');
    const body = parse(DecideApprovalBody, req.body, 'decision');
    const updateId = updateIdFrom(req.get('idempotency-key'));
    try {
      const verdict = await client.workflow
        .getHandle(incidentWorkflowId(id))
        .executeUpdate(decideApprovalUpdate, {
          args: [{ ...body, stepId }],
          ...(updateId ? { updateId } : {}),
        });
      res.json(verdict);
    } catch (err) {
      throw fromTemporal(err, id);
    }
  });

  return router;
}
