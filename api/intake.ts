import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { PlanCatalog } from '../plans/catalog';
import type { Plan } from '../domain/plan-schema';
import { withOfficialCalendar } from '../domain/official-holidays';
import { reserveIdempotencyKey } from '../storage/idempotency';
import { storedPlanId } from '../storage/incident-list';
import { incidentWorkflow } from '../workflows';
import { suggestLevel } from '../engine/levels';
import { incidentWorkflowId, type IncidentWorkflowInput } from '../workflows/messages';
import { searchAttributesOf } from '../workflows/search-attributes';
import { requestHash } from './request-hash';
import { HttpError } from './errors';
import type { IncidentStarted } from './responses';
import type { CreateIncidentBody } from './schemas';

export interface IntakeDeps {
  client: Client;
  catalog: PlanCatalog;
  prisma: PrismaClient;
  taskQueue: string;
  searchAttributes: boolean;
  /** Told after a workflow has started, so counting reflects incidents that exist. */
  onIncidentStarted: (incident: { planId: string; level: string }) => void;
}

/** An Idempotency-Key as the caller's own: `caller` keeps two callers' equal keys apart. */
export interface IdempotencyKeyOf {
  caller: string;
  key: string;
}

/** The plan and level the incident will run under; what the catalog refuses is the caller's mistake (400). */
function planAndLevel(catalog: PlanCatalog, body: CreateIncidentBody) {
  const plan = catalog.get(body.planId);
  if (!plan) {
    const known = catalog
      .list()
      .map((p) => p.id)
      .join(', ');
    throw new HttpError(400, 'invalid-request', `invalid incident: planId: unknown plan "${body.planId}"`, [
      { path: 'planId', issue: `unknown plan; known: ${known}` },
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
  const flags = body.flags ?? [];
  flags.forEach((flag, i) => {
    const twice = flags.indexOf(flag) !== i;
    if (!twice && plan.flags.some((f) => f.id === flag)) return;
    const known = plan.flags.map((f) => f.id).join(', ') || 'none';
    const issue = twice ? `"${flag}" given twice` : `unknown flag; plan ${plan.id} has: ${known}`;
    throw new HttpError(400, 'invalid-request', `invalid incident: flags.${i}: ${issue}`, [
      { path: `flags.${i}`, issue },
    ]);
  });
  return { plan, level, suggestedLevel };
}

/**
 * POST /api/incidents: checks the report against the catalog and starts its workflow. With an
 * Idempotency-Key the key is reserved, with the incident id, before the workflow starts: the row, not
 * this process, remembers which incident the key means, so an API that stops between the two never
 * loses or doubles an incident; the retry starts what the first attempt meant.
 */
export function createIntake(deps: IntakeDeps) {
  const { client, catalog, prisma, taskQueue, searchAttributes, onIncidentStarted } = deps;

  /** false when the workflow had been started before; a closed one counts too (REJECT_DUPLICATE). */
  async function start(input: IncidentWorkflowInput, plan: Plan): Promise<boolean> {
    const { incident } = input;
    try {
      await client.workflow.start(incidentWorkflow, {
        taskQueue,
        workflowId: incidentWorkflowId(incident.id),
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [input],
        memo: { title: incident.title, plan: plan.title.zh },
        ...(searchAttributes
          ? {
              typedSearchAttributes: searchAttributesOf(
                { planId: plan.id, level: incident.level, status: 'open' },
                false,
              ),
            }
          : {}),
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw err;
    }
    onIncidentStarted({ planId: plan.id, level: incident.level });
    return true;
  }

  return async (
    body: CreateIncidentBody,
    idempotency: IdempotencyKeyOf | undefined,
  ): Promise<{ status: 200 | 201; answer: IncidentStarted }> => {
    const { plan, level, suggestedLevel } = planAndLevel(catalog, body);
    const answerFor = (id: string): IncidentStarted => ({
      id,
      workflowId: incidentWorkflowId(id),
      level,
      suggestedLevel: suggestedLevel ?? null,
      planId: plan.id,
      planVersion: plan.version,
    });
    // Everything in the input follows from the body, the id and the intake time, so a retry that
    // rebuilds it after a crash starts exactly the incident the first attempt meant.
    const inputFor = (id: string, receivedAt: number): IncidentWorkflowInput => ({
      incident: {
        id,
        title: body.title,
        summary: body.summary,
        level,
        reporter: body.reporter,
        discoveredAt: body.discoveredAt ? Date.parse(body.discoveredAt) : receivedAt,
        ...(body.occurredAt ? { occurredAt: Date.parse(body.occurredAt) } : {}),
        ...(body.metrics ? { metrics: body.metrics } : {}),
        ...(body.source ? { source: body.source } : {}),
        ...(body.flags?.length ? { flags: body.flags } : {}),
      },
      plan: withOfficialCalendar(plan),
      ...(searchAttributes ? { searchAttributes: true } : {}),
    });

    if (!idempotency) {
      const id = randomUUID();
      await start(inputFor(id, Date.now()), plan);
      return { status: 201, answer: answerFor(id) };
    }

    const hash = requestHash(body);
    const id = randomUUID();
    const reserved = await reserveIdempotencyKey(prisma, {
      key: `${idempotency.caller} ${idempotency.key}`,
      requestHash: hash,
      incidentId: id,
      response: answerFor(id),
    });
    if (reserved.requestHash !== hash) {
      throw new HttpError(
        409,
        'idempotency-key-reused',
        `Idempotency-Key "${idempotency.key}" was used for another request body (incident ${reserved.incidentId})`,
        [{ path: 'Idempotency-Key', issue: 'already used with a different body; use a new key' }],
      );
    }
    // A repeat may follow a stop between reserving and starting: start again unless the incident has
    // evidently run (its projection is written by the workflow, which may since have been deleted).
    if (reserved.fresh || (await storedPlanId(prisma, reserved.incidentId)) === null) {
      await start(inputFor(reserved.incidentId, reserved.createdAt.getTime()), plan);
    }
    return { status: reserved.fresh ? 201 : 200, answer: reserved.response as IncidentStarted };
  };
}
