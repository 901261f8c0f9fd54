import { updateMetrics } from '.';
import { close } from '../close';
import { openIncident } from '../../engine/incident';
import { contractKit } from '../input-schema';
import { as, eventsOf, factsAt, MINUTE, T0 } from '../../test/helpers/input-fixtures';
import { task, tinyPlan } from '../../test/unit/tiny-plan';

/** More than 1,000 views in a day make it l1. */
const plan = tinyPlan([task('triage', 'clerk')], {
  levels: [
    { id: 'l1', names: { zh: '重大', en: 'major' }, thresholds: { views24h: 1000 } },
    { id: 'l2', names: { zh: '一般', en: 'minor' } },
  ],
});

/** Opened at `level`, already knowing of three reposts. */
const openReported = (level: string) =>
  openIncident(factsAt(level, { metrics: { reposts: 3 } }), plan, T0).state;

/** Views in the last day, as counted by someone in `role`. */
const seen = (role: string, views24h: number) => ({ actor: as(role), metrics: { views24h } });

describe('refusing new metrics', () => {
  it('refuses a role the plan does not have with unknown-role', () => {
    const state = openReported('l2');
    expect(
      updateMetrics.validate(state, plan, { actor: as('intern'), metrics: { views24h: 1 } }),
    ).toMatchObject({ code: 'unknown-role', message: 'plan tiny has no role "intern"' });
  });

  it('refuses a closed incident with incident-closed', () => {
    const state = openReported('l2');
    close.apply(state, plan, { actor: as('lead'), reason: 'merged' }, T0 + MINUTE);
    expect(updateMetrics.validate(state, plan, { actor: as('lead'), metrics: {} })?.code).toBe(
      'incident-closed',
    );
  });

  it('accepts any role of the plan', () => {
    const state = openReported('l2');
    for (const role of ['clerk', 'lead', 'chief']) {
      expect(
        updateMetrics.validate(state, plan, { actor: as(role), metrics: { views24h: 1 } }),
      ).toBeUndefined();
    }
  });
});

describe('updating the metrics', () => {
  it('merges them into what was known and records the whole', () => {
    const state = openReported('l2');
    const notices = updateMetrics.apply(state, plan, seen('clerk', 900), T0 + MINUTE);
    expect(notices).toEqual([]);
    expect(state.metrics).toEqual({ reposts: 3, views24h: 900 });
    expect(state.timeline.at(-1)).toMatchObject({
      type: 'metrics-updated',
      actor: 'clerk-person',
      at: T0 + MINUTE,
      data: { reposts: 3, views24h: 900 },
    });
    expect(state.level).toBe('l2');
  });

  it('raises the level by itself once a threshold is crossed, and tells both lead roles', () => {
    const state = openReported('l2');
    const notices = updateMetrics.apply(state, plan, seen('clerk', 1001), T0 + MINUTE);
    expect([state.level, state.leadRole]).toEqual(['l1', 'chief']);
    const [changed] = eventsOf(state, 'level-changed');
    expect(changed).toMatchObject({
      actor: 'metrics',
      data: { from: 'l2', to: 'l1', reason: 'metrics crossed the 重大 threshold' },
    });
    expect(notices.map((n) => [n.recipients, n.causeSeq])).toEqual([[['chief', 'lead'], changed!.seq]]);
  });

  it('never lowers the level, however low the metrics fall', () => {
    const state = openReported('l1');
    expect(
      updateMetrics.apply(state, plan, { actor: as('chief'), metrics: { views24h: 0 } }, T0 + MINUTE),
    ).toEqual([]);
    expect(state.level).toBe('l1');
    expect(eventsOf(state, 'level-changed')).toEqual([]);
  });
});

describe('the update-metrics contract', () => {
  const fields = contractKit.z.strictObject(updateMetrics.fields(contractKit));

  it('takes whole, non-negative counts of the metrics it knows', () => {
    expect(fields.parse({ metrics: { views24h: 10, reposts: 0, comments: 2 } })).toEqual({
      metrics: { views24h: 10, reposts: 0, comments: 2 },
    });
  });

  it('refuses negative or fractional counts, unknown metrics and a missing metrics object', () => {
    expect(fields.safeParse({ metrics: { views24h: -1 } }).success).toBe(false);
    expect(fields.safeParse({ metrics: { views24h: 1.5 } }).success).toBe(false);
    expect(fields.safeParse({ metrics: { likes: 1 } }).success).toBe(false);
    expect(fields.safeParse({}).success).toBe(false);
  });
});
