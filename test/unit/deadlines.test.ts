import { completeStep } from '../../inputs/complete-step';
import { reclassify } from '../../inputs/reclassify';
import type { Actor } from '../../domain/incident';
import { dueAtFor } from '../../engine/deadlines';
import { nextDueAt, openIncident, recordBreaches } from '../../engine/incident';
import type { IncidentFacts, Plan } from '../../domain/incident';
import { type Doc, monitor, task, tinyPlan } from './tiny-plan';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** An instant given as Shanghai wall-clock time (UTC+8), independent of the host's time zone. */
const sh = (local: string): number => Date.parse(`${local}+08:00`);

/** Tuesday 24 November 2026, 10:00 in Shanghai: inside the default working hours. */
const T0 = sh('2026-11-24T10:00:00');

const clerk: Actor = { id: 'zhang', role: 'clerk' };
const lead: Actor = { id: 'li', role: 'lead' };

const facts = (level: string, discoveredAt: number): IncidentFacts => ({
  id: 'inc-1',
  title: '测试舆情',
  summary: '',
  level,
  reporter: 'wang',
  discoveredAt,
});

/** The dueAt the engine gives the step `id` when the incident is opened at `openedAt`. */
function dueWhenOpened(
  plan: Plan,
  id: string,
  o: { level?: string; discoveredAt?: number; openedAt: number },
) {
  const { state } = openIncident(facts(o.level ?? 'l2', o.discoveredAt ?? o.openedAt), plan, o.openedAt);
  expect(state.steps[id]!.status).toBe('open');
  return state.steps[id]!.dueAt;
}

const deadlineTask = (deadline: Doc, more: Doc = {}) => task('answer', 'clerk', { deadline, ...more });

describe('deadline anchors', () => {
  it('counts a discovery-anchored deadline from the discovery, not from when the step opened', () => {
    const plan = tinyPlan([deadlineTask({ within: 'PT30M', from: 'discovery' })]);
    expect(dueWhenOpened(plan, 'answer', { discoveredAt: T0, openedAt: T0 + 10 * MINUTE })).toBe(
      T0 + 30 * MINUTE,
    );
  });

  it('counts an activation-anchored deadline from the moment the step opens', () => {
    const plan = tinyPlan([deadlineTask({ within: 'PT30M', from: 'activation' })]);
    expect(dueWhenOpened(plan, 'answer', { discoveredAt: T0, openedAt: T0 + 10 * MINUTE })).toBe(
      T0 + 40 * MINUTE,
    );
  });

  it('anchors on activation when the plan names no anchor', () => {
    const plan = tinyPlan([deadlineTask({ within: 'PT30M' })]);
    expect(plan.steps[0]!.deadline?.from).toBe('activation');
    expect(dueWhenOpened(plan, 'answer', { discoveredAt: T0, openedAt: T0 + 10 * MINUTE })).toBe(
      T0 + 40 * MINUTE,
    );
  });

  it('counts a stepDone deadline from when that step was done, even when the step opens later', () => {
    // P5: the written report is due 20 minutes after the oral one, whatever else it waited for.
    const plan = tinyPlan([
      task('oral', 'clerk'),
      task('gather', 'clerk'),
      task('written', 'lead', {
        after: ['oral', 'gather'],
        deadline: { within: 'PT20M', from: { stepDone: 'oral' } },
      }),
    ]);
    const { state } = openIncident(facts('l2', T0), plan, T0);
    completeStep.apply(state, plan, { stepId: 'oral', actor: clerk }, T0 + 5 * MINUTE);
    expect(state.steps.written!.status).toBe('waiting');
    completeStep.apply(state, plan, { stepId: 'gather', actor: clerk }, T0 + 50 * MINUTE);
    expect(state.steps.written!.status).toBe('open');
    expect(state.steps.written!.openedAt).toBe(T0 + 50 * MINUTE);
    expect(state.steps.written!.dueAt).toBe(T0 + 25 * MINUTE);
  });

  it('counts a discovery deadline from the level change for a step that only applies since then', () => {
    const plan = tinyPlan([
      task('triage', 'clerk'),
      task('brief-chief', 'lead', { appliesAt: ['l1'], deadline: { within: 'PT1H', from: 'discovery' } }),
    ]);
    const { state } = openIncident(facts('l2', T0), plan, T0);
    expect(state.steps['brief-chief']!.status).toBe('skipped');
    reclassify.apply(state, plan, { actor: lead, level: 'l1', reason: 'spreading' }, T0 + 3 * HOUR);
    expect(state.steps['brief-chief']!.status).toBe('open');
    expect(state.steps['brief-chief']!.appliesSince).toBe(T0 + 3 * HOUR);
    expect(state.steps['brief-chief']!.dueAt).toBe(T0 + 4 * HOUR);
  });
});

