import type { EpochMs, IncidentState, Plan } from '../../domain/incident';
import { refuse } from '../../domain/refusal';
import { advance } from '../../engine/activation';
import { lateFields } from '../../engine/breaches';
import { record } from '../../engine/timeline';
import { activeCheck } from '../checks';
import type { CompleteMilestoneInput } from './contract';

export function validate(state: IncidentState, plan: Plan, input: CompleteMilestoneInput) {
  const inactive = activeCheck(state, plan, input.actor);
  if (inactive) return inactive;
  const m = state.milestones[input.milestoneId];
  if (!m) return refuse('unknown-milestone', `no promised reply "${input.milestoneId}"`);
  if (m.status === 'done') return refuse('milestone-done', `promised reply "${m.id}" is already done`);
  if (input.actor.role !== m.owner && input.actor.role !== state.leadRole) {
    return refuse(
      'wrong-role',
      `promised reply "${m.id}" belongs to role ${m.owner}, not ${input.actor.role}`,
    );
  }
  return undefined;
}

export function apply(state: IncidentState, plan: Plan, input: CompleteMilestoneInput, now: EpochMs) {
  const m = state.milestones[input.milestoneId]!;
  m.status = 'done';
  m.doneAt = now;
  const late = lateFields(state, m.dueAt, now);
  record(state, now, {
    type: 'milestone-done',
    actor: input.actor.id,
    data: { milestoneId: m.id, note: input.note ?? null, late: now > m.dueAt, ...late },
  });
  return advance(state, plan, now);
}
