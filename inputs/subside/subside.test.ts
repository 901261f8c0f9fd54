import { subside } from '.';
import { close } from '../close';
import { contractKit } from '../input-schema';
import { as, MINUTE, openAt, T0, type OpenOptions } from '../../test/helpers/input-fixtures';
import { formField, monitor, review, task, tinyPlan } from '../../test/unit/tiny-plan';

/** At l2 the lead leads; the clerk triages and watches; the review waits for the watching to end. */
const plan = tinyPlan([
  task('triage', 'clerk'),
  monitor('watch', 'clerk', { followUpEvery: 'PT1H' }),
  review('review', 'lead', [formField('cause')], { after: ['watch'] }),
]);
const open = (options: OpenOptions = {}) => openAt(plan, 'l2', options);

describe('refusing to declare the incident subsided', () => {
  it('refuses any role but the lead with wrong-role', () => {
    expect(subside.validate(open(), plan, { actor: as('clerk') })).toEqual({
      code: 'wrong-role',
      message: 'only the lead role lead may declare the incident subsided, not clerk',
    });
  });

  it('refuses an incident already in aftercare with wrong-status', () => {
    const state = open();
    subside.apply(state, plan, { actor: as('lead') }, T0 + MINUTE);
    expect(subside.validate(state, plan, { actor: as('lead') })).toEqual({
      code: 'wrong-status',
      message: 'the incident is aftercare, not open',
    });
  });

  it('refuses a role the plan does not have with unknown-role', () => {
    expect(subside.validate(open(), plan, { actor: as('intern') })?.code).toBe('unknown-role');
  });

  it('refuses a closed incident with incident-closed', () => {
    const state = open();
    close.apply(state, plan, { actor: as('lead'), reason: 'merged' }, T0 + MINUTE);
    expect(subside.validate(state, plan, { actor: as('lead') })?.code).toBe('incident-closed');
  });

  it('accepts the lead role on an open incident', () => {
    expect(subside.validate(open(), plan, { actor: as('lead') })).toBeUndefined();
  });
});

describe('declaring the incident subsided', () => {
  it('ends the monitoring, enters aftercare and opens the review, asking its owner', () => {
    const state = open({ ownerNotices: true });
    const notices = subside.apply(state, plan, { actor: as('lead'), note: '平息' }, T0 + MINUTE);
    expect(state.status).toBe('aftercare');
    expect(state.steps.watch).toMatchObject({ status: 'done', doneAt: T0 + MINUTE, doneBy: 'lead-person' });
    expect(state.steps.triage!.status).toBe('open');
    expect(state.steps.review).toMatchObject({ status: 'open', openedAt: T0 + MINUTE });
    expect(state.timeline.slice(-3).map((e) => [e.type, e.stepId, e.actor])).toEqual([
      ['step-done', 'watch', 'lead-person'],
      ['incident-subsided', undefined, 'lead-person'],
      ['step-opened', 'review', undefined],
    ]);
    expect(state.timeline.at(-2)!.data).toEqual({ note: '平息' });
    expect(notices.map((n) => [n.recipients, n.context?.step?.id])).toEqual([[['lead'], 'review']]);
  });

  it('records a missing note as null', () => {
    const state = open();
    subside.apply(state, plan, { actor: as('lead') }, T0 + MINUTE);
    expect(state.timeline.find((e) => e.type === 'incident-subsided')!.data).toEqual({ note: null });
  });
});

describe('the subside contract', () => {
  const fields = contractKit.z.strictObject(subside.fields(contractKit));

  it('takes an optional note and nothing else', () => {
    expect(fields.parse({})).toEqual({});
    expect(fields.parse({ note: '平息' })).toEqual({ note: '平息' });
    expect(fields.safeParse({ reason: 'x' }).success).toBe(false);
  });
});
