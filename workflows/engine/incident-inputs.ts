import type {
  Actor,
  CloseInput,
  CompleteMilestoneInput,
  PromiseMilestoneInput,
  ReclassifyInput,
  ReopenInput,
  SubsideInput,
  UpdateMetricsInput,
} from '../../contracts/schemas';
import { advance, openStep, skipStep } from './activation';
import { lateFields } from './breaches';
import { changeLevel, suggestLevel } from './levels';
import { refuse, type Refusal } from './refusal';
import { levelName, notification, record, severity } from './state';
import type { EpochMs, IncidentState, Metrics, NotificationRequest, Plan } from './types';

// Human inputs addressed to the incident as a whole: level, metrics, milestones, subside, relapse, close.

function activeCheck(state: IncidentState, plan: Plan, actor: Actor): Refusal | undefined {
  if (state.status === 'closed') return refuse('incident-closed', 'the incident is closed');
  if (!plan.roles.some((r) => r.id === actor.role)) {
    return refuse('unknown-role', `plan ${plan.id} has no role "${actor.role}"`);
  }
  return undefined;
}

function leadCheck(state: IncidentState, actor: Actor, what: string): Refusal | undefined {
  return actor.role === state.leadRole
    ? undefined
    : refuse('wrong-role', `only the lead role ${state.leadRole} may ${what}, not ${actor.role}`);
}

export function validateReclassify(state: IncidentState, plan: Plan, input: ReclassifyInput) {
  const inactive = activeCheck(state, plan, input.actor);
  if (inactive) return inactive;
  if (input.actor.role !== state.leadRole && !plan.classifiers.includes(input.actor.role)) {
    const allowed = [state.leadRole, ...plan.classifiers].join(', ');
    return refuse('wrong-role', `re-classification is for ${allowed}, not ${input.actor.role}`);
  }
  if (!plan.levels.some((l) => l.id === input.level)) {
    return refuse('unknown-level', `plan ${plan.id} has no level "${input.level}"`);
  }
  if (input.level === state.level)
    return refuse('same-level', `the incident is already at level ${input.level}`);
  return undefined;
}

export function reclassify(state: IncidentState, plan: Plan, input: ReclassifyInput, now: EpochMs) {
  return changeLevel(state, plan, input.level, input.actor.id, input.reason, now);
}

export function validateMetrics(state: IncidentState, plan: Plan, input: UpdateMetricsInput) {
  return activeCheck(state, plan, input.actor);
}

/** Stores new metrics; crossing a more severe threshold raises the level by itself (never lowers it). */
export function applyMetrics(
  state: IncidentState,
  plan: Plan,
  actor: Actor,
  metrics: Metrics,
  now: EpochMs,
): NotificationRequest[] {
  state.metrics = { ...state.metrics, ...metrics };
  record(state, now, { type: 'metrics-updated', actor: actor.id, data: { ...state.metrics } });
  const suggested = suggestLevel(plan, state.metrics);
  if (suggested === undefined || severity(plan, suggested) >= severity(plan, state.level)) return [];
  const name = levelName(plan, suggested);
  return changeLevel(state, plan, suggested, 'metrics', `metrics crossed the ${name.zh} threshold`, now);
}

export function updateMetrics(state: IncidentState, plan: Plan, input: UpdateMetricsInput, now: EpochMs) {
  return applyMetrics(state, plan, input.actor, input.metrics, now);
}

export function validatePromise(
  state: IncidentState,
  plan: Plan,
  input: PromiseMilestoneInput,
  now: EpochMs,
) {
  const inactive = activeCheck(state, plan, input.actor);
  if (inactive) return inactive;
  if (input.dueAt <= now) return refuse('due-in-past', 'a promised reply must be due in the future');
  return undefined;
}

/** A reply promised at run time becomes a deadline of its own, owned by the promiser's role. */
export function promiseMilestone(
  state: IncidentState,
  _plan: Plan,
  input: PromiseMilestoneInput,
  now: EpochMs,
) {
  const id = `m${Object.keys(state.milestones).length + 1}`;
  state.milestones[id] = {
    id,
    title: input.title,
    owner: input.actor.role,
    promisedBy: input.actor.id,
    dueAt: input.dueAt,
    status: 'open',
    breaches: [],
  };
  record(state, now, {
    type: 'milestone-promised',
    actor: input.actor.id,
    data: { milestoneId: id, title: input.title, dueAt: input.dueAt, owner: input.actor.role },
  });
  return [];
}

export function validateMilestoneDone(state: IncidentState, plan: Plan, input: CompleteMilestoneInput) {
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

export function completeMilestone(
  state: IncidentState,
  plan: Plan,
  input: CompleteMilestoneInput,
  now: EpochMs,
) {
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

export function validateSubside(state: IncidentState, plan: Plan, input: SubsideInput) {
  const inactive = activeCheck(state, plan, input.actor);
  if (inactive) return inactive;
  if (state.status !== 'open') return refuse('wrong-status', `the incident is ${state.status}, not open`);
  return leadCheck(state, input.actor, 'declare the incident subsided');
}

/** 平息: monitoring ends, aftercare begins; the review opens once its predecessors are done. */
export function subside(state: IncidentState, plan: Plan, input: SubsideInput, now: EpochMs) {
  state.status = 'aftercare';
  for (const step of plan.steps) {
    const s = state.steps[step.id]!;
    if (step.kind !== 'monitor' || s.status !== 'open') continue;
    s.status = 'done';
    s.doneAt = now;
    s.doneBy = input.actor.id;
    record(state, now, { type: 'step-done', stepId: step.id, actor: input.actor.id, data: {} });
  }
  record(state, now, {
    type: 'incident-subsided',
    actor: input.actor.id,
    data: { note: input.note ?? null },
  });
  return advance(state, plan, now);
}

export function validateReopen(state: IncidentState, plan: Plan, input: ReopenInput) {
  const inactive = activeCheck(state, plan, input.actor);
  if (inactive) return inactive;
  if (state.status !== 'aftercare') {
    return refuse('wrong-status', `only a subsided incident in aftercare can relapse; it is ${state.status}`);
  }
  return undefined;
}

/** A relapse during aftercare: monitoring starts again and the review waits for the new subsiding. */
export function reopen(state: IncidentState, plan: Plan, input: ReopenInput, now: EpochMs) {
  state.status = 'open';
  const event = record(state, now, {
    type: 'incident-reopened',
    actor: input.actor.id,
    data: { reason: input.reason },
  });
  const out: NotificationRequest[] = [
    notification(
      state,
      event,
      [state.leadRole],
      { zh: '舆情反弹，重新启动处置', en: 'Relapse: the response is reopened' },
      { zh: `舆情出现反弹：${input.reason}`, en: `The incident relapsed: ${input.reason}` },
    ),
  ];
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

export function validateClose(state: IncidentState, plan: Plan, input: CloseInput) {
  return activeCheck(state, plan, input.actor) ?? leadCheck(state, input.actor, 'close the incident');
}

/** Closing early (a false alarm, a merged incident): what is left is skipped, with the reason on record. */
export function close(state: IncidentState, plan: Plan, input: CloseInput, now: EpochMs) {
  for (const step of plan.steps) {
    const s = state.steps[step.id]!;
    if (s.status === 'waiting' || s.status === 'open') skipStep(state, step, now, 'closed');
  }
  state.status = 'closed';
  record(state, now, { type: 'incident-closed', actor: input.actor.id, data: { reason: input.reason } });
  return [];
}
