import type { PrismaClient } from '@prisma/client';
import type { TimelineEvent } from '../domain/incident';
import type { IncidentView } from '../domain/incident';
import { storeProgress } from '../storage/progress';

export interface ProgressRecord {
  workflowId: string;
  incident: IncidentView;
  /** New timeline events, in sequence order. */
  events: TimelineEvent[];
}

/** The earliest due time of anything open, breached or not: what the board sorts by and counts down to. */
function urgentAt(view: IncidentView): Date | null {
  const open = [
    ...Object.values(view.steps).filter((s) => s.status === 'open'),
    ...Object.values(view.milestones).filter((m) => m.status === 'open'),
  ];
  const due = open.flatMap((d) => (d.dueAt === undefined ? [] : [d.dueAt]));
  return view.status === 'closed' || due.length === 0 ? null : new Date(Math.min(...due));
}

const openSteps = (view: IncidentView) => {
  const ids = Object.values(view.steps)
    .filter((s) => s.status === 'open')
    .map((s) => s.id);
  return ids.length === 0 ? '' : `,${ids.join(',')},`;
};

function incidentRow(view: IncidentView) {
  return {
    planId: view.planId,
    planVersion: view.planVersion,
    title: view.incident.title,
    summary: view.incident.summary,
    level: view.level,
    leadRole: view.leadRole,
    status: view.status,
    breached: view.breached,
    reporter: view.incident.reporter,
    discoveredAt: new Date(view.incident.discoveredAt),
    sourcePlatform: view.incident.source?.platform ?? null,
    sourceUrl: view.incident.source?.url ?? null,
    lastSeq: view.lastSeq,
    urgentAt: urgentAt(view),
    openSteps: openSteps(view),
  };
}

/** The approvals table is the timeline's decisions, one row each, for the review and approvers' history. */
function approvalRow(incidentId: string, e: TimelineEvent, stepId: string) {
  const data = e.data as { role?: unknown; decision?: unknown; comment?: unknown; stage?: unknown };
  return {
    incidentId,
    seq: e.seq,
    stepId,
    stage: typeof data.stage === 'number' ? data.stage : 0,
    role: typeof data.role === 'string' ? data.role : '',
    actor: e.actor ?? '',
    decision: typeof data.decision === 'string' ? data.decision : '',
    comment: typeof data.comment === 'string' ? data.comment : null,
    at: new Date(e.at),
  };
}

export function createStorageActivities(prisma: PrismaClient) {
  return {
    /**
     * Stores the incident projection and new timeline events in one transaction. Idempotent: events are
     * keyed by (incident, seq), each taking the latest write (storage/progress.ts says why), and a
     * projection older than the stored one never overwrites it, so a retried or replayed activity leaves
     * exactly one copy of each effect.
     */
    async recordProgress({ workflowId, incident, events }: ProgressRecord): Promise<void> {
      const id = incident.incident.id;
      await storeProgress(
        prisma,
        { id, workflowId, ...incidentRow(incident) },
        events.map((e) => ({
          incidentId: id,
          seq: e.seq,
          at: new Date(e.at),
          type: e.type,
          stepId: e.stepId ?? null,
          actor: e.actor ?? null,
          data: JSON.stringify(e.data),
        })),
        events.flatMap((e) =>
          e.type === 'approval-decided' && e.stepId !== undefined ? [approvalRow(id, e, e.stepId)] : [],
        ),
      );
    },
  };
}

export type StorageActivities = ReturnType<typeof createStorageActivities>;
