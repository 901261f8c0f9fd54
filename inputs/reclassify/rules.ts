import type { EpochMs, IncidentState, Plan } from '../../domain/incident';
import { severity } from '../../domain/plan-reading';
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
  // P6 三: "县网信办可对牵头部门和响应级别进行调整": where the plan names classifiers, the unit leading its
  // own incident may raise it but not lower it; that is the classifier's call.
  const lowering = severity(plan, input.level) > severity(plan, state.level);
  if (lowering && plan.classifiers.length > 0 && !plan.classifiers.includes(input.actor.role)) {
    const who = plan.classifiers.join(', ');
    return refuse('wrong-role', `lowering the level is for ${who}, not the lead ${input.actor.role}`);
  }
  return undefined;
}

export function apply(state: IncidentState, plan: Plan, input: ReclassifyInput, now: EpochMs) {
  return changeLevel(state, plan, input.level, input.actor.id, input.reason, now);
}
