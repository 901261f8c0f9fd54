import type { StoredIncident } from '../storage/incident-list';

/**
 * An incident from the projection, for when its workflow is gone: shaped like the live state (times as
 * epoch milliseconds, the intake facts under `incident`) so a client reads both the same way.
 */
export function projectionView(row: StoredIncident) {
  return {
    incident: {
      id: row.id,
      title: row.title,
      summary: row.summary,
      reporter: row.reporter,
      discoveredAt: row.discoveredAt.getTime(),
      ...(row.sourcePlatform === null
        ? {}
        : {
            source: {
              platform: row.sourcePlatform,
              ...(row.sourceUrl === null ? {} : { url: row.sourceUrl }),
            },
          }),
    },
    workflowId: row.workflowId,
    planId: row.planId,
    planVersion: row.planVersion,
    level: row.level,
    leadRole: row.leadRole,
    status: row.status,
    breached: row.breached,
    lastSeq: row.lastSeq,
    updatedAt: row.updatedAt.getTime(),
    timeline: row.timeline.map((e) => ({
      seq: e.seq,
      at: e.at.getTime(),
      type: e.type,
      ...(e.stepId === null ? {} : { stepId: e.stepId }),
      ...(e.actor === null ? {} : { actor: e.actor }),
      data: JSON.parse(e.data) as unknown,
    })),
    source: 'projection' as const,
  };
}
