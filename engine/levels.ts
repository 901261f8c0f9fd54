import { advance, reviveApplicable, skipStep } from './activation';
import { dueAtFor } from './deadlines';
import { applies, currentOwner, levelName, roleName, severity } from '../domain/plan-reading';
import { leadChanged, levelChanged } from '../domain/words';
import { deadlineNotice, notification, ownerNotice } from './notices';
import { record } from './timeline';
import type {
  EpochMs,
  IncidentState,
  Metrics,
  NotificationRequest,
  Plan,
  TimelineEvent,
} from '../domain/incident';

const METRICS = ['views24h', 'reposts', 'comments'] as const;

/**
 * The level the plan's thresholds give for these metrics: the most severe level with any metric
 * strictly above its threshold (P3: "超过1000次" — 1,000 views is not enough, 1,001 is), else the least
 * severe level. Undefined when the plan has no thresholds.
 */
export function suggestLevel(plan: Plan, metrics: Metrics): string | undefined {
  if (!plan.levels.some((l) => l.thresholds)) return undefined;
  for (const level of plan.levels) {
    const t = level.thresholds;
    if (!t) continue;
    if (METRICS.some((m) => t[m] !== undefined && (metrics[m] ?? 0) > t[m])) return level.id;
  }
  return plan.levels.at(-1)!.id;
}

/**
 * The deadlines of steps already open follow a level change, counted from the same anchor as before
 * (discovery, opening, another step's completion). Going up, the stricter of the old and the new
 * deadline holds (one already past is breached at once by the loop); going down, the new level's.
 * Follow-up cadences do not depend on the level.
 */
function resetOpenDeadlines(
  state: IncidentState,
  plan: Plan,
  from: string,
  now: EpochMs,
): NotificationRequest[] {
  const up = severity(plan, state.level) < severity(plan, from);
  const out: NotificationRequest[] = [];
  for (const step of plan.steps) {
    const s = state.steps[step.id]!;
    if (s.status !== 'open' || step.kind === 'monitor' || s.openedAt === undefined) continue;
    const atNewLevel = dueAtFor(plan, step, state, s.openedAt);
    const old = s.dueAt;
    const to = up && old !== undefined && (atNewLevel === undefined || old < atNewLevel) ? old : atNewLevel;
    if (to === old) continue;
    if (to === undefined) delete s.dueAt;
    else s.dueAt = to;
    const changed = record(state, now, {
      type: 'deadline-changed',
      stepId: step.id,
      data: { from: old ?? null, to: to ?? null, why: 'level-changed', level: { from, to: state.level } },
    });
    const notice = deadlineNotice(state, plan, step, old, changed);
    if (notice) out.push(notice);
  }
  return out;
}

/**
 * Open work whose owner depends on the level (P4's first spokesperson) passes to the new level's owner,
 * who is told; on plans without such owners nothing changes.
 */
function handedOver(
  state: IncidentState,
  plan: Plan,
  from: string,
  cause: TimelineEvent,
): NotificationRequest[] {
  return plan.steps.flatMap((step) => {
    const s = state.steps[step.id]!;
    if (s.status !== 'open' || currentOwner(step, s, from) === currentOwner(step, s, state.level)) return [];
    const notice = ownerNotice(state, plan, step, cause);
    return notice ? [notice] : [];
  });
}

/**
 * Moves the incident to another level: the lead role follows, open steps that no longer apply are
 * skipped (never dropped), open steps that still apply take the new level's deadline (patch
 * 'engine-correctness'), and steps that newly apply start now with deadlines counted from now.
 */
export function changeLevel(
  state: IncidentState,
  plan: Plan,
  to: string,
  by: string,
  reason: string,
  now: EpochMs,
): NotificationRequest[] {
  const from = state.level;
  state.level = to;
  state.leadRole = plan.leadRole[to] ?? state.leadRole;
  const event = record(state, now, {
    type: 'level-changed',
    actor: by,
    data: { from, to, reason, leadRole: state.leadRole },
  });
  for (const step of plan.steps) {
    if (state.steps[step.id]!.status === 'open' && !applies(step, to)) skipStep(state, step, now, 'level');
  }
  reviveApplicable(state, plan, now);
  const told = notification(
    state,
    event,
    [...new Set([state.leadRole, plan.leadRole[from] ?? state.leadRole])],
    levelChanged(levelName(plan, from), levelName(plan, to), reason),
  );
  const reset = state.correctness ? resetOpenDeadlines(state, plan, from, now) : [];
  return [told, ...reset, ...handedOver(state, plan, from, event), ...advance(state, plan, now)];
}

/**
 * Hands the response to another role apart from the level (P6: "县网信办可对牵头部门…进行调整"): the new
 * lead declares subsided, re-classifies and closes from now; both leads are told. A later level change
 * gives the lead back to the plan's choice for that level.
 */
export function changeLead(
  state: IncidentState,
  plan: Plan,
  to: string,
  by: string,
  reason: string,
  now: EpochMs,
): NotificationRequest[] {
  const from = state.leadRole;
  state.leadRole = to;
  const event = record(state, now, { type: 'lead-changed', actor: by, data: { from, to, reason } });
  const words = leadChanged(roleName(plan, from), roleName(plan, to), reason);
  return [notification(state, event, [to, from], words)];
}
