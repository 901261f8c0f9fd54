import { validateCalendar } from '../domain/calendar';
import type { Plan, Step } from '../domain/plan-schema';
import { isByLevel, jointOwnersOf, type ByLevel } from '../domain/plan-reading';
import { isRoundStepId } from '../domain/question-rounds';

export interface PlanProblem {
  /** JSON path inside the plan, e.g. steps[3].owner */
  path: string;
  problem: string;
}

/** Finds a cycle along `next` edges and returns it as a list of ids, or undefined. */
function findCycle(ids: string[], next: (id: string) => string[]): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const n of next(id)) {
      const cycle = visit(n);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of ids) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

function duplicates(ids: string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

/**
 * The checks a schema cannot express: references between levels, roles and steps, and cycles.
 * A plan that passes can run to completion under the interpreter.
 */
export function checkPlan(plan: Plan, round = false): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (path: string, problem: string) => problems.push({ path, problem });
  const levels = new Set(plan.levels.map((l) => l.id));
  const roles = new Map(plan.roles.map((r) => [r.id, r]));
  const steps = new Map(plan.steps.map((s) => [s.id, s]));

  for (const d of duplicates(plan.levels.map((l) => l.id))) add('levels', `duplicate level id "${d}"`);
  for (const d of duplicates(plan.roles.map((r) => r.id))) add('roles', `duplicate role id "${d}"`);
  for (const d of duplicates(plan.steps.map((s) => s.id))) add('steps', `duplicate step id "${d}"`);
  for (const d of duplicates(plan.flags.map((f) => f.id))) add('flags', `duplicate flag id "${d}"`);
  const flags = new Set(plan.flags.map((f) => f.id));

  const role = (path: string, id: string) => {
    if (!roles.has(id)) add(path, `unknown role "${id}"`);
  };
  const step = (path: string, id: string) => {
    if (!steps.has(id)) add(path, `unknown step "${id}"`);
  };
  const level = (path: string, id: string) => {
    if (!levels.has(id)) add(path, `unknown level "${id}"`);
  };
  /** A value given level by level names only plan levels, and every level at which its step applies. */
  const levelled = <T>(path: string, s: Step, value: ByLevel<T>, each: (path: string, v: T) => void) => {
    if (!isByLevel(value)) return each(path, value);
    for (const [lvl, v] of Object.entries(value.byLevel)) {
      level(`${path}.byLevel.${lvl}`, lvl);
      each(`${path}.byLevel.${lvl}`, v);
    }
    for (const lvl of s.appliesAt ?? levels) {
      if (!Object.hasOwn(value.byLevel, lvl))
        add(`${path}.byLevel`, `nothing for level "${lvl}", where the step applies`);
    }
  };

  plan.roles.forEach((r, i) => r.reportsTo !== undefined && role(`roles[${i}].reportsTo`, r.reportsTo));
  const roleCycle = findCycle([...roles.keys()], (id) => {
    const up = roles.get(id)?.reportsTo;
    return up !== undefined && roles.has(up) ? [up] : [];
  });
  if (roleCycle) add('roles', `reportsTo cycle: ${roleCycle.join(' → ')}`);

  for (const [lvl, r] of Object.entries(plan.leadRole)) {
    level(`leadRole.${lvl}`, lvl);
    role(`leadRole.${lvl}`, r);
  }
  for (const l of levels)
    if (!Object.hasOwn(plan.leadRole, l)) add('leadRole', `no lead role for level "${l}"`);
  plan.classifiers.forEach((r, i) => role(`classifiers[${i}]`, r));
  if (plan.calendar) for (const problem of validateCalendar(plan.calendar)) add('calendar', problem);

  const predecessors = (s: Step) => (s.kind === 'approval' ? [...s.after, s.revises] : s.after);
  plan.steps.forEach((s, i) => {
    const at = `steps[${i}]`;
    s.appliesAt?.forEach((l, j) => level(`${at}.appliesAt[${j}]`, l));
    if (s.when !== undefined && !flags.has(s.when)) {
      add(`${at}.when`, `unknown flag "${s.when}" (declare it in flags)`);
    }
    s.after.forEach((a, j) => step(`${at}.after[${j}]`, a));
    switch (s.kind) {
      case 'task':
        levelled(`${at}.owner`, s, s.owner, (path, r) => role(path, r));
        break;
      case 'approval':
        s.approvers.forEach((r, j) => role(`${at}.approvers[${j}]`, r));
        step(`${at}.revises`, s.revises);
        break;
      case 'notify':
        s.recipients.forEach((r, j) => role(`${at}.recipients[${j}]`, r));
        levelled(`${at}.message`, s, s.message, () => undefined);
        if (s.deadline) add(`${at}.deadline`, 'a notify step has no owner to hold to a deadline');
        break;
      case 'monitor':
        levelled(`${at}.owner`, s, s.owner, (path, r) => role(path, r));
        if (s.deadline) add(`${at}.deadline`, 'a monitor step is held to followUpEvery, not a deadline');
        break;
      case 'review':
        levelled(`${at}.owner`, s, s.owner, (path, r) => role(path, r));
        for (const d of duplicates(s.form.map((f) => f.id))) add(`${at}.form`, `duplicate field id "${d}"`);
        break;
    }
    jointOwnersOf(s).forEach((r, j) => role(`${at}.jointOwners[${j}]`, r));
    if (s.figure === 'approved-statement' && s.kind !== 'approval') {
      add(`${at}.figure`, 'only an approval step can mark the approved statement');
    }
    if (s.deadline) {
      const within = s.deadline.within;
      if (typeof within !== 'string' && !('workingHours' in within && 'offHours' in within)) {
        for (const l of Object.keys(within)) level(`${at}.deadline.within.${l}`, l);
      }
      if (s.deadline.raiseLevelTo !== undefined)
        level(`${at}.deadline.raiseLevelTo`, s.deadline.raiseLevelTo);
      const from = s.deadline.from;
      if (typeof from === 'object') {
        step(`${at}.deadline.from.stepDone`, from.stepDone);
        if (!predecessors(s).includes(from.stepDone)) {
          add(`${at}.deadline.from.stepDone`, `"${from.stepDone}" must also be listed in after`);
        }
      }
    }
  });
  const stepCycle = findCycle([...steps.keys()], (id) => {
    const s = steps.get(id);
    return s ? predecessors(s).filter((p) => steps.has(p)) : [];
  });
  if (stepCycle) add('steps', `after cycle: ${stepCycle.join(' → ')}`);
  plan.steps.forEach((s, i) => {
    if (isRoundStepId(s.id)) add(`steps[${i}].id`, `ids like "${s.id}" are a question round's (q1-…)`);
    if (!round && s.deadline?.from === 'raised')
      add(`steps[${i}].deadline.from`, '"raised" counts only in a question round');
  });
  if (plan.questions) problems.push(...checkQuestionRounds(plan, plan.questions));
  return problems;
}

