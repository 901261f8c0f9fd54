import { completeStep } from '../../inputs/complete-step';
import { reportFollowUp } from '../../inputs/report-follow-up';
import { promiseMilestone } from '../../inputs/promise-milestone';
import { nextDueAt, openIncident, recordBreaches } from '../../engine/incident';
import { as, factsAt, HOUR, MINUTE, T0 } from '../helpers/input-fixtures';
import { builtinPlan } from '../helpers/plans';
import { monitor, task, tinyPlan } from './tiny-plan';

// Issue 14 item 7: a missed deadline climbs the plan's reportsTo chain one role at a time, as the seeds'
// chains mean it (P1 第二步: the monitor "及时上报局领导小组", not the higher organization at once).
// Under patch 'stepwise-escalation' (state.stepwise); incidents opened before it told the whole chain.

const p1 = builtinPlan('p1-acheng-agriculture');
const open = (stepwise: boolean) =>
  openIncident(factsAt('l4'), p1, T0, { correctness: true, stepwise }).state;
const REPORT_DUE = T0 + 30 * MINUTE; // P1 report-facts: 30 minutes from discovery

describe('a missed deadline, step by step', () => {
  it('tells the owner and its immediate superior first, not the whole chain', () => {
    const state = open(true);
    const notices = recordBreaches(state, p1, REPORT_DUE + 5 * MINUTE);
    expect(state.steps['report-facts']!.breaches[0]!.escalatedTo).toEqual(['monitor', 'office']);
    expect(notices.map((n) => n.recipients)).toEqual([['monitor', 'office']]);
    expect(nextDueAt(state)).toBe(REPORT_DUE + 30 * MINUTE);
  });

  it('takes it one role further up after each further 30 minutes while the step is not done, each hop on the timeline', () => {
    const state = open(true);
    recordBreaches(state, p1, REPORT_DUE);
    expect(recordBreaches(state, p1, REPORT_DUE + 29 * MINUTE)).toEqual([]);
    const first = recordBreaches(state, p1, REPORT_DUE + 30 * MINUTE);
    expect(first.map((n) => n.recipients)).toEqual([['party-group']]);
    const second = recordBreaches(state, p1, REPORT_DUE + 60 * MINUTE);
    expect(second.map((n) => n.recipients)).toEqual([['higher-org']]);
    // The top of the chain reached: nothing more to climb.
    expect(recordBreaches(state, p1, REPORT_DUE + 5 * HOUR)).toEqual([]);
    expect(
      state.timeline.filter((e) => e.type === 'escalated').map((e) => [e.stepId, e.data.role, e.data.hop]),
    ).toEqual([
      ['report-facts', 'party-group', 3],
      ['report-facts', 'higher-org', 4],
    ]);
  });

  it('stops climbing once the step is done', () => {
    const state = open(true);
    recordBreaches(state, p1, REPORT_DUE);
    completeStep.apply(state, p1, { stepId: 'report-facts', actor: as('monitor') }, REPORT_DUE + 10 * MINUTE);
    expect(
      recordBreaches(state, p1, REPORT_DUE + 2 * HOUR).filter((n) => n.recipients.includes('party-group')),
    ).toEqual([]);
    expect(state.timeline.some((e) => e.type === 'escalated')).toBe(false);
  });

  it('after an outage, makes every hop that fell due, in order', () => {
    const state = open(true);
    const notices = recordBreaches(state, p1, REPORT_DUE + 2 * HOUR);
    expect(notices.map((n) => n.recipients)).toEqual([
      ['monitor', 'office'],
      ['party-group'],
      ['higher-org'],
    ]);
  });

  it('climbs at the interval the plan sets', () => {
    const plan = tinyPlan([task('triage', 'clerk', { deadline: { within: 'PT10M', from: 'discovery' } })], {
      escalation: { every: 'PT5M' },
    });
    const state = openIncident(factsAt('l2'), plan, T0, { stepwise: true }).state;
    recordBreaches(state, plan, T0 + 10 * MINUTE);
    expect(recordBreaches(state, plan, T0 + 15 * MINUTE).map((n) => n.recipients)).toEqual([['chief']]);
  });

  it('climbs for a promised reply missed too', () => {
    const state = open(true);
    promiseMilestone.apply(
      state,
      p1,
      { actor: as('monitor'), title: '答复', reason: '核实中', dueAt: T0 + HOUR },
      T0,
    );
    const late = recordBreaches(state, p1, T0 + HOUR).filter((n) => n.subject.zh.includes('承诺'));
    expect(late.map((n) => n.recipients)).toEqual([['monitor', 'office']]);
    const hop = recordBreaches(state, p1, T0 + 90 * MINUTE);
    expect(hop.map((n) => n.recipients)).toContainEqual(['party-group']);
    expect(state.timeline.find((e) => e.type === 'escalated' && e.data.milestoneId === 'm1')).toBeDefined();
  });

  it('stops a follow-up cadence climbing once the report is made, and starts afresh at the next miss', () => {
    const plan = tinyPlan([monitor('watch', 'clerk', { followUpEvery: 'PT1H' })]);
    const state = openIncident(factsAt('l2'), plan, T0, { correctness: true, stepwise: true }).state;
    recordBreaches(state, plan, T0 + HOUR);
    expect(state.steps['watch']!.escalation).toMatchObject({ reached: 2 });
    reportFollowUp.apply(
      state,
      plan,
      { stepId: 'watch', actor: as('clerk'), note: '平稳' },
      T0 + 70 * MINUTE,
    );
    expect(state.steps['watch']!.escalation).toBeUndefined();
    const next = recordBreaches(state, plan, T0 + 130 * MINUTE);
    expect(next.map((n) => n.recipients)).toEqual([['clerk', 'lead']]);
  });
});

describe('an incident opened before the patch', () => {
  it('still tells the whole chain at once, as its history recorded', () => {
    const state = open(false);
    const notices = recordBreaches(state, p1, REPORT_DUE + 5 * MINUTE);
    expect(notices.map((n) => n.recipients)).toEqual([['monitor', 'office', 'party-group', 'higher-org']]);
    expect(recordBreaches(state, p1, REPORT_DUE + 5 * HOUR)).toEqual([]);
  });
});
