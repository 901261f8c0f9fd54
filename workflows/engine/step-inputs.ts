import type {
  CompleteStepInput,
  DecideApprovalInput,
  ReportFollowUpInput,
  SubmitReviewInput,
} from '../../contracts/schemas';
import { beijingTime } from '../../domain/beijing-time';
import { advance } from './activation';
import { lateFields } from './breaches';
import { dueAtFor } from './deadlines';
import { applyMetrics } from './incident-inputs';
import { refuse, type Refusal } from './refusal';
import { ownerNotice, reworkNotice } from './owner-notices';
import { currentOwner, record, stepOf } from './state';
import type { EpochMs, IncidentState, NotificationRequest, Plan, Step, StepState } from './types';

// Human inputs addressed to one step. Each has a validator (refuse before anything is recorded) and
// an apply function (change state, return the notifications it causes).

function openStepFor<K extends Step['kind']>(
  state: IncidentState,
  plan: Plan,
  stepId: string,
  kind: K,
): { step: Extract<Step, { kind: K }>; s: StepState } | Refusal {
  if (state.status === 'closed') return refuse('incident-closed', 'the incident is closed');
  const step = stepOf(plan, stepId);
  const s = state.steps[stepId];
  if (!step || !s) return refuse('unknown-step', `plan ${plan.id} has no step "${stepId}"`);
  if (step.kind !== kind)
    return refuse('wrong-step-kind', `step "${stepId}" is a ${step.kind} step, not ${kind}`);
  if (s.status !== 'open') {
    if (step.kind === 'approval' && s.status === 'done') {
      const last = s.decisions?.at(-1);
      return refuse(
        'already-decided',
        `step "${stepId}" was already approved${last ? ` by ${last.by} at ${beijingTime(last.at, last.at).zh}` : ''}`,
      );
    }
    return refuse('step-not-open', `step "${stepId}" is ${s.status}, not open`);
  }
  return { step: step as Extract<Step, { kind: K }>, s };
}

function ownerCheck(step: Step, s: StepState, role: string): Refusal | undefined {
  const owner = currentOwner(step, s);
  return role === owner
    ? undefined
    : refuse('wrong-role', `step "${step.id}" is done by role ${owner}, not ${role}`);
}

export function validateCompleteStep(state: IncidentState, plan: Plan, input: CompleteStepInput) {
  const found = openStepFor(state, plan, input.stepId, 'task');
  return 'code' in found ? found : ownerCheck(found.step, found.s, input.actor.role);
}

export function completeStep(state: IncidentState, plan: Plan, input: CompleteStepInput, now: EpochMs) {
  const s = state.steps[input.stepId]!;
  const late = lateFields(state, s.dueAt, now);
  s.status = 'done';
  s.doneAt = now;
  s.doneBy = input.actor.id;
  record(state, now, {
    type: 'step-done',
    stepId: input.stepId,
    actor: input.actor.id,
    data: { role: input.actor.role, note: input.note ?? null, link: input.link ?? null, ...late },
  });
  return advance(state, plan, now);
}

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

export function validateDecision(state: IncidentState, plan: Plan, input: DecideApprovalInput) {
  if (state.status !== 'closed') {
    const closed = stageCheck(state, plan, input);
    if (closed) return closed;
  }
  const found = openStepFor(state, plan, input.stepId, 'approval');
  if ('code' in found) return found;
  const approver = currentOwner(found.step, found.s);
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

export function decideApproval(
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
  s.status = 'done';
  s.doneAt = now;
  s.doneBy = input.actor.id;
  record(state, now, { type: 'step-done', stepId: step.id, actor: input.actor.id, data: { ...late } });
  return advance(state, plan, now);
}

export function validateFollowUp(state: IncidentState, plan: Plan, input: ReportFollowUpInput) {
  const found = openStepFor(state, plan, input.stepId, 'monitor');
  if ('code' in found) return found;
  if (input.actor.role === state.leadRole) return undefined;
  return ownerCheck(found.step, found.s, input.actor.role);
}

/** A follow-up report (续报) resets the cadence: the next one is due a full period from now. */
export function reportFollowUp(state: IncidentState, plan: Plan, input: ReportFollowUpInput, now: EpochMs) {
  const step = stepOf(plan, input.stepId)!;
  const s = state.steps[input.stepId]!;
  s.followUps = (s.followUps ?? 0) + 1;
  s.dueAt = dueAtFor(plan, step, state, now);
  record(state, now, {
    type: 'follow-up-reported',
    stepId: step.id,
    actor: input.actor.id,
    data: { role: input.actor.role, note: input.note, number: s.followUps, nextDueAt: s.dueAt ?? null },
  });
  return input.metrics ? applyMetrics(state, plan, input.actor, input.metrics, now) : [];
}

export function validateReview(state: IncidentState, plan: Plan, input: SubmitReviewInput) {
  const found = openStepFor(state, plan, input.stepId, 'review');
  if ('code' in found) return found;
  const wrong = ownerCheck(found.step, found.s, input.actor.role);
  if (wrong) return wrong;
  const fields = new Set(found.step.form.map((f) => f.id));
  const unknown = Object.keys(input.answers).filter((k) => !fields.has(k));
  if (unknown.length > 0) return refuse('invalid-form', `unknown form field(s): ${unknown.join(', ')}`);
  const missing = found.step.form.filter((f) => f.required && !input.answers[f.id]?.trim()).map((f) => f.id);
  if (missing.length > 0)
    return refuse('invalid-form', `required form field(s) missing: ${missing.join(', ')}`);
  return undefined;
}

export function submitReview(state: IncidentState, plan: Plan, input: SubmitReviewInput, now: EpochMs) {
  const s = state.steps[input.stepId]!;
  const late = lateFields(state, s.dueAt, now);
  s.status = 'done';
  s.doneAt = now;
  s.doneBy = input.actor.id;
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
