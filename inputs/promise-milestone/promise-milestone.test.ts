import { promiseMilestone } from '.';
import { close } from '../close';
import { nextDueAt } from '../../engine/incident';
import { contractKit } from '../input-schema';
import { as, HOUR, MINUTE, openAt, T0 } from '../../test/helpers/input-fixtures';
import { task, tinyPlan } from '../../test/unit/tiny-plan';

const plan = tinyPlan([task('triage', 'clerk')]);
const open = () => openAt(plan);
const promise = (dueAt: number, role = 'lead', title = 'reply to the press') => ({
  actor: as(role),
  title,
  reason: 'the survey results are not in yet',
  dueAt,
});

describe('refusing a promise', () => {
  it('refuses a reply due now or earlier with due-in-past', () => {
    const state = open();
    expect(promiseMilestone.validate(state, plan, promise(T0 + MINUTE), T0 + MINUTE)?.code).toBe(
      'due-in-past',
    );
    expect(promiseMilestone.validate(state, plan, promise(T0), T0 + MINUTE)?.code).toBe('due-in-past');
    expect(promiseMilestone.validate(state, plan, promise(T0 + MINUTE + 1), T0 + MINUTE)).toBeUndefined();
  });

  it('refuses a role the plan does not have with unknown-role', () => {
    expect(promiseMilestone.validate(open(), plan, promise(T0 + HOUR, 'intern'), T0)?.code).toBe(
      'unknown-role',
    );
  });

  it('refuses a closed incident with incident-closed', () => {
    const state = open();
    close.apply(state, plan, { actor: as('lead'), reason: 'merged' }, T0 + MINUTE);
    expect(promiseMilestone.validate(state, plan, promise(T0 + HOUR), T0 + MINUTE)?.code).toBe(
      'incident-closed',
    );
  });

  it('accepts any role of the plan, not only the lead', () => {
    expect(promiseMilestone.validate(open(), plan, promise(T0 + HOUR, 'clerk'), T0)).toBeUndefined();
  });
});

describe('promising a reply', () => {
  it('holds it to its own deadline, owned by the role that promised it, and records it', () => {
    const state = open();
    expect(promiseMilestone.apply(state, plan, promise(T0 + HOUR, 'clerk'), T0 + MINUTE)).toEqual([]);
    expect(state.milestones).toEqual({
      m1: {
        id: 'm1',
        title: 'reply to the press',
        reason: 'the survey results are not in yet',
        owner: 'clerk',
        promisedBy: 'clerk-person',
        dueAt: T0 + HOUR,
        status: 'open',
        breaches: [],
      },
    });
    expect(state.timeline.at(-1)).toMatchObject({
      type: 'milestone-promised',
      actor: 'clerk-person',
      at: T0 + MINUTE,
      data: {
        milestoneId: 'm1',
        title: 'reply to the press',
        reason: 'the survey results are not in yet',
        dueAt: T0 + HOUR,
        owner: 'clerk',
      },
    });
    expect(nextDueAt(state)).toBe(T0 + HOUR);
  });

  it('replays a promise accepted before the reason was asked for, without one', () => {
    const state = open();
    const { reason: _omitted, ...older } = promise(T0 + HOUR);
    promiseMilestone.apply(state, plan, older as never, T0);
    expect(state.milestones['m1']).not.toHaveProperty('reason');
    expect(state.timeline.at(-1)!.data).not.toHaveProperty('reason');
  });

  it('numbers promises in the order they were made', () => {
    const state = open();
    promiseMilestone.apply(state, plan, promise(T0 + 2 * HOUR, 'lead', 'first'), T0);
    promiseMilestone.apply(state, plan, promise(T0 + HOUR, 'lead', 'second'), T0);
    expect(Object.values(state.milestones).map((m) => [m.id, m.title])).toEqual([
      ['m1', 'first'],
      ['m2', 'second'],
    ]);
  });
});

describe('the promise-milestone contract', () => {
  const fields = contractKit.z.strictObject(promiseMilestone.fields(contractKit));

  it('turns an ISO time with its offset into epoch milliseconds', () => {
    expect(fields.parse({ title: '答复记者', reason: '待核实', dueAt: '2026-11-24T12:00:00+08:00' })).toEqual(
      {
        title: '答复记者',
        reason: '待核实',
        dueAt: Date.parse('2026-11-24T04:00:00Z'),
      },
    );
    expect(fields.parse({ title: 't', reason: 'r', dueAt: '2026-11-24T04:00:00Z' }).dueAt).toBe(
      T0 + 2 * HOUR,
    );
  });

  // P4 四(三)："对不能及时回复的，要说明原因，给出时间表": the timetable carries why, for the reply and the review.
  it('asks why the reply is not ready: the API refuses a promise without a reason, naming the field', () => {
    const missing = fields.safeParse({ title: 'reply', dueAt: '2026-12-01T10:00:00+08:00' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
    expect(
      fields.safeParse({ title: 'reply', reason: '  ', dueAt: '2026-12-01T10:00:00+08:00' }).error?.issues[0]
        ?.path,
    ).toEqual(['reason']);
  });

  it('refuses a time without an offset, a date alone and epoch milliseconds', () => {
    expect(fields.safeParse({ title: 't', dueAt: '2026-11-24T12:00:00' }).success).toBe(false);
    expect(fields.safeParse({ title: 't', dueAt: '2026-11-24' }).success).toBe(false);
    expect(fields.safeParse({ title: 't', dueAt: T0 }).success).toBe(false);
  });

  it('refuses a blank title', () => {
    expect(fields.safeParse({ title: ' ', dueAt: '2026-11-24T12:00:00+08:00' }).success).toBe(false);
  });
});