describe('deadlines of steps that apply only after a level change', () => {
  // changeLevel: "steps that newly apply start now with deadlines counted from now".
  const spreading = { actor: lead, level: 'l1', reason: 'spreading' };
  const plan = tinyPlan([
    monitor('watch', 'clerk'),
    task('oral', 'clerk'),
    task('written', 'lead', {
      appliesAt: ['l1'],
      after: ['oral'],
      deadline: { within: 'PT20M', from: { stepDone: 'oral' } },
    }),
  ]);

  it('counts a stepDone deadline from the level change when the anchor step was done before it', () => {
    const { state } = openIncident(facts('l2', T0), plan, T0);
    completeStep.apply(state, plan, { stepId: 'oral', actor: clerk }, T0 + 5 * MINUTE);
    expect(state.steps.written!.status).toBe('skipped');
    expect(reclassify.validate(state, plan, spreading)).toBeUndefined();
    reclassify.apply(state, plan, spreading, T0 + 3 * HOUR);
    expect(state.steps.written!.status).toBe('open');
    // In minutes after T0, so a failure reads as 200 expected against 25 received.
    expect((state.steps.written!.dueAt! - T0) / MINUTE).toBe(3 * 60 + 20);
  });

  it('counts a stepDone deadline from the anchor step when that was done after the level change', () => {
    const { state } = openIncident(facts('l2', T0), plan, T0);
    reclassify.apply(state, plan, spreading, T0 + MINUTE);
    completeStep.apply(state, plan, { stepId: 'oral', actor: clerk }, T0 + 5 * MINUTE);
    expect(state.steps.written!.status).toBe('open');
    expect(state.steps.written!.dueAt).toBe(T0 + 25 * MINUTE);
  });
});

describe('per-level deadlines', () => {
  const plan = tinyPlan([deadlineTask({ within: { l1: 'PT10M' } })]);

  it('applies the span given for the incident level', () => {
    expect(dueWhenOpened(plan, 'answer', { level: 'l1', openedAt: T0 })).toBe(T0 + 10 * MINUTE);
  });

  it('sets no deadline at a level missing from the map', () => {
    expect(dueWhenOpened(plan, 'answer', { level: 'l2', openedAt: T0 })).toBeUndefined();
  });

  it('never reports a breach for a step without a deadline at its level', () => {
    const { state } = openIncident(facts('l2', T0), plan, T0);
    expect(nextDueAt(state)).toBeUndefined();
    expect(recordBreaches(state, plan, T0 + 30 * 24 * HOUR)).toEqual([]);
    expect(state.steps.answer!.breaches).toEqual([]);
  });

  it('gives each level its own span', () => {
    const two = tinyPlan([deadlineTask({ within: { l1: 'PT10M', l2: 'PT2H' } })]);
    expect(dueWhenOpened(two, 'answer', { level: 'l1', openedAt: T0 })).toBe(T0 + 10 * MINUTE);
    expect(dueWhenOpened(two, 'answer', { level: 'l2', openedAt: T0 })).toBe(T0 + 2 * HOUR);
  });

  it('picks a working-hours or off-hours span inside a per-level entry', () => {
    const split = tinyPlan([deadlineTask({ within: { l1: { workingHours: 'PT10M', offHours: 'PT30M' } } })]);
    const sunday = sh('2026-11-22T10:00:00');
    expect(dueWhenOpened(split, 'answer', { level: 'l1', openedAt: T0 })).toBe(T0 + 10 * MINUTE);
    expect(dueWhenOpened(split, 'answer', { level: 'l1', openedAt: sunday })).toBe(sunday + 30 * MINUTE);
    expect(dueWhenOpened(split, 'answer', { level: 'l2', openedAt: T0 })).toBeUndefined();
  });
});