/**
 * A round is checked as a plan of its own (its references stay within it), and for what a round cannot
 * have: it applies at every level and whatever the flags, and counts from the question, not the incident.
 */
function checkQuestionRounds(plan: Plan, rounds: NonNullable<Plan['questions']>): PlanProblem[] {
  const problems = checkPlan({ ...plan, questions: undefined, steps: rounds.steps }, true).map((p) => ({
    ...p,
    path: `questions.${p.path}`,
  }));
  const add = (path: string, problem: string) => problems.push({ path: `questions.${path}`, problem });
  const roles = new Set(plan.roles.map((r) => r.id));
  rounds.raisedBy.forEach((r, i) => !roles.has(r) && add(`raisedBy[${i}]`, `unknown role "${r}"`));
  const during = plan.steps.find((s) => s.id === rounds.during);
  if (during?.kind !== 'monitor') add('during', `"${rounds.during}" is not a monitor step of the plan`);
  rounds.steps.forEach((s, i) => {
    const at = `steps[${i}]`;
    if (s.appliesAt !== undefined) add(`${at}.appliesAt`, 'a question round applies at every level');
    if (s.when !== undefined) add(`${at}.when`, 'a question round does not wait for a flag');
    if (s.figure !== undefined) add(`${at}.figure`, 'the review measures the first reply, not a round');
    if (s.kind === 'monitor' || s.kind === 'review') add(`${at}.kind`, `a round has no ${s.kind} step`);
    const from = s.deadline?.from;
    if (from === 'discovery' || from === 'occurrence') {
      add(`${at}.deadline.from`, `a round counts from the question ("raised"), not from ${from}`);
    }
  });
  return problems;
}
