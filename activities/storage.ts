import type { PrismaClient } from '@prisma/client';
import type { TimelineEvent } from '../workflows/engine/types';
import type { IncidentView } from '../workflows/messages';

export interface ProgressRecord {
  workflowId: string;
  incident: IncidentView;
  /** New timeline events, in sequence order. */
  events: TimelineEvent[];
}

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
    lastSeq: view.lastSeq,
  };
}

export function createStorageActivities(prisma: PrismaClient) {
  return {
    /**
     * Stores the incident projection and new timeline events in one transaction. Idempotent: events are
     * keyed by (incident, seq) and a projection older than the stored one never overwrites it, so a retried
     * or replayed activity leaves exactly one copy of each effect.
     */
    async recordProgress({ workflowId, incident, events }: ProgressRecord): Promise<void> {
      const id = incident.incident.id;
      const row = incidentRow(incident);
      await prisma.$transaction(async (tx) => {
        await tx.incident.upsert({ where: { id }, create: { id, workflowId, ...row }, update: {} });
        await tx.incident.updateMany({ where: { id, lastSeq: { lte: row.lastSeq } }, data: row });
        for (const e of events) {
          await tx.timelineEvent.upsert({
            where: { incidentId_seq: { incidentId: id, seq: e.seq } },
            create: {
              incidentId: id,
              seq: e.seq,
              at: new Date(e.at),
              type: e.type,
              stepId: e.stepId ?? null,
              actor: e.actor ?? null,
              data: JSON.stringify(e.data),
            },
            update: {},
          });
        }
      });
    },
  };
}

export type StorageActivities = ReturnType<typeof createStorageActivities>;
