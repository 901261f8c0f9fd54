import type { EpochMs, IncidentState, Plan } from '../../domain/incident';
import { refuse } from '../../domain/refusal';
import { setFlag } from '../../engine/flags';
import { activeCheck, leadCheck } from '../checks';
import type { SetFlagInput } from './contract';

export function validate(state: IncidentState, plan: Plan, input: SetFlagInput) {
  const inactive = activeCheck(state, plan, input.actor);
  if (inactive) return inactive;
  const notLead = leadCheck(state, input.actor, 'mark a circumstance');
  if (notLead) return notLead;
  if (state.flags?.[input.flag] !== undefined) {
    return refuse('flag-already-set', `"${input.flag}" is already marked on this incident`);
  }
  if (plan.flags.every((f) => state.flags?.[f.id] !== undefined)) {
    const why = plan.flags.length === 0 ? `plan ${plan.id} names no circumstances` : 'every one is marked';
    return refuse('nothing-to-mark', `nothing to mark: ${why}`);
  }
  if (!plan.flags.some((f) => f.id === input.flag)) {
    const known = plan.flags.map((f) => f.id).join(', ') || 'none';
    return refuse('unknown-flag', `plan ${plan.id} has no circumstance "${input.flag}" (it has: ${known})`);
  }
  return undefined;
}

export function apply(state: IncidentState, plan: Plan, input: SetFlagInput, now: EpochMs) {
  return setFlag(state, plan, input.flag, input.actor.id, input.note, now);
}
