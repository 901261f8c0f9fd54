import { setFlag } from '.';
import { close } from '../close';
import { reclassify } from '../reclassify';
import { openIncident } from '../../engine/incident';
import { checkPlan } from '../../plans/check-plan';
import { as, factsAt, HOUR, MINUTE, openAt, T0 } from '../../test/helpers/input-fixtures';
import { task, tinyPlan, tinyPlanDoc } from '../../test/unit/tiny-plan';
import { parsePlan, PlanError } from '../../plans/catalog';

// A flag is a fact besides the level that some steps wait for (issue 14 item 8): set at intake or later
// by the lead role, it brings those steps in with deadlines counted from when it was set.

const flags = [{ id: 'accident', name: { zh: '事故', en: 'accident' }, source: { file: 'f', section: 's' } }];
const plan = tinyPlan(
  [
    task('triage', 'clerk'),
    task('tell-duty', 'clerk', {
      when: 'accident',
      deadline: { within: 'PT30M', from: 'discovery' },
    }),
    task('tell-chief', 'lead', { when: 'accident', appliesAt: ['l1'] }),
  ],
  { flags },
);

describe('refusing to set a flag', () => {
  it('is for the lead role only', () => {
    expect(setFlag.validate(openAt(plan), plan, { actor: as('clerk'), flag: 'accident' })?.code).toBe(
      'wrong-role',
    );
  });

  it('names the flags the plan has when it has no such one', () => {
    const refusal = setFlag.validate(openAt(plan), plan, { actor: as('lead'), flag: 'flood' });
    expect(refusal).toMatchObject({ code: 'unknown-flag' });
    expect(refusal?.message).toContain('accident');
  });

  it('has nothing to mark on a plan without flags, or once every flag is set', () => {
    const plain = tinyPlan([task('triage', 'clerk')]);
    expect(setFlag.validate(openAt(plain), plain, { actor: as('lead'), flag: 'accident' })?.code).toBe(
      'nothing-to-mark',
    );
    const state = openIncident(factsAt('l2', { flags: ['accident'] }), plan, T0).state;
    expect(setFlag.validate(state, plan, { actor: as('lead'), flag: 'other' })?.code).toBe('nothing-to-mark');
  });

  it('refuses a flag already set, and a closed incident', () => {
    const state = openIncident(factsAt('l2', { flags: ['accident'] }), plan, T0).state;
    expect(setFlag.validate(state, plan, { actor: as('lead'), flag: 'accident' })?.code).toBe(
      'flag-already-set',
    );
    const closed = openAt(plan);
    close.apply(closed, plan, { actor: as('lead'), reason: 'merged' }, T0 + MINUTE);
    expect(setFlag.validate(closed, plan, { actor: as('lead'), flag: 'accident' })?.code).toBe(
      'incident-closed',
    );
  });
});

describe('a flag set', () => {
  it('at intake opens its steps with the incident', () => {
    const state = openIncident(factsAt('l2', { flags: ['accident'] }), plan, T0).state;
    expect(state.flags).toEqual({ accident: T0 });
    expect(state.steps['tell-duty']).toMatchObject({ status: 'open', dueAt: T0 + 30 * MINUTE });
    expect(state.timeline[0]!.data).toMatchObject({ flags: ['accident'] });
  });

  it('later opens a step skipped for want of it, its deadline counted from then, not from discovery', () => {
    const state = openAt(plan);
    expect(state.steps['tell-duty']).toMatchObject({ status: 'skipped', skippedBecause: 'flag' });
    expect(state.timeline.find((e) => e.stepId === 'tell-duty')?.data).toMatchObject({ because: 'flag' });
    const notices = setFlag.apply(state, plan, { actor: as('lead'), flag: 'accident' }, T0 + HOUR);
    expect(state.steps['tell-duty']).toMatchObject({
      status: 'open',
      openedAt: T0 + HOUR,
      dueAt: T0 + HOUR + 30 * MINUTE,
    });
    expect(notices).toEqual([]); // owners are told under patch 'owner-notices' only
    // Still not at its level: the step for l1 stays skipped, by its level now.
    expect(state.steps['tell-chief']).toMatchObject({ status: 'skipped' });
    reclassify.apply(state, plan, { actor: as('lead'), level: 'l1', reason: '升级' }, T0 + 2 * HOUR);
    expect(state.steps['tell-chief']).toMatchObject({ status: 'open', openedAt: T0 + 2 * HOUR });
  });

  it('tells the owner of the step it opens, on incidents that tell owners', () => {
    const state = openAt(plan, 'l2', { ownerNotices: true });
    const notices = setFlag.apply(state, plan, { actor: as('lead'), flag: 'accident' }, T0 + HOUR);
    expect(notices.map((n) => n.recipients)).toEqual([['clerk']]);
  });

  it('leaves plans without flags as they ran: nothing is skipped for a flag', () => {
    const plain = tinyPlan([task('triage', 'clerk')]);
    const state = openAt(plain);
    expect(state.flags).toBeUndefined();
    expect(state.steps['triage']!.status).toBe('open');
  });
});

describe('a plan naming flags', () => {
  it('refuses a step waiting for a flag the plan does not declare', () => {
    const doc = tinyPlanDoc([task('a', 'clerk', { when: 'flood' })]);
    expect(() => parsePlan('tiny', doc)).toThrow(PlanError);
    expect(
      checkPlan({ ...plan, steps: [...plan.steps, { ...plan.steps[0]!, id: 'b', when: 'flood' }] }),
    ).toEqual([{ path: 'steps[3].when', problem: 'unknown flag "flood" (declare it in flags)' }]);
  });
});
