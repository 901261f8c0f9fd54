import { ownerAt } from '../../domain/plan-reading';
import { completeStep } from '../../inputs/complete-step';
import { decideApproval } from '../../inputs/decide-approval';
import { submitReview } from '../../inputs/submit-review';
import { promiseMilestone } from '../../inputs/promise-milestone';
import { completeMilestone } from '../../inputs/complete-milestone';
import { subside } from '../../inputs/subside';
import { currentOwner, isBreached, nextDueAt, openIncident, recordBreaches } from '../../engine/incident';
import type { IncidentState, Plan } from '../../domain/incident';
import { as, factsAt as facts, HOUR, MINUTE, T0 } from '../helpers/input-fixtures';
import { builtinPlan } from '../helpers/plans';
import { approval, notify, task, tinyPlan } from './tiny-plan';

const p1 = builtinPlan('p1-acheng-agriculture');
const monitor = as('monitor');

const statusOf = (state: IncidentState, id: string) => state.steps[id]!.status;
const lastEvent = (state: IncidentState) => state.timeline.at(-1)!;

/**
 * Acts on every open step as its owner would, checking each input with its validator first, until
 * nothing is open; returns the number of inputs it took. Independent of how many steps the plan has.
 */
function finishEverything(state: IncidentState, plan: Plan, start: number): number {
  let now = start;
  let inputs = 0;
  for (; inputs < 100; inputs++) {
    const step = plan.steps.find((s) => statusOf(state, s.id) === 'open');
    if (!step) return inputs;
    expect(state.status).not.toBe('closed');
    now += MINUTE;
    const s = state.steps[step.id]!;
    switch (step.kind) {
      case 'task': {
        const input = { stepId: step.id, actor: as(ownerAt(step, state.level)!) };
        expect(completeStep.validate(state, plan, input)).toBeUndefined();
        completeStep.apply(state, plan, input, now);
        break;
      }
      case 'approval': {
        const input = {
          stepId: step.id,
          actor: as(currentOwner(step, s, state.level)!),
          decision: 'approve' as const,
        };
        expect(decideApproval.validate(state, plan, input)).toBeUndefined();
        decideApproval.apply(state, plan, input, now);
        break;
      }
      case 'monitor': {
        const input = { actor: as(state.leadRole) };
        expect(subside.validate(state, plan, input)).toBeUndefined();
        subside.apply(state, plan, input, now);
        break;
      }
      case 'review': {
        const answers = Object.fromEntries(step.form.map((f) => [f.id, `answer to ${f.id}`]));
        const input = { stepId: step.id, actor: as(ownerAt(step, state.level)!), answers };
        expect(submitReview.validate(state, plan, input)).toBeUndefined();
        submitReview.apply(state, plan, input, now);
        break;
      }
      case 'notify':
        throw new Error(`notify step ${step.id} stayed open`);
    }
  }
  throw new Error('the plan did not run out of open steps');
}

