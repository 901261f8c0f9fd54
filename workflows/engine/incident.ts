import type { CompleteStepInput, DecideApprovalInput } from '../../contracts/schemas';
import { dueAtFor } from './deadlines';
import { escalationChain, roleName } from './escalation';
import { refuse, type Refusal } from './refusal';
import type {
  Breach,
  EpochMs,
  IncidentFacts,
  IncidentState,
  Plan,
  Step,
  StepState,
  TimelineEvent,
} from './types';

/** A side effect the engine asks the workflow to perform; the key makes its effect happen once. */
export interface NotificationRequest {
  key: string;
  incidentId: string;
  recipients: string[];
  subject: { zh: string; en: string };
  body: { zh: string; en: string };
  /** Timeline event that caused it. */
  causeSeq: number;
}

function assertNever(x: never): never {
  throw new Error(`unexpected step kind: ${JSON.stringify(x)}`);
}

function stepOf(plan: Plan, stepId: string): Step | undefined {
  return plan.steps.find((s) => s.id === stepId);
}

/** Appends an event to the timeline with the next sequence number. */
export function record(
  state: IncidentState,
  at: EpochMs,
  event: Omit<TimelineEvent, 'seq' | 'at'>,
): TimelineEvent {
  const full: TimelineEvent = { seq: state.timeline.length + 1, at, ...event };
  state.timeline.push(full);
  return full;
}

/** An approval also waits for the work it approves, so work redone after a rejection is approved again. */
function predecessors(step: Step): string[] {
  return step.kind === 'approval' ? [...step.after, step.revises] : step.after;
}

function applies(step: Step, level: string): boolean {
  return step.appliesAt === undefined || step.appliesAt.includes(level);
}

/** The role that must act on an open step now. */
export function currentOwner(step: Step, s: StepState): string | undefined {
  switch (step.kind) {
    case 'task':
      return step.owner;
    case 'approval':
      return step.approvers[s.stage ?? 0];
    case 'notify':
      return undefined;
    default:
      return assertNever(step);
  }
}

export function openIncident(incident: IncidentFacts, plan: Plan, now: EpochMs) {
  const state: IncidentState = {
    incident,
    planId: plan.id,
    planVersion: plan.version,
    level: incident.level,
    leadRole: plan.leadRole[incident.level] ?? plan.roles[0]!.id,
    status: 'open',
    steps: Object.fromEntries(
      plan.steps.map((s): [string, StepState] => [s.id, { id: s.id, status: 'waiting', breaches: [] }]),
    ),
    timeline: [],
  };
  record(state, now, {
    type: 'incident-opened',
    actor: incident.reporter,
    data: { level: incident.level, planId: plan.id, planVersion: plan.version, title: incident.title },
  });
  const notifications = advance(state, plan, now);
  return { state, notifications };
}

function openStep(state: IncidentState, plan: Plan, step: Step, now: EpochMs): NotificationRequest[] {
  const s = state.steps[step.id]!;
  s.status = 'open';
  s.openedAt = now;
  s.dueAt = dueAtFor(step, state, now);
  if (step.kind === 'approval') {
    s.stage = 0;
    s.decisions ??= [];
  }
  const opened = record(state, now, {
    type: 'step-opened',
    stepId: step.id,
    data: { owner: currentOwner(step, s) ?? null, dueAt: s.dueAt ?? null },
  });
  if (step.kind !== 'notify') return [];
  // A notify step is done the moment its messages are handed to the outbox.
  s.status = 'done';
  s.doneAt = now;
  record(state, now, { type: 'step-done', stepId: step.id, data: { recipients: step.recipients } });
  return [
    {
      key: `${state.incident.id}:${opened.seq}`,
      incidentId: state.incident.id,
      recipients: step.recipients,
      subject: {
        zh: `【${state.incident.title}】${step.title.zh}`,
        en: `[${state.incident.title}] ${step.title.en}`,
      },
      body: step.message,
      causeSeq: opened.seq,
    },
  ];
}

