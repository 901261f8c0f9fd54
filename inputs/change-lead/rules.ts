import type { EpochMs, IncidentState, Plan } from '../../domain/incident';
import { refuse } from '../../domain/refusal';
import { changeLead } from '../../engine/levels';
import { activeCheck } from '../checks';
import type { ChangeLeadInput } from './contract';

// P6 三: "县网信办可对牵头部门和响应级别进行调整": the classifier (not the lead itself) hands the response to
// another unit, apart from the level.
export function validate(state: IncidentState, plan: Plan, input: ChangeLeadInput) {
  const inactive = activeCheck(state, plan, input.actor);
  if (inactive) return inactive;
  if (!plan.classifiers.includes(input.actor.role)) {
    const who = plan.classifiers.join(', ') || 'no role in this plan';
    return refuse('wrong-role', `changing the lead is for ${who}, not ${input.actor.role}`);
  }
  if (!plan.roles.some((r) => r.id === input.role)) {
    return refuse('unknown-role', `plan ${plan.id} has no role "${input.role}"`);
  }
  if (input.role === state.leadRole) return refuse('same-lead', `${input.role} leads the response already`);
  return undefined;
}

export function apply(state: IncidentState, plan: Plan, input: ChangeLeadInput, now: EpochMs) {
  return changeLead(state, plan, input.role, input.actor.id, input.reason, now);
}