describe('opening an incident', () => {
  it('opens the first steps, skips those not applying at the level and leaves the rest waiting', () => {
    const plan = tinyPlan([
      task('triage', 'clerk', { deadline: { within: 'PT30M', from: 'discovery' } }),
      task('brief-chief', 'chief', { appliesAt: ['l1'] }),
      task('respond', 'lead', { after: ['triage'] }),
    ]);
    const { state, notifications } = openIncident(facts('l2'), plan, T0 + 5 * MINUTE);
    expect(state.status).toBe('open');
    expect(state.leadRole).toBe('lead');
    expect(state.steps.triage).toMatchObject({
      status: 'open',
      openedAt: T0 + 5 * MINUTE,
      dueAt: T0 + 30 * MINUTE,
    });
    expect(state.steps['brief-chief']).toMatchObject({ status: 'skipped', skippedBecause: 'level' });
    expect(state.steps.respond!.status).toBe('waiting');
    expect(notifications).toEqual([]);
    expect(state.timeline.map((e) => [e.type, e.stepId])).toEqual([
      ['incident-opened', undefined],
      ['step-opened', 'triage'],
      ['step-skipped', 'brief-chief'],
    ]);
    expect(state.timeline.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('opens P1 at level II with the fact report due 30 minutes after discovery and the level I steps skipped', () => {
    const { state } = openIncident(facts('l2'), p1, T0 + 10 * MINUTE);
    expect(state.leadRole).toBe('party-group');
    expect(state.steps['report-facts']).toMatchObject({ status: 'open', dueAt: T0 + 30 * MINUTE });
    // 五 Ⅱ: "由局党组领导上报上级党组织": the report upward waits for the facts at Ⅱ too.
    expect(statusOf(state, 'report-higher-org')).toBe('waiting');
    expect(statusOf(state, 'consult')).toBe('waiting');
    for (const step of p1.steps) {
      if (step.appliesAt && !step.appliesAt.includes('l2')) expect(statusOf(state, step.id)).toBe('skipped');
    }
  });

  // P1 Ⅰ: "在上级党组织的领导下，局机关工委具体负责开展应急工作": the bureau's own body leads, the higher
  // organization is reported to and directs.
  it('makes the 局机关工委 (office) lead a P1 incident at level I, reporting to the higher organization', () => {
    const { state } = openIncident(facts('l1'), p1, T0);
    expect(state.leadRole).toBe('office');
    expect(statusOf(state, 'report-higher-org')).toBe('waiting');
  });
});

describe('deadline breaches', () => {
  const twoDeadlines = () =>
    tinyPlan([
      task('quick', 'clerk', { deadline: { within: 'PT10M' } }),
      task('slow', 'lead', { deadline: { within: 'PT1H' } }),
    ]);

  it('records nothing before a deadline passes', () => {
    const plan = twoDeadlines();
    const { state } = openIncident(facts('l2'), plan, T0);
    expect(recordBreaches(state, plan, T0 + 9 * MINUTE)).toEqual([]);
    expect(isBreached(state)).toBe(false);
  });

  it('records one breach per deadline and escalates along reportsTo', () => {
    const plan = twoDeadlines();
    const { state } = openIncident(facts('l2'), plan, T0);
    const notifications = recordBreaches(state, plan, T0 + 15 * MINUTE);
    expect(state.steps.quick!.breaches).toEqual([
      {
        dueAt: T0 + 10 * MINUTE,
        recordedAt: T0 + 15 * MINUTE,
        lateByMs: 5 * MINUTE,
        escalatedTo: ['clerk', 'lead', 'chief'],
      },
    ]);
    expect(state.steps.slow!.breaches).toEqual([]);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.recipients).toEqual(['clerk', 'lead', 'chief']);
    expect(state.timeline[notifications[0]!.causeSeq - 1]).toMatchObject({
      type: 'deadline-breached',
      stepId: 'quick',
    });
    expect(statusOf(state, 'quick')).toBe('open');
    expect(isBreached(state)).toBe(true);

    expect(recordBreaches(state, plan, T0 + 20 * MINUTE)).toEqual([]);
    expect(state.steps.quick!.breaches).toHaveLength(1);

    recordBreaches(state, plan, T0 + 2 * HOUR);
    expect(state.steps.slow!.breaches).toEqual([
      { dueAt: T0 + HOUR, recordedAt: T0 + 2 * HOUR, lateByMs: HOUR, escalatedTo: ['lead', 'chief'] },
    ]);
    expect(state.steps.quick!.breaches).toHaveLength(1);
  });

  it('counts a deadline reached to the millisecond as breached, zero milliseconds late', () => {
    const plan = twoDeadlines();
    const { state } = openIncident(facts('l2'), plan, T0);
    recordBreaches(state, plan, T0 + 10 * MINUTE);
    expect(state.steps.quick!.breaches.map((b) => b.lateByMs)).toEqual([0]);
  });

  it('escalates a late P1 fact report from the monitor up to the higher organization', () => {
    const { state } = openIncident(facts('l2'), p1, T0);
    recordBreaches(state, p1, T0 + 45 * MINUTE);
    expect(state.steps['report-facts']!.breaches).toEqual([
      {
        dueAt: T0 + 30 * MINUTE,
        recordedAt: T0 + 45 * MINUTE,
        lateByMs: 15 * MINUTE,
        escalatedTo: ['monitor', 'office', 'party-group', 'higher-org'],
      },
    ]);
  });

  it('escalates a late approval from the approver it is waiting for', () => {
    const plan = tinyPlan([
      task('draft', 'clerk'),
      approval('sign', 'draft', ['lead', 'chief'], { deadline: { within: 'PT1H' } }),
    ]);
    const { state } = openIncident(facts('l2'), plan, T0);
    completeStep.apply(state, plan, { stepId: 'draft', actor: as('clerk') }, T0);
    decideApproval.apply(
      state,
      plan,
      { stepId: 'sign', actor: as('lead'), decision: 'approve' },
      T0 + 10 * MINUTE,
    );
    recordBreaches(state, plan, T0 + 2 * HOUR);
    expect(state.steps.sign!.breaches.map((b) => b.escalatedTo)).toEqual([['chief']]);
  });

  it('raises the level when a deadline that says so is missed', () => {
    const plan = tinyPlan([task('contain', 'clerk', { deadline: { within: 'PT10M', raiseLevelTo: 'l1' } })]);
    const { state } = openIncident(facts('l2'), plan, T0);
    const notifications = recordBreaches(state, plan, T0 + 11 * MINUTE);
    expect(state.level).toBe('l1');
    expect(state.leadRole).toBe('chief');
    expect(state.timeline.map((e) => e.type)).toContain('level-changed');
    expect(notifications.length).toBeGreaterThanOrEqual(2);
  });
});

describe('nextDueAt', () => {
  it('is the earliest open deadline', () => {
    const plan = tinyPlan([
      task('slow', 'lead', { deadline: { within: 'PT1H' } }),
      task('quick', 'clerk', { deadline: { within: 'PT10M' } }),
    ]);
    const { state } = openIncident(facts('l2'), plan, T0);
    expect(nextDueAt(state)).toBe(T0 + 10 * MINUTE);
  });

  it('skips a deadline already recorded as breached', () => {
    const plan = tinyPlan([
      task('quick', 'clerk', { deadline: { within: 'PT10M' } }),
      task('slow', 'lead', { deadline: { within: 'PT1H' } }),
    ]);
    const { state } = openIncident(facts('l2'), plan, T0);
    recordBreaches(state, plan, T0 + 15 * MINUTE);
    expect(nextDueAt(state)).toBe(T0 + HOUR);
    recordBreaches(state, plan, T0 + 2 * HOUR);
    expect(nextDueAt(state)).toBeUndefined();
  });

  it('ignores the deadlines of steps that are done', () => {
    const plan = tinyPlan([
      task('quick', 'clerk', { deadline: { within: 'PT10M' } }),
      task('slow', 'lead', { deadline: { within: 'PT1H' } }),
    ]);
    const { state } = openIncident(facts('l2'), plan, T0);
    completeStep.apply(state, plan, { stepId: 'quick', actor: as('clerk') }, T0 + MINUTE);
    expect(nextDueAt(state)).toBe(T0 + HOUR);
  });

  it('counts again when rejected work is reopened with a new deadline', () => {
    const plan = tinyPlan([
      task('draft', 'clerk', { deadline: { within: 'PT30M' } }),
      approval('sign', 'draft', ['lead']),
    ]);
    const { state } = openIncident(facts('l2'), plan, T0);
    recordBreaches(state, plan, T0 + 40 * MINUTE);
    expect(nextDueAt(state)).toBeUndefined();
    completeStep.apply(state, plan, { stepId: 'draft', actor: as('clerk') }, T0 + 45 * MINUTE);
    decideApproval.apply(
      state,
      plan,
      { stepId: 'sign', actor: as('lead'), decision: 'reject', comment: 'again' },
      T0 + HOUR,
    );
    expect(state.steps.draft!.dueAt).toBe(T0 + 90 * MINUTE);
    expect(nextDueAt(state)).toBe(T0 + 90 * MINUTE);
  });
});

describe('closing', () => {
  it('closes the incident when the last step is finished, and not before', () => {
    const plan = tinyPlan([
      task('a', 'clerk'),
      task('b', 'lead', { after: ['a'] }),
      notify('tell', ['chief'], { after: ['b'] }),
    ]);
    const { state } = openIncident(facts('l2'), plan, T0);
    completeStep.apply(state, plan, { stepId: 'a', actor: as('clerk') }, T0 + MINUTE);
    expect(state.status).toBe('open');
    completeStep.apply(state, plan, { stepId: 'b', actor: as('lead') }, T0 + 2 * MINUTE);
    expect(state.status).toBe('closed');
    expect(statusOf(state, 'tell')).toBe('done');
    expect(lastEvent(state)).toMatchObject({
      type: 'incident-closed',
      data: { reason: 'every step finished' },
    });
    expect(state.timeline.filter((e) => e.type === 'incident-closed')).toHaveLength(1);
  });

  it('keeps the incident open while a promised reply is outstanding', () => {
    const plan = tinyPlan([task('a', 'clerk')]);
    const { state } = openIncident(facts('l2'), plan, T0);
    promiseMilestone.apply(
      state,
      plan,
      { actor: as('lead'), title: 'reply to the press', reason: 'awaiting the inspection', dueAt: T0 + HOUR },
      T0,
    );
    completeStep.apply(state, plan, { stepId: 'a', actor: as('clerk') }, T0 + MINUTE);
    expect(state.status).toBe('open');
    completeMilestone.apply(state, plan, { actor: as('lead'), milestoneId: 'm1' }, T0 + 2 * MINUTE);
    expect(state.status).toBe('closed');
  });

  it('runs P1 at level II to its close when every open step is acted on by its owner', () => {
    const { state } = openIncident(facts('l2'), p1, T0);
    const inputs = finishEverything(state, p1, T0);
    expect(inputs).toBeGreaterThanOrEqual(7);
    expect(state.status).toBe('closed');
    expect(lastEvent(state).type).toBe('incident-closed');
    for (const step of p1.steps) expect(['done', 'skipped']).toContain(statusOf(state, step.id));
    expect(completeStep.validate(state, p1, { stepId: 'report-facts', actor: monitor })?.code).toBe(
      'incident-closed',
    );
  });

  it('runs P1 at level I to its close too', () => {
    const { state } = openIncident(facts('l1'), p1, T0);
    finishEverything(state, p1, T0);
    expect(state.status).toBe('closed');
    expect(statusOf(state, 'report-higher-org')).toBe('done');
  });
});
