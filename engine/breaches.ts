import { durationMs } from '../domain/duration';
import type {
  Breach,
  EpochMs,
  Escalation,
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
  escalation?: Escalation;
}

/** How long a missed deadline waits before it is taken one role further up, unless the plan says. */
export const DEFAULT_ESCALATION_EVERY = 'PT30M';

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
    const hop = d.escalation?.nextAt;
    if (hop !== undefined && (next === undefined || hop < next)) next = hop;
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
 * Whom a breach tells. Before patch 'stepwise-escalation', the owner and its whole reportsTo chain at
 * once. Since, the owner and its immediate superior, with the rest of the chain told one role at a time
 * while the work stays undone (escalateDue); a deadline missed again while it climbs (a follow-up report
 * missed twice) tells those already told and keeps climbing.
 */
function breachRecipients(
  state: IncidentState,
  plan: Plan,
  d: Deadline,
  owner: string | undefined,
  dueAt: EpochMs,
): string[] {
  const chain = owner === undefined ? [state.leadRole] : escalationChain(plan, owner);
  if (!state.stepwise) return chain;
  if (d.escalation) return d.escalation.chain.slice(0, d.escalation.reached);
  const reached = Math.min(2, chain.length);
  const every = durationMs(plan.escalation?.every ?? DEFAULT_ESCALATION_EVERY);
  d.escalation = { chain, reached, ...(reached < chain.length ? { nextAt: dueAt + every } : {}) };
  return chain.slice(0, reached);
}

/**
 * Takes each missed deadline still open one role further up its chain for every interval passed since
 * (patch 'stepwise-escalation'), each hop on the timeline and told to that role alone.
 */
function escalateDue(state: IncidentState, plan: Plan, now: EpochMs): NotificationRequest[] {
  const out: NotificationRequest[] = [];
  const every = durationMs(plan.escalation?.every ?? DEFAULT_ESCALATION_EVERY);
  const climb = (d: Deadline, what: Words, owner: string | undefined, where: Partial<TimelineEvent>) => {
    const e = d.escalation;
    const breach = d.breaches.at(-1);
    while (e?.nextAt !== undefined && e.nextAt <= now && breach) {
      const role = e.chain[e.reached]!;
      e.reached += 1;
      if (e.reached < e.chain.length) e.nextAt += every;
      else delete e.nextAt;
      const hop = { ...breach, recordedAt: now, lateByMs: now - breach.dueAt, escalatedTo: [role] };
      const event = record(state, now, {
        type: 'escalated',
        ...where,
        data: { ...(where.data ?? {}), role, hop: e.reached, dueAt: breach.dueAt },
      });
      out.push(breachNotice(state, plan, what, owner, hop, event));
    }
  };
  for (const step of plan.steps) {
    const s = state.steps[step.id]!;
    if (s.status !== 'open' || !s.escalation) continue;
    const what = step.kind === 'monitor' ? followUpReport(step.title) : step.title;
    climb(s, what, currentOwner(step, s, state.level), { stepId: step.id });
  }
  for (const m of Object.values(state.milestones)) {
    if (m.status !== 'open' || !m.escalation) continue;
    climb(m, promisedReply(m.title), m.owner, { data: { milestoneId: m.id } });
  }
  return out;
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
    const owner = currentOwner(step, s, state.level);
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
      escalatedTo: breachRecipients(state, plan, s, owner, s.dueAt),
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
      escalatedTo: breachRecipients(state, plan, m, m.owner, m.dueAt),
    };
    m.breaches.push(breach);
    const event = record(state, now, { type: 'deadline-breached', data: { milestoneId: m.id, ...breach } });
    out.push(breachNotice(state, plan, promisedReply(m.title), m.owner, breach, event));
  }
  return [...out, ...escalateDue(state, plan, now)];
}
