import type { EpochMs, IncidentState, Plan } from '../../domain/incident';
import { refuse } from '../../domain/refusal';
import { advance, markDone } from '../../engine/activation';
import { lateFields } from '../../engine/breaches';
import { record } from '../../engine/timeline';
import { openStepFor, ownerCheck } from '../checks';
import type { SubmitReviewInput } from './contract';

export function validate(state: IncidentState, plan: Plan, input: SubmitReviewInput) {
  const found = openStepFor(state, plan, input.stepId, 'review');
  if ('code' in found) return found;
  const wrong = ownerCheck(found.step, found.s, input.actor.role, state.level);
  if (wrong) return wrong;
  const fields = new Set(found.step.form.map((f) => f.id));
  const unknown = Object.keys(input.answers).filter((k) => !fields.has(k));
  if (unknown.length > 0) return refuse('invalid-form', `unknown form field(s): ${unknown.join(', ')}`);
  const missing = found.step.form.filter((f) => f.required && !input.answers[f.id]?.trim()).map((f) => f.id);
  if (missing.length > 0)
    return refuse('invalid-form', `required form field(s) missing: ${missing.join(', ')}`);
  return undefined;
}

export function apply(state: IncidentState, plan: Plan, input: SubmitReviewInput, now: EpochMs) {
  const s = state.steps[input.stepId]!;
  const late = lateFields(state, s.dueAt, now);
  markDone(s, input.actor.id, now);
  s.answers = { ...input.answers };
  record(state, now, {
    type: 'review-submitted',
    stepId: input.stepId,
    actor: input.actor.id,
    data: { role: input.actor.role, answers: input.answers },
  });
  record(state, now, { type: 'step-done', stepId: input.stepId, actor: input.actor.id, data: { ...late } });
  return advance(state, plan, now);
}