/**
 * Skips steps that do not apply at the current level and opens every waiting step whose predecessors
 * are finished, until nothing changes; closes the incident when every step is finished.
 */
export function advance(state: IncidentState, plan: Plan, now: EpochMs): NotificationRequest[] {
  if (state.status === 'closed') return [];
  const notifications: NotificationRequest[] = [];
  const finished = (id: string) => {
    const st = state.steps[id]?.status;
    return st === 'done' || st === 'skipped';
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const step of plan.steps) {
      const s = state.steps[step.id]!;
      if (s.status !== 'waiting') continue;
      if (!applies(step, state.level)) {
        s.status = 'skipped';
        record(state, now, { type: 'step-skipped', stepId: step.id, data: { level: state.level } });
        changed = true;
      } else if (predecessors(step).every(finished)) {
        notifications.push(...openStep(state, plan, step, now));
        changed = true;
      }
    }
  }
  if (plan.steps.every((s) => finished(s.id))) {
    state.status = 'closed';
    record(state, now, { type: 'incident-closed', data: {} });
  }
  return notifications;
}

/** The earliest deadline that has not yet been recorded as breached, if any. */
export function nextDueAt(state: IncidentState): EpochMs | undefined {
  let next: EpochMs | undefined;
  for (const s of Object.values(state.steps)) {
    if (s.status !== 'open' || s.dueAt === undefined) continue;
    if (s.breaches.some((b) => b.dueAt === s.dueAt)) continue;
    if (next === undefined || s.dueAt < next) next = s.dueAt;
  }
  return next;
}

/**
 * Records a breach for every open step whose deadline has passed, once per deadline, and asks for the
 * owner and its reportsTo chain to be told. The step stays open: a deadline never blocks the work.
 */
export function recordBreaches(state: IncidentState, plan: Plan, now: EpochMs): NotificationRequest[] {
  const notifications: NotificationRequest[] = [];
  for (const step of plan.steps) {
    const s = state.steps[step.id]!;
    if (s.status !== 'open' || s.dueAt === undefined || s.dueAt > now) continue;
    if (s.breaches.some((b) => b.dueAt === s.dueAt)) continue;
    const owner = currentOwner(step, s);
    const escalatedTo = owner === undefined ? [state.leadRole] : escalationChain(plan, owner);
    const breach: Breach = { dueAt: s.dueAt, recordedAt: now, lateByMs: now - s.dueAt, escalatedTo };
    s.breaches.push(breach);
    const event = record(state, now, {
      type: 'deadline-breached',
      stepId: step.id,
      data: { ...breach },
    });
    const due = new Date(s.dueAt).toISOString();
    const ownerName = owner === undefined ? undefined : roleName(plan, owner);
    notifications.push({
      key: `${state.incident.id}:${event.seq}`,
      incidentId: state.incident.id,
      recipients: escalatedTo,
      subject: {
        zh: `【超时】${state.incident.title}：${step.title.zh}`,
        en: `[Overdue] ${state.incident.title}: ${step.title.en}`,
      },
      body: {
        zh: `步骤「${step.title.zh}」应于 ${due} 完成，现已超时${ownerName ? `，责任角色：${ownerName.zh}` : ''}。请督促办理。`,
        en: `Step "${step.title.en}" was due at ${due} and is overdue${ownerName ? `; owner: ${ownerName.en}` : ''}. Please follow up.`,
      },
      causeSeq: event.seq,
    });
  }
  return notifications;
}

export function isBreached(state: IncidentState): boolean {
  return Object.values(state.steps).some((s) => s.breaches.length > 0);
}

