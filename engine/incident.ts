import { advance } from './activation';
import { suggestLevel } from './levels';
import { record } from './timeline';
import type {
  EpochMs,
  IncidentFacts,
  IncidentState,
  NotificationRequest,
  Plan,
  StepState,
} from '../domain/incident';

export { advance } from './activation';
export { isBreached, nextDueAt, recordBreaches } from './breaches';
export { recentVerdict, rememberVerdict, RECENT_UPDATES_KEPT } from './recent-updates';
export { changeLevel, suggestLevel } from './levels';
export { setFlag } from './flags';
export { noticeStillDue } from './notices';
export { currentOwner } from '../domain/plan-reading';
export { forgetStored, lastSeq, record } from './timeline';
export type { NotificationRequest } from '../domain/incident';

export function openIncident(
  incident: IncidentFacts,
  plan: Plan,
  now: EpochMs,
  options: { ownerNotices?: boolean; correctness?: boolean; stepwise?: boolean } = {},
): { state: IncidentState; notifications: NotificationRequest[] } {
  const state: IncidentState = {
    incident,
    planId: plan.id,
    planVersion: plan.version,
    level: incident.level,
    leadRole: plan.leadRole[incident.level] ?? plan.roles[0]!.id,
    status: 'open',
    metrics: { ...incident.metrics },
    steps: Object.fromEntries(
      plan.steps.map((s): [string, StepState] => [s.id, { id: s.id, status: 'waiting', breaches: [] }]),
    ),
    milestones: {},
    ...(incident.flags?.length ? { flags: Object.fromEntries(incident.flags.map((f) => [f, now])) } : {}),
    timeline: [],
    ...(options.ownerNotices ? { ownerNotices: true as const } : {}),
    ...(options.correctness ? { correctness: true as const } : {}),
    ...(options.stepwise ? { stepwise: true as const } : {}),
  };
  record(state, now, {
    type: 'incident-opened',
    actor: incident.reporter,
    data: {
      level: incident.level,
      suggestedLevel: suggestLevel(plan, state.metrics) ?? null,
      planId: plan.id,
      planVersion: plan.version,
      title: incident.title,
      ...(incident.flags?.length ? { flags: incident.flags } : {}),
    },
  });
  return { state, notifications: advance(state, plan, now) };
}
