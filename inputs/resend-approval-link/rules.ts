import type { EpochMs, IncidentState, Plan } from '../../domain/incident';
import { currentOwner } from '../../domain/plan-reading';
import { refuse } from '../../domain/refusal';
import { ownerNotice } from '../../engine/notices';
import { record } from '../../engine/timeline';
import { leadCheck, openStepFor } from '../checks';
import type { ResendApprovalLinkInput } from './contract';

// A link lost, expired or sent to a phone given away: the office asks for the stage awaited now to be
// sent again. Each holder of the approver role gets a fresh link through their own channel (a new
// outbox key, so it is a new message); links sent before stay valid until they expire.

export function validate(state: IncidentState, plan: Plan, input: ResendApprovalLinkInput) {
  const found = openStepFor(state, plan, input.stepId, 'approval');
  if ('code' in found) return found;
  if (!state.ownerNotices) {
    return refuse('wrong-status', 'this incident started before approvers were sent links');
  }
  return leadCheck(state, input.actor, 'send approval links again');
}

export function apply(state: IncidentState, plan: Plan, input: ResendApprovalLinkInput, now: EpochMs) {
  const found = openStepFor(state, plan, input.stepId, 'approval');
  if ('code' in found) return [];
  const resent = record(state, now, {
    type: 'link-resent',
    stepId: input.stepId,
    actor: input.actor.id,
    data: { stage: found.s.stage ?? 0, role: currentOwner(found.step, found.s, state.level) ?? null },
  });
  const notice = ownerNotice(state, plan, found.step, resent);
  return notice ? [notice] : [];
}
