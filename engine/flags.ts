import type { EpochMs, IncidentState, NotificationRequest, Plan } from '../domain/incident';
import { advance, reviveApplicable } from './activation';
import { record } from './timeline';

/**
 * Marks a circumstance besides the level (P3: a serious work-safety accident) on the incident: the steps
 * that apply only when it holds start now, their deadlines counted from now (not from discovery).
 */
export function setFlag(
  state: IncidentState,
  plan: Plan,
  flag: string,
  by: string,
  note: string | undefined,
  now: EpochMs,
): NotificationRequest[] {
  state.flags = { ...state.flags, [flag]: now };
  // The flag's name travels with the event: the timeline and the review read it without the plan.
  const name = plan.flags.find((f) => f.id === flag)?.name;
  record(state, now, { type: 'flag-set', actor: by, data: { flag, name, ...(note ? { note } : {}) } });
  reviveApplicable(state, plan, now);
  return advance(state, plan, now);
}
