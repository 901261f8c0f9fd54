import type { Deadline, DeadlineSpan, Plan, Step } from './plan-schema';
import type { IncidentState, StepState } from './incident';
import type { Words } from './words';

// Reading a plan: its steps in order, its levels by severity, its roles and their chain upwards.

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}

export function stepOf(plan: Plan, stepId: string): Step | undefined {
  return plan.steps.find((s) => s.id === stepId);
}

export function applies(step: Step, level: string): boolean {
  return step.appliesAt === undefined || step.appliesAt.includes(level);
}

/** Why a step does not apply to the incident now: its level, or a flag it waits for not set yet. */
export function notApplying(step: Step, state: IncidentState): 'level' | 'flag' | undefined {
  if (!applies(step, state.level)) return 'level';
  if (step.when !== undefined && state.flags?.[step.when] === undefined) return 'flag';
  return undefined;
}

/** An approval also waits for the work it approves, so work redone after a rejection is approved again. */
export function predecessors(step: Step): string[] {
  return step.kind === 'approval' ? [...step.after, step.revises] : step.after;
}

export function isFinished(s: StepState | undefined): boolean {
  return s?.status === 'done' || s?.status === 'skipped';
}

/** The roles that do a step together with its owner (P5: "局办公室和责任科室共同…续报"). */
export function jointOwnersOf(step: Step): string[] {
  return 'jointOwners' in step ? (step.jointOwners ?? []) : [];
}

/** A plan value given once for every level, or level by level (`{ byLevel: { l1: …, l2: … } }`). */
export type ByLevel<T> = T | { byLevel: Record<string, T> };

export function isByLevel<T>(value: ByLevel<T>): value is { byLevel: Record<string, T> } {
  return typeof value === 'object' && value !== null && 'byLevel' in value;
}

/** A value at a level (undefined at a level it does not name). */
export function atLevel<T>(value: ByLevel<T>, level: string): T | undefined {
  return isByLevel(value) ? value.byLevel[level] : value;
}

/** Every value given, once or level by level, each once. */
export function allLevels<T>(value: ByLevel<T>): T[] {
  return isByLevel(value) ? [...new Set(Object.values(value.byLevel))] : [value];
}

/** The role that does a task, monitor or review at a level. */
export function ownerAt(step: Step, level: string): string | undefined {
  return 'owner' in step ? atLevel(step.owner, level) : undefined;
}

/** The owner at a level as a list of recipients: none where the step has no owner there. */
export function ownersAt(step: Step, level: string): string[] {
  const owner = ownerAt(step, level);
  return owner === undefined ? [] : [owner];
}

/** Every role that may own the step, whatever the level. */
export function ownersOf(step: Step): string[] {
  return 'owner' in step ? allLevels(step.owner) : [];
}

/** The role that must act on an open step now, at the incident's level. */
export function currentOwner(step: Step, s: StepState, level: string): string | undefined {
  switch (step.kind) {
    case 'task':
    case 'monitor':
    case 'review':
      return atLevel(step.owner, level);
    case 'approval':
      return step.approvers[s.stage ?? 0];
    case 'notify':
      return undefined;
    default:
      return assertNever(step);
  }
}

/** Lower index = more severe (plans list levels most severe first). */
export function severity(plan: Plan, level: string): number {
  const i = plan.levels.findIndex((l) => l.id === level);
  return i < 0 ? plan.levels.length : i;
}

export function levelName(plan: Plan, level: string): Words {
  return plan.levels.find((l) => l.id === level)?.names ?? { zh: level, en: level };
}

/** The role and everyone above it along `reportsTo`, nearest first. Plans are validated cycle-free. */
export function escalationChain(plan: Plan, roleId: string): string[] {
  const byId = new Map(plan.roles.map((r) => [r.id, r]));
  const chain: string[] = [];
  let current: string | undefined = roleId;
  while (current !== undefined && !chain.includes(current)) {
    chain.push(current);
    current = byId.get(current)?.reportsTo;
  }
  return chain;
}

export function roleName(plan: Plan, roleId: string): Words {
  return plan.roles.find((r) => r.id === roleId)?.names ?? { zh: roleId, en: roleId };
}

/** A deadline's span that holds at every level: one duration, or one in working hours and one outside. */
export const isSpan = (v: Deadline['within']): v is DeadlineSpan =>
  typeof v === 'string' || ('workingHours' in v && 'offHours' in v && typeof v.workingHours === 'string');

/** Some deadline of the plan takes one span in working hours and another outside them. */
export function usesWorkingHours(plan: Plan): boolean {
  return plan.steps.some((s) => {
    const within = s.deadline?.within;
    if (within === undefined) return false;
    if (isSpan(within)) return typeof within !== 'string';
    return Object.values(within).some((span) => typeof span !== 'string');
  });
}
