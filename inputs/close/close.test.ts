import { close } from '.';
import { completeStep } from '../complete-step';
import { contractKit } from '../input-schema';
import { as, MINUTE, openAt, T0 } from '../../test/helpers/input-fixtures';
import { task, tinyPlan } from '../../test/unit/tiny-plan';

/** At l2 the lead leads; brief-chief only applies at l1. */
const plan = tinyPlan([
  task('triage', 'clerk'),
  task('respond', 'lead', { after: ['triage'] }),
  task('publish', 'clerk', { after: ['respond'] }),
  task('brief-chief', 'chief', { appliesAt: ['l1'] }),
]);
const open = () => openAt(plan);
const closing = (role = 'lead') => ({ actor: as(role), reason: 'false alarm' });

describe('refusing to close', () => {
  it('refuses any role but the lead with wrong-role', () => {
    expect(close.validate(open(), plan, closing('clerk'))).toEqual({
      code: 'wrong-role',
      message: 'only the lead role lead may close the incident, not clerk',
    });
  });

  it('refuses a role the plan does not have with unknown-role', () => {
    expect(close.validate(open(), plan, closing('intern'))?.code).toBe('unknown-role');
  });

  it('refuses an incident already closed with incident-closed', () => {
    const state = open();
    close.apply(state, plan, closing(), T0 + MINUTE);
    expect(close.validate(state, plan, closing())?.code).toBe('incident-closed');
  });

  it('accepts the lead role', () => {
    expect(close.validate(open(), plan, closing())).toBeUndefined();
  });
});

describe('closing early', () => {
  it('skips what is open or waiting, keeps what was done and records the reason', () => {
    const state = open();
    completeStep.apply(state, plan, { stepId: 'triage', actor: as('clerk') }, T0 + MINUTE);
    const before = state.timeline.length;
    expect(close.apply(state, plan, closing(), T0 + 2 * MINUTE)).toEqual([]);
    expect(state.status).toBe('closed');
    expect(state.steps.triage!.status).toBe('done');
    expect(state.steps.respond).toMatchObject({ status: 'skipped', skippedBecause: 'closed' });
    expect(state.steps.publish).toMatchObject({ status: 'skipped', skippedBecause: 'closed' });
    // Skipped for its level before, it stays skipped for that reason.
    expect(state.steps['brief-chief']).toMatchObject({ status: 'skipped', skippedBecause: 'level' });
    expect(state.timeline.slice(before).map((e) => [e.type, e.stepId])).toEqual([
      ['step-skipped', 'respond'],
      ['step-skipped', 'publish'],
      ['incident-closed', undefined],
    ]);
    expect(state.timeline.at(-1)).toMatchObject({
      actor: 'lead-person',
      at: T0 + 2 * MINUTE,
      data: { reason: 'false alarm' },
    });
  });
});

describe('the close contract', () => {
  const fields = contractKit.z.strictObject(close.fields(contractKit));

  it('takes a reason, trimmed, and refuses a blank, missing or overlong one', () => {
    expect(fields.parse({ reason: ' false alarm ' })).toEqual({ reason: 'false alarm' });
    expect(fields.safeParse({ reason: '' }).success).toBe(false);
    expect(fields.safeParse({}).success).toBe(false);
    expect(fields.safeParse({ reason: 'x'.repeat(2_001) }).success).toBe(false);
  });
});
