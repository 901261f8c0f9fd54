import { completeMilestone } from '.';
import { close } from '../close';
import { completeStep } from '../complete-step';
import { promiseMilestone } from '../promise-milestone';
import type { IncidentState } from '../../domain/incident';
import { contractKit } from '../input-schema';
import { as, HOUR, MINUTE, openAt, T0, type OpenOptions } from '../../test/helpers/input-fixtures';
import { task, tinyPlan } from '../../test/unit/tiny-plan';

const plan = tinyPlan([task('triage', 'clerk')]);

/** An incident at l2 (led by lead) where the clerk promised a reply due in an hour, as m1. */
function withPromise(options: OpenOptions = {}): IncidentState {
  const state = openAt(plan, 'l2', options);
  promiseMilestone.apply(
    state,
    plan,
    { actor: as('clerk'), title: 'reply', reason: 'still checking', dueAt: T0 + HOUR },
    T0,
  );
  return state;
}
const done = (role: string, milestoneId = 'm1', note?: string) => ({
  actor: as(role),
  milestoneId,
  ...(note ? { note } : {}),
});

describe('refusing to complete a promised reply', () => {
  it('refuses a reply never promised with unknown-milestone', () => {
    expect(completeMilestone.validate(withPromise(), plan, done('clerk', 'm2'))).toEqual({
      code: 'unknown-milestone',
      message: 'no promised reply "m2"',
    });
  });

  it('refuses a reply already given with milestone-done', () => {
    const state = withPromise();
    completeMilestone.apply(state, plan, done('clerk'), T0 + MINUTE);
    expect(completeMilestone.validate(state, plan, done('clerk'))?.code).toBe('milestone-done');
  });

  it('refuses a role that neither promised nor leads with wrong-role, naming the owner', () => {
    const refusal = completeMilestone.validate(withPromise(), plan, done('chief'));
    expect(refusal?.code).toBe('wrong-role');
    expect(refusal?.message).toContain('belongs to role clerk');
  });

  it('refuses a role the plan does not have with unknown-role', () => {
    expect(completeMilestone.validate(withPromise(), plan, done('intern'))?.code).toBe('unknown-role');
  });

  it('refuses a closed incident with incident-closed', () => {
    const state = withPromise();
    close.apply(state, plan, { actor: as('lead'), reason: 'merged' }, T0 + MINUTE);
    expect(completeMilestone.validate(state, plan, done('clerk'))?.code).toBe('incident-closed');
  });

  it('accepts the owning role and the lead role', () => {
    expect(completeMilestone.validate(withPromise(), plan, done('clerk'))).toBeUndefined();
    expect(completeMilestone.validate(withPromise(), plan, done('lead'))).toBeUndefined();
  });
});

describe('completing a promised reply', () => {
  it('marks it done and records it on time, with its note', () => {
    const state = withPromise();
    expect(completeMilestone.apply(state, plan, done('clerk', 'm1', 'answered'), T0 + MINUTE)).toEqual([]);
    expect(state.milestones.m1).toMatchObject({ status: 'done', doneAt: T0 + MINUTE });
    expect(state.timeline.at(-1)).toMatchObject({
      type: 'milestone-done',
      actor: 'clerk-person',
      at: T0 + MINUTE,
      data: { milestoneId: 'm1', note: 'answered', late: false },
    });
    expect(state.status).toBe('open');
  });

  it('records a reply given late as late, with by how much under engine-correctness', () => {
    const older = withPromise();
    completeMilestone.apply(older, plan, done('clerk'), T0 + 2 * HOUR);
    expect(older.timeline.at(-1)!.data).toEqual({ milestoneId: 'm1', note: null, late: true });

    const state = withPromise({ correctness: true });
    completeMilestone.apply(state, plan, done('clerk'), T0 + 2 * HOUR);
    expect(state.timeline.at(-1)!.data).toMatchObject({ late: true, lateByMs: HOUR });
  });

  it('closes the incident when it was the last thing outstanding', () => {
    const state = withPromise();
    completeStep.apply(state, plan, { stepId: 'triage', actor: as('clerk') }, T0 + MINUTE);
    expect(state.status).toBe('open');
    completeMilestone.apply(state, plan, done('lead'), T0 + 2 * MINUTE);
    expect(state.status).toBe('closed');
    expect(state.timeline.at(-1)).toMatchObject({ type: 'incident-closed' });
  });
});

describe('the complete-milestone contract', () => {
  const fields = contractKit.z.strictObject(completeMilestone.fields(contractKit));

  it('takes the milestone id with an optional note', () => {
    expect(fields.parse({ milestoneId: 'm1' })).toEqual({ milestoneId: 'm1' });
    expect(fields.parse({ milestoneId: 'm1', note: 'n' })).toEqual({ milestoneId: 'm1', note: 'n' });
  });

  it('refuses an empty milestone id', () => {
    expect(fields.safeParse({ milestoneId: '' }).success).toBe(false);
  });
});
