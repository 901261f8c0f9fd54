import { reclassify } from '.';
import { close } from '../close';
import { contractKit } from '../input-schema';
import { as, MINUTE, openAt, T0 } from '../../test/helpers/input-fixtures';
import { task, tinyPlan } from '../../test/unit/tiny-plan';

/** At l2 the lead leads and the clerk handles routine; at l1 the chief leads and is briefed. */
const plan = tinyPlan(
  [
    task('triage', 'clerk'),
    task('brief-chief', 'chief', { appliesAt: ['l1'] }),
    task('routine', 'clerk', { appliesAt: ['l2'] }),
  ],
  { classifiers: ['clerk'] },
);
const open = () => openAt(plan);
const to = (level: string, role = 'lead') => ({ actor: as(role), level, reason: 'views doubled' });

describe('refusing a re-classification', () => {
  it('refuses a role the plan does not have with unknown-role', () => {
    expect(reclassify.validate(open(), plan, to('l1', 'intern'))?.code).toBe('unknown-role');
  });

  it('refuses a role that neither leads nor classifies with wrong-role, naming who may', () => {
    expect(reclassify.validate(open(), plan, to('l1', 'chief'))).toEqual({
      code: 'wrong-role',
      message: 're-classification is for lead, clerk, not chief',
    });
  });

  it('refuses a level the plan does not have with unknown-level', () => {
    expect(reclassify.validate(open(), plan, to('l9'))?.code).toBe('unknown-level');
  });

  it('refuses the level the incident is already at with same-level', () => {
    expect(reclassify.validate(open(), plan, to('l2'))).toEqual({
      code: 'same-level',
      message: 'the incident is already at level l2',
    });
  });

  it('refuses a closed incident with incident-closed', () => {
    const state = open();
    close.apply(state, plan, { actor: as('lead'), reason: 'merged' }, T0 + MINUTE);
    expect(reclassify.validate(state, plan, to('l1'))?.code).toBe('incident-closed');
  });

  it('accepts the lead role and a classifier named by the plan', () => {
    expect(reclassify.validate(open(), plan, to('l1'))).toBeUndefined();
    expect(reclassify.validate(open(), plan, to('l1', 'clerk'))).toBeUndefined();
  });
});

describe('re-classifying', () => {
  it('moves the level and its lead role, skips what no longer applies and opens what now does', () => {
    const state = open();
    expect(state.steps.routine!.status).toBe('open');
    expect(state.steps['brief-chief']!.status).toBe('skipped');
    const notices = reclassify.apply(state, plan, to('l1'), T0 + MINUTE);
    expect([state.level, state.leadRole]).toEqual(['l1', 'chief']);
    expect(state.steps.routine).toMatchObject({ status: 'skipped', skippedBecause: 'level' });
    expect(state.steps['brief-chief']).toMatchObject({ status: 'open', appliesSince: T0 + MINUTE });
    expect(state.steps.triage!.status).toBe('open');
    const changed = state.timeline.find((e) => e.type === 'level-changed');
    expect(changed).toMatchObject({
      actor: 'lead-person',
      at: T0 + MINUTE,
      data: { from: 'l2', to: 'l1', reason: 'views doubled', leadRole: 'chief' },
    });
    // The new lead and the one it takes over from both hear of it, with the reason.
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ recipients: ['chief', 'lead'], causeSeq: changed!.seq });
    expect(notices[0]!.body.zh).toContain('views doubled');
  });

  it('brings a step skipped for its level back when the level returns', () => {
    const state = open();
    reclassify.apply(state, plan, to('l1'), T0 + MINUTE);
    reclassify.apply(state, plan, to('l2', 'chief'), T0 + 2 * MINUTE);
    expect(state.steps.routine).toMatchObject({ status: 'open', openedAt: T0 + 2 * MINUTE });
    expect(state.steps['brief-chief']).toMatchObject({ status: 'skipped', skippedBecause: 'level' });
    expect(state.leadRole).toBe('lead');
  });
});

describe('the reclassify contract', () => {
  const fields = contractKit.z.strictObject(reclassify.fields(contractKit));

  it('takes a level and a reason, trimmed', () => {
    expect(fields.parse({ level: 'l1', reason: ' views doubled ' })).toEqual({
      level: 'l1',
      reason: 'views doubled',
    });
  });

  it('refuses a missing or blank reason and an empty level', () => {
    expect(fields.safeParse({ level: 'l1' }).success).toBe(false);
    expect(fields.safeParse({ level: 'l1', reason: '  ' }).success).toBe(false);
    expect(fields.safeParse({ level: '', reason: 'why' }).success).toBe(false);
  });
});
