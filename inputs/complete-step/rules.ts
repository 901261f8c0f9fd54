import type { EpochMs, IncidentState, Plan } from '../../domain/incident';
import { advance, markDone } from '../../engine/activation';
import { lateFields } from '../../engine/breaches';
import { record } from '../../engine/timeline';
import { openStepFor, ownerCheck } from '../checks';
import type { CompleteStepInput } from './contract';

export function validate(state: IncidentState, plan: Plan, input: CompleteStepInput) {
  const found = openStepFor(state, plan, input.stepId, 'task');
  return 'code' in found ? found : ownerCheck(found.step, found.s, input.actor.role, state.level);
}

export function apply(state: IncidentState, plan: Plan, input: CompleteStepInput, now: EpochMs) {
  const s = state.steps[input.stepId]!;
  const late = lateFields(state, s.dueAt, now);
  markDone(s, input.actor.id, now);
  record(state, now, {
    type: 'step-done',
    stepId: input.stepId,
    actor: input.actor.id,
    data: { role: input.actor.role, note: input.note ?? null, link: input.link ?? null, ...late },
  });
  return advance(state, plan, now);
}
