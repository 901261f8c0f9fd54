import { durationMs } from '../domain/duration';
import type {
  Breach,
  EpochMs,
  IncidentState,
  NotificationRequest,
  Plan,
  TimelineEvent,
} from '../domain/incident';
import { currentOwner, escalationChain, roleName, severity } from '../domain/plan-reading';
import {
  beijingTime,
  deadlineMissed,
  duration,
  followUpReport,
  overdue,
  promisedReply,
  type Words,
} from '../domain/words';
import { changeLevel } from './levels';
import { notification } from './notices';
import { record } from './timeline';

interface Deadline {
  dueAt?: EpochMs;
  breaches: Breach[];
}

const unbreached = (d: Deadline) => !d.breaches.some((b) => b.dueAt === d.dueAt);

/** The earliest deadline (step, follow-up or milestone) not yet recorded as breached. */
export function nextDueAt(state: IncidentState): EpochMs | undefined {
  let next: EpochMs | undefined;
  const open: Deadline[] = [
    ...Object.values(state.steps).filter((s) => s.status === 'open'),
    ...Object.values(state.milestones).filter((m) => m.status === 'open'),
  ];
  for (const d of open) {
    if (d.dueAt !== undefined && unbreached(d) && (next === undefined || d.dueAt < next)) next = d.dueAt;
  }
  return next;
}

export function isBreached(state: IncidentState): boolean {
  return (
    Object.values(state.steps).some((s) => s.breaches.length > 0) ||
    Object.values(state.milestones).some((m) => m.breaches.length > 0)
  );
}

/**
 * The lateness of work done at `now` against `dueAt`, as fields for its timeline event: `lateByMs` when
 * late, nothing when on time or on an incident from before patch 'engine-correctness'.
 */
export function lateFields(
  state: IncidentState,
  dueAt: EpochMs | undefined,
  now: EpochMs,
): { lateByMs?: number } {
  return state.correctness && dueAt !== undefined && now > dueAt ? { lateByMs: now - dueAt } : {};
}

function breachNotice(
  state: IncidentState,
  plan: Plan,
  what: Words,
  owner: string | undefined,
  breach: Breach,
  cause: TimelineEvent,
): NotificationRequest {
  const words = overdue(
    what,
    beijingTime(breach.dueAt, breach.recordedAt),
    duration(breach.lateByMs),
    breach.missedReports,
    owner === undefined ? undefined : roleName(plan, owner),
  );
  return notification(state, cause, breach.escalatedTo, words);
}

/**
 * Records a breach for every open deadline that has passed, once per deadline, and asks for the owner
 * and its reportsTo chain to be told; raises the level where the plan says so. The work stays open: a
 * deadline never blocks it.
 */
export function recordBreaches(state: IncidentState, plan: Plan, now: EpochMs): NotificationRequest[] {
  const out: NotificationRequest[] = [];
  for (const step of plan.steps) {
    const s = state.steps[step.id]!;
    if (s.status !== 'open' || s.dueAt === undefined || s.dueAt > now || !unbreached(s)) continue;
    const owner = currentOwner(step, s);
    const period =
      step.kind === 'monitor' && step.followUpEvery !== undefined
        ? durationMs(step.followUpEvery)
        : undefined;
    // After an outage a follow-up cadence has missed several slots: one breach says how many, and the
    // next report is due in the future, rather than a burst of one breach (and message) per slot.
    const missedReports =
      period !== undefined && state.correctness ? Math.floor((now - s.dueAt) / period) + 1 : undefined;
    const breach: Breach = {
      dueAt: s.dueAt,
      recordedAt: now,
      lateByMs: now - s.dueAt,
      escalatedTo: owner === undefined ? [state.leadRole] : escalationChain(plan, owner),
      ...(missedReports !== undefined ? { missedReports } : {}),
    };
    s.breaches.push(breach);
    const what = step.kind === 'monitor' ? followUpReport(step.title) : step.title;
    const event = record(state, now, { type: 'deadline-breached', stepId: step.id, data: { ...breach } });
    out.push(breachNotice(state, plan, what, owner, breach, event));
    // Follow-up reports keep their cadence: the next one is due a period after the one missed.
    if (period !== undefined) s.dueAt += period * (missedReports ?? 1);
    const raiseTo = step.kind === 'monitor' ? undefined : step.deadline?.raiseLevelTo;
    if (raiseTo !== undefined && severity(plan, raiseTo) < severity(plan, state.level)) {
      out.push(...changeLevel(state, plan, raiseTo, 'system', deadlineMissed(step.title), now));
    }
  }
  for (const m of Object.values(state.milestones)) {
    if (m.status !== 'open' || m.dueAt > now || !unbreached(m)) continue;
    const breach: Breach = {
      dueAt: m.dueAt,
      recordedAt: now,
      lateByMs: now - m.dueAt,
      escalatedTo: escalationChain(plan, m.owner),
    };
    m.breaches.push(breach);
    const event = record(state, now, { type: 'deadline-breached', data: { milestoneId: m.id, ...breach } });
    out.push(breachNotice(state, plan, promisedReply(m.title), m.owner, breach, event));
  }
  return out;
}
