import { reopen } from '.';
import { close } from '../close';
import { subside } from '../subside';
import { contractKit } from '../input-schema';
import { as, HOUR, MINUTE, openAt, subsided, T0, type OpenOptions } from '../../test/helpers/input-fixtures';
import { formField, monitor, review, task, tinyPlan } from '../../test/unit/tiny-plan';

/** At l2 the lead leads; the clerk triages and watches; the review waits for the watching to end. */
const plan = tinyPlan([
  task('triage', 'clerk'),
  monitor('watch', 'clerk', { followUpEvery: 'PT1H' }),
  review('review', 'lead', [formField('cause')], { after: ['watch'] }),
]);
const inAftercare = (options: OpenOptions = {}) => subsided(plan, options);
const relapse = (role = 'lead') => ({ actor: as(role), reason: '再次发酵' });

describe('refusing to reopen', () => {
  it('refuses an incident that has not subsided with wrong-status', () => {
    const state = openAt(plan);
    expect(reopen.validate(state, plan, relapse())).toEqual({
      code: 'wrong-status',
      message: 'only a subsided incident in aftercare can relapse; it is open',
    });
  });

  it('refuses a role the plan does not have with unknown-role', () => {
    expect(reopen.validate(inAftercare(), plan, relapse('intern'))?.code).toBe('unknown-role');
  });

  it('refuses a closed incident with incident-closed', () => {
    const state = inAftercare();
    close.apply(state, plan, { actor: as('lead'), reason: 'done' }, T0 + 2 * MINUTE);
    expect(reopen.validate(state, plan, relapse())?.code).toBe('incident-closed');
  });

  it('accepts any role of the plan during aftercare, not only the lead', () => {
    expect(reopen.validate(inAftercare(), plan, relapse('clerk'))).toBeUndefined();
  });
});

describe('reopening on a relapse', () => {
  it('restarts the monitoring with a fresh cadence, puts the review back to wait and tells the lead', () => {
    const state = inAftercare({ ownerNotices: true });
    const now = T0 + 10 * MINUTE;
    const notices = reopen.apply(state, plan, relapse('clerk'), now);
    expect(state.status).toBe('open');
    expect(state.steps.watch).toMatchObject({ status: 'open', openedAt: now, dueAt: now + HOUR });
    expect(state.steps.review!.status).toBe('waiting');
    expect(state.steps.triage!.status).toBe('open');
    const events = state.timeline.slice(-3);
    expect(events.map((e) => [e.type, e.stepId])).toEqual([
      ['incident-reopened', undefined],
      ['step-opened', 'watch'],
      ['step-reopened', 'review'],
    ]);
    expect(events[0]).toMatchObject({ actor: 'clerk-person', at: now, data: { reason: '再次发酵' } });
    expect(events[2]!.data).toEqual({ reason: 'relapse: waits for subsiding' });
    expect(notices.map((n) => [n.recipients, n.causeSeq])).toEqual([
      [['lead'], events[0]!.seq],
      [['clerk'], events[1]!.seq],
    ]);
    expect(notices[0]!.body.zh).toContain('再次发酵');
  });

  it('opens the review again only once the incident subsides again', () => {
    const state = inAftercare();
    reopen.apply(state, plan, relapse(), T0 + 10 * MINUTE);
    subside.apply(state, plan, { actor: as('lead') }, T0 + 20 * MINUTE);
    expect(state.steps.review).toMatchObject({ status: 'open', openedAt: T0 + 20 * MINUTE });
  });
});

describe('the reopen contract', () => {
  const fields = contractKit.z.strictObject(reopen.fields(contractKit));

  it('takes a reason, trimmed, and refuses a blank or missing one', () => {
    expect(fields.parse({ reason: ' 再次发酵 ' })).toEqual({ reason: '再次发酵' });
    expect(fields.safeParse({ reason: '  ' }).success).toBe(false);
    expect(fields.safeParse({}).success).toBe(false);
  });
});
