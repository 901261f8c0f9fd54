import { subside } from '.';
import { close } from '../close';
import type { Actor, IncidentFacts, IncidentState } from '../../domain/incident';
import { openIncident } from '../../engine/incident';
import { contractKit } from '../input-schema';
import { monitor, task, tinyPlan, type Doc } from '../../test/unit/tiny-plan';

const MINUTE = 60_000;
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
const open = (options: { ownerNotices?: boolean } = {}): IncidentState =>
  openIncident(facts, plan, T0, options).state;

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
