import type { EpochMs, IncidentState, Plan } from '../../domain/incident';
import { refuse } from '../../domain/refusal';
import { record } from '../../engine/timeline';
import { activeCheck } from '../checks';
import type { PromiseMilestoneInput } from './contract';

export function validate(state: IncidentState, plan: Plan, input: PromiseMilestoneInput, now: EpochMs) {
  const inactive = activeCheck(state, plan, input.actor);
  if (inactive) return inactive;
  if (input.dueAt <= now) return refuse('due-in-past', 'a promised reply must be due in the future');
  return undefined;
}

/** A reply promised at run time becomes a deadline of its own, owned by the promiser's role. */
export function apply(state: IncidentState, _plan: Plan, input: PromiseMilestoneInput, now: EpochMs) {
  const id = `m${Object.keys(state.milestones).length + 1}`;
  // Promises accepted before the reason was asked for (recorded histories) replay without one.
  const reason = input.reason === undefined ? {} : { reason: input.reason };
  state.milestones[id] = {
    id,
    title: input.title,
    ...reason,
    owner: input.actor.role,
    promisedBy: input.actor.id,
    dueAt: input.dueAt,
    status: 'open',
    breaches: [],
  };
  record(state, now, {
    type: 'milestone-promised',
    actor: input.actor.id,
    data: {
      milestoneId: id,
      title: input.title,
      ...reason,
      dueAt: input.dueAt,
      owner: input.actor.role,
    },
  });
  return [];
}
