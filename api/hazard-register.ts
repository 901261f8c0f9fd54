import { randomUUID } from 'node:crypto';
import type { Hazard } from '@prisma/client';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  hazardRolesOf,
  hazardWorkflowId,
  reminderAt,
  type HazardView,
  type HazardWorkflowInput,
} from '../domain/hazard';
import type { Refusal } from '../domain/refusal';
import { beijingTime } from '../domain/words';
import { getHazardRow, listHazards, OPEN_HAZARD_STATUSES } from '../storage/hazards';
import { hazardWorkflow } from '../workflows';
import { escalateHazardUpdate, getHazardQuery, resolveHazardUpdate } from '../workflows/hazard-messages';
import { INPUT_REFUSED } from '../workflows/messages';
import type { Principal } from './auth';
import { HttpError } from './errors';
import type {
  CreateHazardBody,
  HazardIncidentBody,
  HazardIncidentStarted,
  HazardSummary,
  ListHazardsQuery,
  ResolveHazardBody,
} from './hazard-schemas';
import { createIntake, type IntakeDeps } from './intake';

// P4's hazard register as a service the JSON API and the office's pages share: report an entry (its
// workflow starts), list entries from the projection, resolve one, and turn one that broke out into an
// incident through the same intake as POST /api/incidents.

export type HazardRegisterDeps = IntakeDeps;

const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const isoMs = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export function summaryOfRow(row: Hazard, now: number): HazardSummary {
  return {
    id: row.id,
    workflowId: row.workflowId,
    planId: row.planId,
    section: row.section,
    hazard: row.hazard,
    offlineMeasure: row.offlineMeasure,
    onlineMeasure: row.onlineMeasure,
    resolveBy: row.resolveBy.toISOString(),
    remindAt: row.remindAt.toISOString(),
    reportedBy: row.reportedBy,
    reportedAt: row.reportedAt.toISOString(),
    status: row.status as HazardSummary['status'],
    overdue: row.status === 'overdue' || (row.status === 'open' && row.resolveBy.getTime() < now),
    remindedAt: iso(row.remindedAt),
    breachedAt: iso(row.breachedAt),
    resolvedAt: iso(row.resolvedAt),
    resolvedBy: row.resolvedBy,
    resolution: row.resolution,
    incidentId: row.incidentId,
  };
}

export function summaryOfView(view: HazardView, now: number): HazardSummary {
  const { entry } = view;
  return {
    id: entry.id,
    workflowId: hazardWorkflowId(entry.id),
    planId: entry.planId,
    section: entry.section,
    hazard: entry.hazard,
    offlineMeasure: entry.offlineMeasure,
    onlineMeasure: entry.onlineMeasure,
    resolveBy: new Date(entry.resolveBy).toISOString(),
    remindAt: new Date(view.remindAt).toISOString(),
    reportedBy: entry.reportedBy,
    reportedAt: new Date(entry.reportedAt).toISOString(),
    status: view.status,
    overdue: view.status === 'overdue' || (view.status === 'open' && entry.resolveBy < now),
    remindedAt: isoMs(view.remindedAt),
    breachedAt: isoMs(view.breachedAt),
    resolvedAt: isoMs(view.resolvedAt),
    resolvedBy: view.resolvedBy ?? null,
    resolution: view.resolution ?? null,
    incidentId: view.incidentId ?? null,
  };
}

/** Who acts: an operator key names the person in `field`; a person's key is that person. */
export function actingPerson(principal: Principal, named: string | undefined, field: string): string {
  if (principal.kind === 'operator') {
    if (named === undefined) {
      const issue = 'required with an operator key: the id of the person who acts';
      throw new HttpError(400, 'invalid-request', `invalid request body: ${field}: ${issue}`, [
        { path: field, issue },
      ]);
    }
    return named;
  }
  if (named !== undefined && named !== principal.personId) {
    throw new HttpError(403, 'actor-mismatch', `this key acts as ${principal.personId}, not as ${named}`, [
      { path: field, issue: `must be ${principal.personId} (the key's owner) or left out` },
    ]);
  }
  return principal.personId;
}

/** The words the refused input gets: a closed entry says how it closed. */
function closedAnswer(row: Pick<Hazard, 'status' | 'resolvedBy' | 'incidentId'>, cause?: unknown): HttpError {
  const how =
    row.status === 'resolved'
      ? `the hazard was resolved by ${row.resolvedBy ?? '?'}`
      : `the hazard became incident ${row.incidentId ?? '?'}`;
  return new HttpError(409, 'hazard-closed', how, [], { cause });
}

