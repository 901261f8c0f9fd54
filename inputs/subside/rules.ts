import type { EpochMs, IncidentState, Plan } from '../../domain/incident';
import { refuse } from '../../domain/refusal';
import { advance, markDone, skipStep } from '../../engine/activation';
import { record } from '../../engine/timeline';
import { activeCheck, leadCheck } from '../checks';
import type { SubsideInput } from './contract';

export function validate(state: IncidentState, plan: Plan, input: SubsideInput) {
  const inactive = activeCheck(state, plan, input.actor);
  if (inactive) return inactive;
  if (state.status !== 'open') return refuse('wrong-status', `the incident is ${state.status}, not open`);
  return leadCheck(state, input.actor, 'declare the incident subsided');
}

/**
 * 平息: monitoring ends, aftercare begins; the review opens once its predecessors are done. A monitor
 * that had not started yet (P1 第七步 tracks only after the public reply) will not: it is skipped.
 */
export function apply(state: IncidentState, plan: Plan, input: SubsideInput, now: EpochMs) {
  state.status = 'aftercare';
  for (const step of plan.steps) {
    const s = state.steps[step.id]!;
    if (step.kind !== 'monitor') continue;
    if (s.status === 'waiting') skipStep(state, step, now, 'subsided');
    if (s.status !== 'open') continue;
    markDone(s, input.actor.id, now);
    record(state, now, { type: 'step-done', stepId: step.id, actor: input.actor.id, data: {} });
  }
  record(state, now, {
    type: 'incident-subsided',
    actor: input.actor.id,
    data: { note: input.note ?? null },
  });
  return advance(state, plan, now);
}
