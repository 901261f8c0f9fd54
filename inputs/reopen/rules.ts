import type { EpochMs, IncidentState, NotificationRequest, Plan } from '../../domain/incident';
import { refuse } from '../../domain/refusal';
import { relapse } from '../../domain/words';
import { openStep } from '../../engine/activation';
import { notification } from '../../engine/notices';
import { record } from '../../engine/timeline';
import { activeCheck } from '../checks';
import type { ReopenInput } from './contract';

export function validate(state: IncidentState, plan: Plan, input: ReopenInput) {
  const inactive = activeCheck(state, plan, input.actor);
  if (inactive) return inactive;
  if (state.status !== 'aftercare') {
    return refuse('wrong-status', `only a subsided incident in aftercare can relapse; it is ${state.status}`);
  }
  return undefined;
}

/** A relapse during aftercare: monitoring starts again and the review waits for the new subsiding. */
export function apply(state: IncidentState, plan: Plan, input: ReopenInput, now: EpochMs) {
  state.status = 'open';
  const event = record(state, now, {
    type: 'incident-reopened',
    actor: input.actor.id,
    data: { reason: input.reason },
  });
  const out: NotificationRequest[] = [notification(state, event, [state.leadRole], relapse(input.reason))];
  for (const step of plan.steps) {
    const s = state.steps[step.id]!;
    if (step.kind === 'review' && s.status === 'open') {
      s.status = 'waiting';
      record(state, now, {
        type: 'step-reopened',
        stepId: step.id,
        data: { reason: 'relapse: waits for subsiding' },
      });
    } else if (step.kind === 'monitor' && s.status === 'done') {
      out.push(...openStep(state, plan, step, now));
    }
  }
  return out;
}
