import { beijingTime } from '../../domain/beijing-time';
import { currentOwner, levelName, notification, stepOf } from './state';
import type {
  EpochMs,
  IncidentState,
  NotificationContext,
  NotificationRequest,
  Plan,
  Step,
  TimelineEvent,
} from './types';

// Telling the role that must act now: a step opened for it, an approval stage reached it, or its work
// came back rejected. The due time travels in the context (the message template shows it in Beijing
// time). Incidents started before this existed never told owners (only breaches and notify steps were
// sent), so the workflow turns it on per incident through patched('owner-notices').

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
        ...notification(
          state,
          cause,
          [role],
          { zh: `【待审批】${step.title.zh}`, en: `[Approval needed] ${step.title.en}` },
          {
            zh: `请审批「${step.title.zh}」（第 ${stage + 1}/${step.approvers.length} 级）。`,
            en: `Please decide "${step.title.en}" (stage ${stage + 1} of ${step.approvers.length}).`,
          },
        ),
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
          [step.owner],
          { zh: `【待办】${step.title.zh}`, en: `[To do] ${step.title.en}` },
          {
            zh: `请办理「${step.title.zh}」。`,
            en: `Please handle "${step.title.en}".`,
          },
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
    ...notification(
      state,
      cause,
      [step.owner],
      { zh: `【退回修改】${step.title.zh}`, en: `[Sent back] ${step.title.en}` },
      {
        zh: `「${step.title.zh}」未获批准，意见：${comment}。请修改后重新提交。`,
        en: `"${step.title.en}" was not approved: ${comment}. Please revise and resubmit.`,
      },
    ),
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
  const owner = currentOwner(step, s);
  if (owner === undefined) return undefined;
  const level = levelName(plan, state.level);
  const when = (at: EpochMs | undefined) =>
    at === undefined ? { zh: '不限时', en: 'no deadline' } : beijingTime(at, cause.at);
  const was = when(from);
  const now = when(s.dueAt);
  return {
    ...notification(
      state,
      cause,
      [owner],
      { zh: `【时限调整】${step.title.zh}`, en: `[Deadline changed] ${step.title.en}` },
      {
        zh: `级别调整为「${level.zh}」，「${step.title.zh}」的时限由 ${was.zh} 调整为 ${now.zh}。`,
        en: `The level is now "${level.en}": "${step.title.en}" is due ${now.en} instead of ${was.en}.`,
      },
    ),
    context: contextOf(state, plan, step),
  };
}
