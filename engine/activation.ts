import { dueAtFor } from './deadlines';
import {
  assertNever,
  atLevel,
  currentOwner,
  isFinished,
  notApplying,
  predecessors,
} from '../domain/plan-reading';
import { notification, ownerNotice } from './notices';
import { record } from './timeline';
import type {
  EpochMs,
  IncidentState,
  NotificationRequest,
  StepState,
  Plan,
  Step,
  TimelineEvent,
} from '../domain/incident';

/** What opening a step of each kind does, besides marking it open with its deadline. */
function onOpen(
  state: IncidentState,
  step: Step,
  now: EpochMs,
  opened: TimelineEvent,
): NotificationRequest[] {
  const s = state.steps[step.id]!;
  switch (step.kind) {
    case 'task':
    case 'review':
      return [];
    case 'approval':
      s.stage = 0;
      s.decisions ??= [];
      return [];
    case 'monitor':
      s.followUps ??= 0;
      return [];
    case 'notify': {
      // A notify step is done the moment its message is handed to the outbox.
      s.status = 'done';
      s.doneAt = now;
      record(state, now, { type: 'step-done', stepId: step.id, data: { recipients: step.recipients } });
      return [
        notification(state, opened, step.recipients, {
          subject: step.title,
          body: atLevel(step.message, state.level) ?? step.title,
        }),
      ];
    }
    default:
      return assertNever(step);
  }
}

export function openStep(state: IncidentState, plan: Plan, step: Step, now: EpochMs): NotificationRequest[] {
  const s = state.steps[step.id]!;
  s.status = 'open';
  s.openedAt = now;
  // Opened again (work sent back, a level change): a climb from an earlier miss does not carry over.
  delete s.escalation;
  s.dueAt = dueAtFor(plan, step, state, now);
  const opened = record(state, now, {
    type: 'step-opened',
    stepId: step.id,
    data: { owner: currentOwner(step, s, state.level) ?? null, dueAt: s.dueAt ?? null },
  });
  const notices = onOpen(state, step, now, opened);
  const notice = ownerNotice(state, plan, step, opened);
  return notice ? [...notices, notice] : notices;
}

/** A step finished by `by` at `now`; the caller records the event that says how. */
export function markDone(s: StepState, by: string, now: EpochMs): void {
  s.status = 'done';
  s.doneAt = now;
  s.doneBy = by;
}

export function skipStep(
  state: IncidentState,
  step: Step,
  now: EpochMs,
  because: NonNullable<StepState['skippedBecause']>,
): void {
  const s = state.steps[step.id]!;
  s.status = 'skipped';
  s.skippedBecause = because;
  record(state, now, { type: 'step-skipped', stepId: step.id, data: { level: state.level, because } });
}

/**
 * Steps skipped because they did not apply (their level, a flag not set) wait again once they do; their
 * deadlines count from now, never from before.
 */
export function reviveApplicable(state: IncidentState, plan: Plan, now: EpochMs): void {
  for (const step of plan.steps) {
    const s = state.steps[step.id]!;
    const revivable = s.skippedBecause === 'level' || s.skippedBecause === 'flag';
    if (s.status === 'skipped' && revivable && notApplying(step, state) === undefined) {
      s.status = 'waiting';
      delete s.skippedBecause;
      s.appliesSince = now;
    }
  }
}

/**
 * Skips waiting steps that do not apply (their level, or a flag not set) and opens every waiting step
 * whose predecessors are finished, until nothing changes; closes the incident when every step is finished.
 */
export function advance(state: IncidentState, plan: Plan, now: EpochMs): NotificationRequest[] {
  if (state.status === 'closed') return [];
  const notifications: NotificationRequest[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (const step of plan.steps) {
      if (state.steps[step.id]!.status !== 'waiting') continue;
      const because = notApplying(step, state);
      if (because) {
        skipStep(state, step, now, because);
        changed = true;
      } else if (predecessors(step).every((p) => isFinished(state.steps[p]))) {
        notifications.push(...openStep(state, plan, step, now));
        changed = true;
      }
    }
  }
  const milestonesDone = Object.values(state.milestones).every((m) => m.status === 'done');
  if (plan.steps.every((s) => isFinished(state.steps[s.id])) && milestonesDone) {
    state.status = 'closed';
    record(state, now, { type: 'incident-closed', data: { reason: 'every step finished' } });
  }
  return notifications;
}
