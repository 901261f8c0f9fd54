import type { EpochMs, IncidentState, Plan } from '../../domain/incident';
import { skipStep } from '../../engine/activation';
import { record } from '../../engine/timeline';
import { activeCheck, leadCheck } from '../checks';
import type { CloseInput } from './contract';

export function validate(state: IncidentState, plan: Plan, input: CloseInput) {
  return activeCheck(state, plan, input.actor) ?? leadCheck(state, input.actor, 'close the incident');
}

/** Closing early (a false alarm, a merged incident): what is left is skipped, with the reason on record. */
export function apply(state: IncidentState, plan: Plan, input: CloseInput, now: EpochMs) {
  for (const step of plan.steps) {
    const s = state.steps[step.id]!;
    if (s.status === 'waiting' || s.status === 'open') skipStep(state, step, now, 'closed');
  }
  state.status = 'closed';
  record(state, now, { type: 'incident-closed', actor: input.actor.id, data: { reason: input.reason } });
  return [];
}
