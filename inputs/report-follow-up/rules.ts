import type { EpochMs, IncidentState, Plan } from '../../domain/incident';
import { stepOf } from '../../domain/plan-reading';
import { dueAtFor } from '../../engine/deadlines';
import { applyMetrics } from '../../engine/metrics';
import { record } from '../../engine/timeline';
import { openStepFor, ownerCheck } from '../checks';
import type { ReportFollowUpInput } from './contract';

export function validate(state: IncidentState, plan: Plan, input: ReportFollowUpInput) {
  const found = openStepFor(state, plan, input.stepId, 'monitor');
  if ('code' in found) return found;
  if (input.actor.role === state.leadRole) return undefined;
  return ownerCheck(found.step, found.s, input.actor.role, state.level);
}

/** A follow-up report (续报) resets the cadence: the next one is due a full period from now. */
export function apply(state: IncidentState, plan: Plan, input: ReportFollowUpInput, now: EpochMs) {
  const step = stepOf(plan, input.stepId)!;
  const s = state.steps[input.stepId]!;
  s.followUps = (s.followUps ?? 0) + 1;
  // The report missed is made: a climb up the chain for it stops.
  delete s.escalation;
  s.dueAt = dueAtFor(plan, step, state, now);
  record(state, now, {
    type: 'follow-up-reported',
    stepId: step.id,
    actor: input.actor.id,
    data: { role: input.actor.role, note: input.note, number: s.followUps, nextDueAt: s.dueAt ?? null },
  });
  return input.metrics ? applyMetrics(state, plan, input.actor, input.metrics, now) : [];
}
