import type { PrismaClient, TimelineEvent } from '@prisma/client';
import type { IncidentStatus } from '../domain/incident-schema';

// How a plan fares across its incidents, from the projection alone (no workflow is asked, nothing is
// replayed): how many incidents at each level and status, and per step how long it takes to be done and
// how often its deadline is kept. Two reads, then plain counting in `planFigures`, which the unit tests
// prove on hand-made rows. The API puts the figures in plan order with the plan's names.

/** Incidents of the plan counted by what the list filters on. */
export interface IncidentCountRow {
  level: string;
  status: string;
  breached: boolean;
  count: number;
}

export type StepEventRow = Pick<TimelineEvent, 'incidentId' | 'seq' | 'type' | 'stepId' | 'at' | 'data'>;

export interface PlanStatsRows {
  incidents: IncidentCountRow[];
  /** The plan's step-opened, step-done and deadline-breached events, in no particular order. */
  events: StepEventRow[];
}

const STEP_EVENT_TYPES = ['step-opened', 'step-done', 'deadline-breached'];

/**
 * One grouped count over the plan's incidents and one read of their steps' openings, completions and
 * breaches, joined by the incident's planId. It reads the plan's whole history, which is fine at an
 * office's scale.
 */
export async function readPlanStatsRows(prisma: PrismaClient, planId: string): Promise<PlanStatsRows> {
  const [groups, events] = await Promise.all([
    prisma.incident.groupBy({
      by: ['level', 'status', 'breached'],
      where: { planId },
      _count: { _all: true },
    }),
    prisma.timelineEvent.findMany({
      // A milestone's breach names no step: it is a promise made during the incident, not a clause of the plan.
      where: { incident: { planId }, type: { in: STEP_EVENT_TYPES }, stepId: { not: null } },
      select: { incidentId: true, seq: true, type: true, stepId: true, at: true, data: true },
    }),
  ]);
  return {
    incidents: groups.map((g) => ({
      level: g.level,
      status: g.status,
      breached: g.breached,
      count: g._count._all,
    })),
    events,
  };
}

export interface StepFigures {
  /** Incidents in which the step opened. */
  opened: number;
  /** Incidents in which it was done (at least once: a step done and reopened counts as done). */
  done: number;
  timeToDoneMs: { median: number | null; p90: number | null };
  deadlines: {
    met: number;
    breached: number;
    /** Due, not done and not breached: still running, or left when the incident closed. */
    pending: number;
    /** met / (met + breached); null when no deadline was decided either way. */
    shareMet: number | null;
  };
}

export interface PlanFigures {
  incidents: {
    total: number;
    byLevel: Map<string, number>;
    byStatus: Record<IncidentStatus, number>;
    breached: number;
  };
  /** By step id; a step absent here never opened (NO_STEP_FIGURES). */
  steps: Map<string, StepFigures>;
}

export const NO_STEP_FIGURES: StepFigures = {
  opened: 0,
  done: 0,
  timeToDoneMs: { median: null, p90: null },
  deadlines: { met: 0, breached: 0, pending: 0, shareMet: null },
};

/**
 * The nearest-rank percentile: the value at rank ⌈p·n/100⌉ of the sorted values, so always a time some
 * step really took, never an interpolation between two; the median of an even count is the lower middle.
 * null for no values. `p` is a whole percentage, which keeps p·n exact.
 */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[rank - 1] ?? null;
}

/** One step in one incident, as its events tell it. */
interface StepRun {
  firstOpened?: { seq: number; at: number };
  lastDone?: { seq: number; at: number };
  due: boolean;
  breached: boolean;
}

function dueAtOf(data: string): unknown {
  const parsed: unknown = JSON.parse(data);
  return typeof parsed === 'object' && parsed !== null ? (parsed as { dueAt?: unknown }).dueAt : undefined;
}

/** Step id → incident id → that step's run in that incident. */
type Runs = Map<string, Map<string, StepRun>>;

function runOf(byStep: Runs, stepId: string, incidentId: string): StepRun {
  const runs = byStep.get(stepId) ?? new Map<string, StepRun>();
  byStep.set(stepId, runs);
  const run = runs.get(incidentId) ?? { due: false, breached: false };
  runs.set(incidentId, run);
  return run;
}

function runsByStep(events: readonly StepEventRow[]): Runs {
  const byStep: Runs = new Map();
  for (const e of events) {
    if (e.stepId === null) continue;
    const run = runOf(byStep, e.stepId, e.incidentId);
    const at = { seq: e.seq, at: e.at.getTime() };
    if (e.type === 'step-opened') {
      if (!run.firstOpened || e.seq < run.firstOpened.seq) run.firstOpened = at;
      if (typeof dueAtOf(e.data) === 'number') run.due = true;
    } else if (e.type === 'step-done') {
      if (!run.lastDone || e.seq > run.lastDone.seq) run.lastDone = at;
    } else if (e.type === 'deadline-breached') {
      // Any breach, a monitor's missed follow-up report too, means the step's deadline was not kept.
      run.breached = true;
    }
  }
  return byStep;
}

function stepFigures(runs: Iterable<StepRun>): StepFigures {
  const times: number[] = [];
  const figures = structuredClone(NO_STEP_FIGURES);
  for (const run of runs) {
    if (run.firstOpened) figures.opened += 1;
    if (run.lastDone) figures.done += 1;
    // From the first opening to the last completion: a step sent back (an approval's rejection, a
    // relapse) and done again took the whole span, rework included, to be done for good.
    if (run.firstOpened && run.lastDone) times.push(run.lastDone.at - run.firstOpened.at);
    // A breach implies a due time even where no opening carried one (a deadline set by a level change).
    if (run.breached) figures.deadlines.breached += 1;
    else if (run.due && run.lastDone) figures.deadlines.met += 1;
    else if (run.due) figures.deadlines.pending += 1;
  }
  const { met, breached } = figures.deadlines;
  figures.deadlines.shareMet = met + breached === 0 ? null : met / (met + breached);
  figures.timeToDoneMs = { median: nearestRank(times, 50), p90: nearestRank(times, 90) };
  return figures;
}

/** The plan's figures from its rows; pure, so the unit tests feed it rows made by hand. */
export function planFigures(rows: PlanStatsRows): PlanFigures {
  const incidents: PlanFigures['incidents'] = {
    total: 0,
    byLevel: new Map(),
    byStatus: { open: 0, aftercare: 0, closed: 0 },
    breached: 0,
  };
  for (const row of rows.incidents) {
    incidents.total += row.count;
    incidents.byLevel.set(row.level, (incidents.byLevel.get(row.level) ?? 0) + row.count);
    if (Object.hasOwn(incidents.byStatus, row.status))
      incidents.byStatus[row.status as IncidentStatus] += row.count;
    if (row.breached) incidents.breached += row.count;
  }
  const steps = new Map<string, StepFigures>();
  for (const [stepId, runs] of runsByStep(rows.events)) steps.set(stepId, stepFigures(runs.values()));
  return { incidents, steps };
}