export function createHazardRegister(deps: HazardRegisterDeps) {
  const { client, catalog, prisma, taskQueue } = deps;
  const intake = createIntake(deps);
  const handleOf = (id: string) => client.workflow.getHandle<typeof hazardWorkflow>(hazardWorkflowId(id));

  /** The workflow's refusal, or an entry whose workflow has ended (or never was), as the API answers it. */
  async function failure(err: unknown, id: string): Promise<unknown> {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      if (err.cause.type === INPUT_REFUSED) {
        const refusal = err.cause.details?.[0] as Refusal | undefined;
        return new HttpError(409, refusal?.code ?? 'refused', err.cause.message, [], { cause: err });
      }
    }
    if (err instanceof WorkflowNotFoundError) {
      // The server answers NOT_FOUND for an ended workflow too: the stored row tells them apart.
      const row = await getHazardRow(prisma, id);
      if (row && (row.status === 'resolved' || row.status === 'became-incident'))
        return closedAnswer(row, err);
      return new HttpError(404, 'not-found', `no open hazard entry ${id}`, [], { cause: err });
    }
    return err;
  }

  return {
    /** Starts the entry's workflow; the answer is the entry as it starts (the projection follows). */
    async report(body: CreateHazardBody, reporter: string): Promise<HazardSummary> {
      const plan = catalog.get(body.planId);
      const roles = plan ? hazardRolesOf(plan) : `unknown plan "${body.planId}"`;
      if (typeof roles === 'string') {
        throw new HttpError(400, 'invalid-request', `invalid hazard entry: planId: ${roles}`, [
          { path: 'planId', issue: roles },
        ]);
      }
      const reportedAt = Date.now();
      const id = randomUUID();
      const input: HazardWorkflowInput = {
        entry: {
          id,
          planId: body.planId,
          section: body.section,
          hazard: body.hazard,
          offlineMeasure: body.offlineMeasure,
          onlineMeasure: body.onlineMeasure,
          resolveBy: Date.parse(body.resolveBy),
          reportedBy: reporter,
          reportedAt,
        },
        roles,
      };
      await client.workflow.start(hazardWorkflow, {
        taskQueue,
        workflowId: hazardWorkflowId(id),
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [input],
        memo: { section: body.section, hazard: body.hazard.slice(0, 200) },
      });
      return summaryOfView(
        {
          entry: input.entry,
          roles,
          status: 'open',
          remindAt: reminderAt(reportedAt, input.entry.resolveBy),
          notices: [],
          version: 1,
        },
        reportedAt,
      );
    },

    async list(query: ListHazardsQuery): Promise<HazardSummary[]> {
      const status =
        query.status === undefined
          ? undefined
          : query.status === 'active'
            ? OPEN_HAZARD_STATUSES
            : [query.status];
      const rows = await listHazards(prisma, { status, planId: query.planId }, query.limit);
      const now = Date.now();
      return rows.map((r) => summaryOfRow(r, now));
    },

    async resolve(id: string, body: ResolveHazardBody, by: string): Promise<HazardSummary> {
      try {
        const view = await handleOf(id).executeUpdate(resolveHazardUpdate, {
          args: [{ by, ...(body.note ? { note: body.note } : {}) }],
        });
        return summaryOfView(view, Date.now());
      } catch (err) {
        throw await failure(err, id);
      }
    },

    /**
     * The hazard broke out: an incident starts from the entry through intake, under an Idempotency-Key
     * of the entry's own, so a retry after a failure between the two steps finds the same incident; then
     * the entry records it and closes as became-incident.
     */
    async toIncident(id: string, body: HazardIncidentBody, by: string): Promise<HazardIncidentStarted> {
      let current: HazardView;
      try {
        current = await handleOf(id).query(getHazardQuery);
      } catch (err) {
        throw await failure(err, id);
      }
      if (current.status === 'resolved' || current.status === 'became-incident') {
        throw closedAnswer({
          status: current.status,
          resolvedBy: current.resolvedBy ?? null,
          incidentId: current.incidentId ?? null,
        });
      }
      const { entry } = current;
      const now = Date.now();
      const started = await intake(
        {
          planId: entry.planId,
          title: body.title ?? `${entry.section}：${entry.hazard}`.slice(0, 500),
          summary: [
            `由网络舆情隐患排查表转为事件 · From the hazard register (${entry.id})`,
            `科室：${entry.section}`,
            `舆情隐患内容：${entry.hazard}`,
            `线下处置措施：${entry.offlineMeasure}`,
            `线上管控措施及引导口径：${entry.onlineMeasure}`,
            `解决时限：${beijingTime(entry.resolveBy, now).zh}`,
          ].join('\n'),
          level: body.level,
          reporter: by,
        },
        { caller: 'hazard-register', key: `hazard-${id}` },
      );
      try {
        const view = await handleOf(id).executeUpdate(escalateHazardUpdate, {
          args: [{ by, incidentId: started.answer.id }],
        });
        return { hazard: summaryOfView(view, Date.now()), incident: started.answer };
      } catch (err) {
        throw await failure(err, id);
      }
    },
  };
}

export type HazardRegister = ReturnType<typeof createHazardRegister>;
