import { Prisma, type PrismaClient } from '@prisma/client';
import { insertStatements, takeExcluded } from './insert-rows';

// The projection write each workflow task waits for: the incident row and its new timeline events and
// approval decisions, in one transaction of at most four statements (storage/insert-rows.ts says why
// raw). Idempotent, so a retried or replayed activity leaves exactly one copy of each effect.

export type IncidentRow = Omit<Prisma.IncidentCreateManyInput, 'createdAt' | 'updatedAt'> & { id: string };
export type TimelineRow = Prisma.TimelineEventCreateManyInput;
export type ApprovalRow = Prisma.ApprovalCreateManyInput;

/** What a newer snapshot replaces: everything but the keys and the time the incident was first stored. */
const REPLACED = [
  'planId',
  'planVersion',
  'title',
  'summary',
  'level',
  'leadRole',
  'status',
  'breached',
  'reporter',
  'discoveredAt',
  'sourcePlatform',
  'sourceUrl',
  'lastSeq',
  'urgentAt',
  'openSteps',
  'updatedAt',
] as const;
/** Every column of an incident row, in the order the INSERTs here (and the benchmark's seed) name them. */
export const INCIDENT_COLUMNS = ['id', 'workflowId', 'createdAt', ...REPLACED] as const;
const TIMELINE_COLUMNS = ['incidentId', 'seq', 'at', 'type', 'stepId', 'actor', 'data'] as const;
const APPROVAL_COLUMNS = [
  'incidentId',
  'seq',
  'stepId',
  'stage',
  'role',
  'actor',
  'decision',
  'comment',
  'at',
] as const;

/**
 * Stores the incident and its new events. Events and decisions are keyed by (incident, seq), one row
 * each; the incident row takes a snapshot only if it is not older than the stored one, so a late retry
 * of an older write never overwrites a newer projection.
 *
 * An event row takes the latest write for its seq. The write runs as a local activity, before its
 * workflow task is committed. If the worker dies before the commit, the task is run again, and inputs
 * that arrived meanwhile may come first, so the same seq can then name a different event. Keeping the
 * first write kept the lost task's events, and the real ones were lost: the durability test caught it,
 * with an approval missing and two notices stored twice. A retry of a committed write carries the same
 * events, so taking the latest write changes nothing for it.
 */
export async function storeProgress(
  prisma: PrismaClient,
  incident: IncidentRow,
  events: readonly TimelineRow[],
  approvals: readonly ApprovalRow[],
): Promise<void> {
  const now = new Date();
  const statements = [
    ...insertStatements(
      'Incident',
      INCIDENT_COLUMNS,
      [{ ...incident, createdAt: now, updatedAt: now }],
      Prisma.sql`ON CONFLICT ("id") DO UPDATE SET ${takeExcluded(REPLACED)}
        WHERE "Incident"."lastSeq" <= excluded."lastSeq"`,
    ),
    ...insertStatements(
      'TimelineEvent',
      TIMELINE_COLUMNS,
      events,
      Prisma.sql`ON CONFLICT ("incidentId", "seq") DO UPDATE SET ${takeExcluded(TIMELINE_COLUMNS.slice(2))}`,
    ),
    // A decision the lost run stored under a seq that is another kind of event now is no decision.
    ...(events.length === 0
      ? []
      : [
          Prisma.sql`DELETE FROM "Approval" WHERE "incidentId" = ${incident.id}
            AND "seq" IN (${Prisma.join(events.map((e) => e.seq))})
            ${approvals.length === 0 ? Prisma.empty : Prisma.sql`AND "seq" NOT IN (${Prisma.join(approvals.map((a) => a.seq))})`}`,
        ]),
    ...insertStatements(
      'Approval',
      APPROVAL_COLUMNS,
      approvals,
      Prisma.sql`ON CONFLICT ("incidentId", "seq") DO UPDATE SET ${takeExcluded(APPROVAL_COLUMNS.slice(2))}`,
    ),
  ];
  await prisma.$transaction(statements.map((s) => prisma.$executeRaw(s)));
}
