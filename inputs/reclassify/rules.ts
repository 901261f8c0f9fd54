import type { EpochMs, IncidentState, Plan } from '../../domain/incident';
import { refuse } from '../../domain/refusal';
import { changeLevel } from '../../engine/levels';
import { activeCheck } from '../checks';
import type { ReclassifyInput } from './contract';

export function validate(state: IncidentState, plan: Plan, input: ReclassifyInput) {
  const inactive = activeCheck(state, plan, input.actor);
  if (inactive) return inactive;
  if (input.actor.role !== state.leadRole && !plan.classifiers.includes(input.actor.role)) {
    const allowed = [state.leadRole, ...plan.classifiers].join(', ');
    return refuse('wrong-role', `re-classification is for ${allowed}, not ${input.actor.role}`);
  }
  if (!plan.levels.some((l) => l.id === input.level)) {
    return refuse('unknown-level', `plan ${plan.id} has no level "${input.level}"`);
  }
  if (input.level === state.level)
    return refuse('same-level', `the incident is already at level ${input.level}`);
  return undefined;
}

export function apply(state: IncidentState, plan: Plan, input: ReclassifyInput, now: EpochMs) {
  return changeLevel(state, plan, input.level, input.actor.id, input.reason, now);
}