describe('working-hours and off-hours spans', () => {
  // P6: 10 minutes in working hours, 30 minutes outside them.
  const split = { within: { workingHours: 'PT10M', offHours: 'PT30M' } };

  it.each([
    ['a weekday morning', '2026-11-24T10:00:00', 10],
    ['the lunch break', '2026-11-24T12:30:00', 30],
    ['a weekday evening', '2026-11-24T20:00:00', 30],
    ['a Sunday', '2026-11-22T10:00:00', 30],
  ])('gives the span for %s by the default calendar', (_when, local, minutes) => {
    const at = sh(local);
    expect(dueWhenOpened(tinyPlan([deadlineTask(split)]), 'answer', { openedAt: at })).toBe(
      at + minutes * MINUTE,
    );
  });

  it("uses the plan's own calendar when it has one", () => {
    const everyDay = tinyPlan([deadlineTask(split)], {
      calendar: { workingHours: [['00:00', '23:59']], workdays: [1, 2, 3, 4, 5, 6, 7] },
    });
    const sunday = sh('2026-11-22T10:00:00');
    expect(dueWhenOpened(everyDay, 'answer', { openedAt: sunday })).toBe(sunday + 10 * MINUTE);
  });

  it('chooses the span by the anchor instant, not by when the step opens', () => {
    const plan = tinyPlan([deadlineTask({ ...split, from: 'discovery' })]);
    const sunday = sh('2026-11-22T10:00:00');
    expect(dueWhenOpened(plan, 'answer', { discoveredAt: sunday, openedAt: T0 })).toBe(sunday + 30 * MINUTE);
  });
});

describe('follow-up deadlines of monitor steps', () => {
  it('falls due one followUpEvery period after the monitor opens', () => {
    const plan = tinyPlan([monitor('watch', 'clerk', { followUpEvery: 'PT2H' })]);
    expect(dueWhenOpened(plan, 'watch', { openedAt: T0 })).toBe(T0 + 2 * HOUR);
  });

  it('has no deadline without followUpEvery', () => {
    const plan = tinyPlan([monitor('watch', 'clerk')]);
    expect(dueWhenOpened(plan, 'watch', { openedAt: T0 })).toBeUndefined();
  });
});

describe('dueAtFor', () => {
  it('gives no deadline to a step the plan sets none for', () => {
    const plan = tinyPlan([task('answer', 'clerk')]);
    const { state } = openIncident(facts('l2', T0), plan, T0);
    expect(dueAtFor(plan, plan.steps[0]!, state, T0)).toBeUndefined();
  });

  it('falls back to now for a stepDone anchor whose step was never done', () => {
    const plan = tinyPlan([
      task('oral', 'clerk', { appliesAt: ['l1'] }),
      task('written', 'lead', { after: ['oral'], deadline: { within: 'PT20M', from: { stepDone: 'oral' } } }),
    ]);
    const { state } = openIncident(facts('l2', T0), plan, T0);
    expect(state.steps.oral!.status).toBe('skipped');
    expect(state.steps.written!.dueAt).toBe(T0 + 20 * MINUTE);
    expect(dueAtFor(plan, plan.steps[1]!, state, T0 + HOUR)).toBe(T0 + HOUR + 20 * MINUTE);
  });
});