function checkOpenStep(
  state: IncidentState,
  plan: Plan,
  stepId: string,
  kind: Step['kind'],
): { step: Step; s: StepState } | Refusal {
  if (state.status === 'closed') return refuse('incident-closed', 'the incident is closed');
  const step = stepOf(plan, stepId);
  const s = state.steps[stepId];
  if (!step || !s) return refuse('unknown-step', `plan ${plan.id} has no step "${stepId}"`);
  if (step.kind !== kind)
    return refuse('wrong-step-kind', `step "${stepId}" is a ${step.kind} step, not ${kind}`);
  if (s.status !== 'open') {
    if (kind === 'approval' && s.status === 'done') {
      const last = s.decisions?.at(-1);
      return refuse(
        'already-decided',
        `step "${stepId}" was already approved${last ? ` by ${last.by} at ${new Date(last.at).toISOString()}` : ''}`,
      );
    }
    return refuse('step-not-open', `step "${stepId}" is ${s.status}, not open`);
  }
  return { step, s };
}

export function validateCompleteStep(
  state: IncidentState,
  plan: Plan,
  input: CompleteStepInput,
): Refusal | undefined {
  const found = checkOpenStep(state, plan, input.stepId, 'task');
  if ('code' in found) return found;
  const owner = currentOwner(found.step, found.s);
  if (input.actor.role !== owner) {
    return refuse('wrong-role', `step "${input.stepId}" is done by role ${owner}, not ${input.actor.role}`);
  }
  return undefined;
}

export function completeStep(
  state: IncidentState,
  plan: Plan,
  input: CompleteStepInput,
  now: EpochMs,
): NotificationRequest[] {
  const s = state.steps[input.stepId]!;
  s.status = 'done';
  s.doneAt = now;
  s.doneBy = input.actor.id;
  record(state, now, {
    type: 'step-done',
    stepId: input.stepId,
    actor: input.actor.id,
    data: { role: input.actor.role, note: input.note ?? null, link: input.link ?? null },
  });
  return advance(state, plan, now);
}

export function validateDecision(
  state: IncidentState,
  plan: Plan,
  input: DecideApprovalInput,
): Refusal | undefined {
  const found = checkOpenStep(state, plan, input.stepId, 'approval');
  if ('code' in found) return found;
  const approver = currentOwner(found.step, found.s);
  if (input.actor.role !== approver) {
    const round = found.s.decisions?.filter((d) => d.at >= (found.s.openedAt ?? 0)) ?? [];
    const earlier = round.find((d) => d.role === input.actor.role);
    if (earlier) {
      return refuse(
        'already-decided',
        `role ${input.actor.role} already decided (${earlier.decision}) by ${earlier.by} at ${new Date(earlier.at).toISOString()}`,
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
  s.decisions!.push({
    role: input.actor.role,
    by: input.actor.id,
    decision: input.decision,
    at: now,
    ...(input.comment ? { comment: input.comment } : {}),
  });
  record(state, now, {
    type: 'approval-decided',
    stepId: step.id,
    actor: input.actor.id,
    data: {
      role: input.actor.role,
      decision: input.decision,
      comment: input.comment ?? null,
      stage: s.stage,
    },
  });
  if (input.decision === 'reject') {
    // The work goes back to the step that produced it; the approval waits and restarts from the first approver.
    s.status = 'waiting';
    const work = state.steps[step.revises]!;
    work.status = 'open';
    work.openedAt = now;
    const workStep = stepOf(plan, step.revises)!;
    work.dueAt = dueAtFor(workStep, state, now);
    record(state, now, {
      type: 'step-reopened',
      stepId: step.revises,
      actor: input.actor.id,
      data: { reason: input.comment ?? '', dueAt: work.dueAt ?? null },
    });
    return [];
  }
  s.stage = (s.stage ?? 0) + 1;
  if (s.stage < step.approvers.length) return [];
  s.status = 'done';
  s.doneAt = now;
  s.doneBy = input.actor.id;
  record(state, now, { type: 'step-done', stepId: step.id, actor: input.actor.id, data: {} });
  return advance(state, plan, now);
}
