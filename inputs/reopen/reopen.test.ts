import { reopen } from '.';
import { close } from '../close';
import { subside } from '../subside';
import type { Actor, IncidentFacts, IncidentState } from '../../domain/incident';
import { openIncident } from '../../engine/incident';
import { contractKit } from '../input-schema';
import { monitor, task, tinyPlan, type Doc } from '../../test/unit/tiny-plan';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Tuesday 24 November 2026, 10:00 in Shanghai. */
const T0 = Date.parse('2026-11-24T10:00:00+08:00');

const as = (role: string): Actor => ({ id: `${role}-person`, role });
const facts: IncidentFacts = {
  id: 'inc-1',
  title: '测试舆情',
  summary: '',
  level: 'l2',
  reporter: 'wang',
  discoveredAt: T0,
};
const names = (id: string) => ({ zh: id, en: id });
const review: Doc = {
  id: 'review',
  kind: 'review',
  title: names('review'),
  source: { file: 'unit-test', section: 'n/a' },
  after: ['watch'],
  owner: 'lead',
  instructions: names('review'),
  form: [{ id: 'cause', label: names('cause') }],
};
/** At l2 the lead leads; the clerk triages and watches; the review waits for the watching to end. */
const plan = tinyPlan([
  task('triage', 'clerk'),
  monitor('watch', 'clerk', { followUpEvery: 'PT1H' }),
  review,
]);

/** Subsided a minute after it opened: in aftercare with the review open. */
function inAftercare(options: { ownerNotices?: boolean } = {}): IncidentState {
  const { state } = openIncident(facts, plan, T0, options);
  subside.apply(state, plan, { actor: as('lead') }, T0 + MINUTE);
  return state;
}
const relapse = (role = 'lead') => ({ actor: as(role), reason: '再次发酵' });

describe('refusing to reopen', () => {
  it('refuses an incident that has not subsided with wrong-status', () => {
    const { state } = openIncident(facts, plan, T0);
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
