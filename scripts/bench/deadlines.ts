import type { PrismaClient } from '@prisma/client';
import { durationMs } from '../../domain/duration';
import { loadCatalog } from '../../plans/catalog';
import { P1_REPORT, startIncident } from './api';
import type { BenchStack } from './stack';

// Incidents whose first deadline falls when the benchmark wants it, and what the projection holds of them
// (the incident once the worker opened it, the breach once it recorded it). P1's first step, report-facts,
// is due a fixed time after discovery, and intake takes a discovery time in the past, so a chosen due time
// is a chosen discoveredAt.

const FIRST_STEP = 'report-facts';

/** How long after discovery P1's first step is due, read from the plan rather than restated. */
function firstStepWithinMs(): number {
  const deadline = loadCatalog()
    .get(P1_REPORT.planId)
    ?.steps.find((s) => s.id === FIRST_STEP)?.deadline;
  // One span for every level, counted from discovery: what the due times chosen here rely on.
  if (deadline?.from !== 'discovery' || typeof deadline.within !== 'string') {
    throw new Error(`plan ${P1_REPORT.planId}: ${FIRST_STEP} is no longer due a fixed span after discovery`);
  }
  return durationMs(deadline.within);
}

/** A starter of P1 incidents over the API, each with its report-facts step due at the given epoch ms. */
export function incidentsDueAt(stack: BenchStack): (dueAt: number) => Promise<string> {
  const within = firstStepWithinMs();
  return (dueAt) => startIncident(stack, { discoveredAt: new Date(dueAt - within).toISOString() });
}

export interface StoredBreach {
  incidentId: string;
  dueAt: number;
  /** The workflow's clock when it recorded the breach: recordedAt − dueAt is how late it saw it. */
  recordedAt: number;
}

/** The report-facts breaches stored in the projection for `incidents` (one per incident: it is due once). */
export async function storedBreaches(
  prisma: PrismaClient,
  incidents: ReadonlySet<string>,
): Promise<StoredBreach[]> {
  const rows = await prisma.timelineEvent.findMany({
    where: { type: 'deadline-breached', stepId: FIRST_STEP },
    select: { incidentId: true, data: true },
  });
  return rows
    .filter((r) => incidents.has(r.incidentId))
    .map((r) => {
      const data = JSON.parse(r.data) as { dueAt: number; recordedAt: number };
      return { incidentId: r.incidentId, dueAt: data.dueAt, recordedAt: data.recordedAt };
    });
}

/** How many of `incidents` the projection holds: the worker stores an incident once it has opened it. */
export async function storedIncidents(prisma: PrismaClient, incidents: ReadonlySet<string>): Promise<number> {
  // Read whole and filtered here: a list of thousands of ids exceeds SQLite's limit on query parameters.
  const rows = await prisma.incident.findMany({ select: { id: true } });
  return rows.filter((r) => incidents.has(r.id)).length;
}

/**
 * Waits until the worker has opened (stored) every one of `incidents`, at most `giveUpMs`: how many it
 * opened, and the ms the wait took. A figure that started incidents leaves the next one a worker without
 * a backlog.
 */
export async function untilOpened(
  prisma: PrismaClient,
  incidents: ReadonlySet<string>,
  giveUpMs: number,
): Promise<{ opened: number; ms: number }> {
  const start = performance.now();
  let opened = await storedIncidents(prisma, incidents);
  while (opened < incidents.size && performance.now() - start < giveUpMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    opened = await storedIncidents(prisma, incidents);
  }
  return { opened, ms: performance.now() - start };
}
