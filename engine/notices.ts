import type {
  EpochMs,
  IncidentState,
  NotificationContext,
  NotificationRequest,
  Plan,
  Step,
  TimelineEvent,
} from '../domain/incident';
import { currentOwner, jointOwnersOf, levelName, ownersAt, stepOf } from '../domain/plan-reading';
import {
  approvalRequest,
  deadlineChanged,
  dueTime,
  incidentSubject,
  rework,
  toDo,
  type Notice,
} from '../domain/words';

// The notices the engine asks the workflow to send, each keyed by the event that caused it. Telling the
// role that must act now (a step opened for it, an approval stage reached it, its work came back
// rejected) is on per incident through patched('owner-notices'): incidents started before it never told
// owners (only breaches and notify steps were sent). The due time travels in the context (the message
// template shows it in Beijing time).

/** A notice to `recipients` caused by `cause`; the key makes it go out once however often it is sent. */
export function notification(
  state: IncidentState,
  cause: TimelineEvent,
  recipients: string[],
  { subject, body }: Notice,
): NotificationRequest {
  return {
    key: `${state.incident.id}:${cause.seq}`,
    incidentId: state.incident.id,
    recipients,
    subject: incidentSubject(state.incident.title, subject),
    body,
    causeSeq: cause.seq,
  };
}

function contextOf(state: IncidentState, plan: Plan, step: Step): NotificationContext {
  const s = state.steps[step.id]!;
  return {
    level: { id: state.level, names: levelName(plan, state.level) },
    step: { id: step.id, title: step.title, ...(s.dueAt !== undefined ? { dueAt: s.dueAt } : {}) },
  };
}

/** The owner of a step that has just opened (or an approval stage just reached) is asked to act. */
export function ownerNotice(
  state: IncidentState,
  plan: Plan,
  step: Step,
  cause: TimelineEvent,
): NotificationRequest | undefined {
  if (!state.ownerNotices) return undefined;
  const s = state.steps[step.id]!;
  const context = contextOf(state, plan, step);
  switch (step.kind) {
    case 'approval': {
      const stage = s.stage ?? 0;
      const role = step.approvers[stage];
      if (role === undefined) return undefined;
      return {
        ...notification(state, cause, [role], approvalRequest(step.title, stage, step.approvers.length)),
        context: { ...context, approval: { stepId: step.id, stage, role } },
      };
    }
    case 'task':
    case 'monitor':
    case 'review':
      return {
        ...notification(
          state,
          cause,
          [...ownersAt(step, state.level), ...jointOwnersOf(step)],
          toDo(step.title),
        ),
        context,
      };
    case 'notify':
      return undefined;
  }
}

/**
 * A request to act that has been overtaken (the step is done, skipped or the approval stage decided before
 * the message left) is dropped rather than sent: it would ask someone to do what is already done.
 */
export function noticeStillDue(state: IncidentState, request: NotificationRequest): boolean {
  const stepId = request.context?.step?.id;
  if (stepId === undefined) return true;
  const s = state.steps[stepId];
  if (s?.status !== 'open' || state.status === 'closed') return false;
  const approval = request.context?.approval;
  return approval === undefined || s.stage === approval.stage;
}

/** Work sent back by a rejected approval goes back to its owner with the approver's comment. */
export function reworkNotice(
  state: IncidentState,
  plan: Plan,
  workStepId: string,
  comment: string,
  cause: TimelineEvent,
): NotificationRequest | undefined {
  if (!state.ownerNotices) return undefined;
  const step = stepOf(plan, workStepId);
  if (step?.kind !== 'task' && step?.kind !== 'review' && step?.kind !== 'monitor') return undefined;
  return {
    ...notification(state, cause, ownersAt(step, state.level), rework(step.title, comment)),
    context: contextOf(state, plan, step),
  };
}

/** The owner of an open step is told when a level change moves its deadline (patch 'engine-correctness'). */
export function deadlineNotice(
  state: IncidentState,
  plan: Plan,
  step: Step,
  from: EpochMs | undefined,
  cause: TimelineEvent,
): NotificationRequest | undefined {
  const s = state.steps[step.id]!;
  const owner = currentOwner(step, s, state.level);
  if (owner === undefined) return undefined;
  const words = deadlineChanged(
    levelName(plan, state.level),
    step.title,
    dueTime(from, cause.at),
    dueTime(s.dueAt, cause.at),
  );
  return { ...notification(state, cause, [owner], words), context: contextOf(state, plan, step) };
}
