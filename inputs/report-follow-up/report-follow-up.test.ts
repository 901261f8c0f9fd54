import { reportFollowUp } from '.';
import { close } from '../close';
import { contractKit } from '../input-schema';
import { as, eventsOf, HOUR, MINUTE, openAt, subsided, T0 } from '../../test/helpers/input-fixtures';
import { monitor, task, tinyPlan } from '../../test/unit/tiny-plan';

/** Watched by the clerk, a report due every hour; more than 1,000 views make it level l1. */
const plan = tinyPlan([task('triage', 'clerk'), monitor('watch', 'clerk', { followUpEvery: 'PT1H' })], {
  levels: [
    { id: 'l1', names: { zh: 'l1', en: 'l1' }, thresholds: { views24h: 1000 } },
    { id: 'l2', names: { zh: 'l2', en: 'l2' } },
  ],
});
const report = (role: string, more: { stepId?: string; metrics?: { views24h?: number } } = {}) => ({
  stepId: 'watch',
  actor: as(role),
  note: '续报：舆情平稳',
  ...more,
});

describe('refusing a follow-up report', () => {
  it('refuses a step the plan does not have with unknown-step', () => {
    const state = openAt(plan);
    expect(reportFollowUp.validate(state, plan, report('clerk', { stepId: 'nope' }))?.code).toBe(
      'unknown-step',
    );
  });

  it('refuses a report on a task with wrong-step-kind', () => {
    const state = openAt(plan);
    expect(reportFollowUp.validate(state, plan, report('clerk', { stepId: 'triage' }))?.code).toBe(
      'wrong-step-kind',
    );
  });

  it('refuses a report once monitoring ended with step-not-open', () => {
    const state = subsided(plan);
    expect(reportFollowUp.validate(state, plan, report('clerk'))).toEqual({
      code: 'step-not-open',
      message: 'step "watch" is done, not open',
    });
  });

  it('refuses a role that neither watches nor leads with wrong-role', () => {
    const state = openAt(plan);
    expect(reportFollowUp.validate(state, plan, report('chief'))?.code).toBe('wrong-role');
  });

  it('refuses a report on a closed incident with incident-closed', () => {
    const state = openAt(plan);
    close.apply(state, plan, { actor: as('lead'), reason: 'false alarm' }, T0 + MINUTE);
    expect(reportFollowUp.validate(state, plan, report('clerk'))?.code).toBe('incident-closed');
  });

  it('accepts the owner of the monitor step and the lead role', () => {
    const state = openAt(plan);
    expect(reportFollowUp.validate(state, plan, report('clerk'))).toBeUndefined();
    expect(reportFollowUp.validate(state, plan, report('lead'))).toBeUndefined();
  });
});

describe('a follow-up report', () => {
  it('counts the report, records it and makes the next one due a full period from now', () => {
    const state = openAt(plan);
    expect(state.steps.watch).toMatchObject({ followUps: 0, dueAt: T0 + HOUR });
    expect(reportFollowUp.apply(state, plan, report('clerk'), T0 + 40 * MINUTE)).toEqual([]);
    expect(state.steps.watch).toMatchObject({ status: 'open', followUps: 1, dueAt: T0 + 100 * MINUTE });
    expect(state.timeline.at(-1)).toMatchObject({
      type: 'follow-up-reported',
      stepId: 'watch',
      actor: 'clerk-person',
      at: T0 + 40 * MINUTE,
      data: { role: 'clerk', note: '续报：舆情平稳', number: 1, nextDueAt: T0 + 100 * MINUTE },
    });
    reportFollowUp.apply(state, plan, report('lead'), T0 + 50 * MINUTE);
    expect(eventsOf(state, 'follow-up-reported').map((e) => e.data.number)).toEqual([1, 2]);
  });

  it('stores metrics sent with it, and raises the level when they cross a threshold', () => {
    const state = openAt(plan);
    reportFollowUp.apply(state, plan, report('clerk', { metrics: { views24h: 800 } }), T0 + MINUTE);
    expect(state.metrics).toEqual({ views24h: 800 });
    expect(state.level).toBe('l2');
    expect(state.timeline.at(-1)).toMatchObject({ type: 'metrics-updated', data: { views24h: 800 } });

    const notices = reportFollowUp.apply(
      state,
      plan,
      report('clerk', { metrics: { views24h: 1001 } }),
      T0 + 2 * MINUTE,
    );
    expect(state.level).toBe('l1');
    expect(eventsOf(state, 'level-changed')).toHaveLength(1);
    expect(notices.map((n) => n.recipients)).toEqual([['chief', 'lead']]);
  });

  it('records no metrics when none were sent', () => {
    const state = openAt(plan);
    reportFollowUp.apply(state, plan, report('clerk'), T0 + MINUTE);
    expect(eventsOf(state, 'metrics-updated')).toEqual([]);
  });
});

describe('the report-follow-up contract', () => {
  const fields = contractKit.z.strictObject(reportFollowUp.fields(contractKit));

  it('takes a note, trimmed, with optional metrics', () => {
    expect(fields.parse({ stepId: 'watch', note: '  平稳  ', metrics: { views24h: 5 } })).toEqual({
      stepId: 'watch',
      note: '平稳',
      metrics: { views24h: 5 },
    });
  });

  it('refuses an empty or blank note, and a missing one', () => {
    expect(fields.safeParse({ stepId: 'watch', note: '' }).success).toBe(false);
    expect(fields.safeParse({ stepId: 'watch', note: '   ' }).success).toBe(false);
    expect(fields.safeParse({ stepId: 'watch' }).success).toBe(false);
  });

  it('refuses metrics that are negative or not known', () => {
    expect(fields.safeParse({ stepId: 'watch', note: 'n', metrics: { views24h: -1 } }).success).toBe(false);
    expect(fields.safeParse({ stepId: 'watch', note: 'n', metrics: { likes: 3 } }).success).toBe(false);
  });
});
