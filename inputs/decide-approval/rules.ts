import type { EpochMs, IncidentState, NotificationRequest, Plan } from '../../domain/incident';
import { currentOwner, stepOf } from '../../domain/plan-reading';
import { refuse, type Refusal } from '../../domain/refusal';
import { beijingTime } from '../../domain/words';
import { advance, markDone } from '../../engine/activation';
import { lateFields } from '../../engine/breaches';
import { dueAtFor } from '../../engine/deadlines';
import { ownerNotice, reworkNotice } from '../../engine/notices';
import { record } from '../../engine/timeline';
import { openStepFor } from '../checks';
import type { DecideApprovalInput } from './contract';

/**
 * A decision for a named stage (every signed link names one) is refused once that stage is no longer the
 * one awaited, saying who decided it and when: the check and the decision are one step of the workflow.
 */
function stageCheck(state: IncidentState, plan: Plan, input: DecideApprovalInput): Refusal | undefined {
  const step = stepOf(plan, input.stepId);
  const s = state.steps[input.stepId];
  if (input.stage === undefined || step?.kind !== 'approval' || !s) return undefined;
  const awaited = s.status === 'open' ? (s.stage ?? 0) : undefined;
  if (awaited === input.stage) return undefined;
  const role = step.approvers[input.stage];
  const decided = s.decisions?.filter((d) => d.role === role).at(-1);
  if (decided && (awaited === undefined || awaited > input.stage)) {
    const at = beijingTime(decided.at, decided.at).zh;
    return refuse(
      'stage-closed',
      `stage ${input.stage + 1} of step "${input.stepId}" was already decided (${decided.decision}) by ${decided.by} at ${at}`,
    );
  }
  return refuse('stage-closed', `stage ${input.stage + 1} of step "${input.stepId}" is not open`);
}

export function validate(state: IncidentState, plan: Plan, input: DecideApprovalInput) {
  if (state.status !== 'closed') {
    const closed = stageCheck(state, plan, input);
    if (closed) return closed;
  }
  const found = openStepFor(state, plan, input.stepId, 'approval');
  if ('code' in found) return found;
  const approver = currentOwner(found.step, found.s, state.level);
  if (input.actor.role !== approver) {
    const round = found.s.decisions?.filter((d) => d.at >= (found.s.openedAt ?? 0)) ?? [];
    const earlier = round.find((d) => d.role === input.actor.role);
    if (earlier) {
      return refuse(
        'already-decided',
        `role ${input.actor.role} already decided (${earlier.decision}) by ${earlier.by} at ${beijingTime(earlier.at, earlier.at).zh}`,
      );
    }
    return refuse(
      'wrong-role',
      `step "${input.stepId}" now awaits role ${approver}, not ${input.actor.role}`,
    );
  }
  if (input.decision === 'reject' && !input.comment?.trim()) {
    return refuse('comment-required', 'a rejection needs a comment saying what to change');
  }
  return undefined;
}

export function apply(
  state: IncidentState,
  plan: Plan,
  input: DecideApprovalInput,
  now: EpochMs,
): NotificationRequest[] {
  const step = stepOf(plan, input.stepId);
  const s = state.steps[input.stepId]!;
  if (step?.kind !== 'approval') return [];
  const late = lateFields(state, s.dueAt, now);
  s.decisions!.push({
    role: input.actor.role,
    by: input.actor.id,
    decision: input.decision,
    at: now,
    ...(input.comment ? { comment: input.comment } : {}),
  });
  const decided = record(state, now, {
    type: 'approval-decided',
    stepId: step.id,
    actor: input.actor.id,
    data: {
      role: input.actor.role,
      decision: input.decision,
      comment: input.comment ?? null,
      stage: s.stage,
      ...late,
      ...(input.via ? { via: input.via } : {}),
    },
  });
  if (input.decision === 'reject') {
    // The work goes back to the step that produced it; the approval waits and restarts from the first approver.
    s.status = 'waiting';
    const work = state.steps[step.revises]!;
    work.status = 'open';
    work.openedAt = now;
    work.dueAt = dueAtFor(plan, stepOf(plan, step.revises)!, state, now);
    const reopened = record(state, now, {
      type: 'step-reopened',
      stepId: step.revises,
      actor: input.actor.id,
      data: { reason: input.comment ?? '', dueAt: work.dueAt ?? null },
    });
    const notice = reworkNotice(state, plan, step.revises, input.comment ?? '', reopened);
    return notice ? [notice] : [];
  }
  s.stage = (s.stage ?? 0) + 1;
  if (s.stage < step.approvers.length) {
    const notice = ownerNotice(state, plan, step, decided);
    return notice ? [notice] : [];
  }
  markDone(s, input.actor.id, now);
  record(state, now, { type: 'step-done', stepId: step.id, actor: input.actor.id, data: { ...late } });
  return advance(state, plan, now);
}
