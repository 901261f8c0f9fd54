import { completeStep } from '.';
import { close } from '../close';
import { contractKit } from '../input-schema';
import { as, HOUR, MINUTE, openAt, p1, p1AtApproval, statusOf, T0 } from '../../test/helpers/input-fixtures';
import { approval, task, tinyPlan } from '../../test/unit/tiny-plan';

const monitor = as('monitor');
const partyGroup = as('party-group');
const office = as('office');

describe('completing a task', () => {
  it('opens the steps that were waiting for it', () => {
    const state = openAt(p1);
    completeStep.apply(
      state,
      p1,
      { stepId: 'report-facts', actor: monitor, note: 'reported' },
      T0 + 10 * MINUTE,
    );
    expect(state.steps['report-facts']).toMatchObject({
      status: 'done',
      doneAt: T0 + 10 * MINUTE,
      doneBy: 'monitor-person',
    });
    // At 重大/较大 (l2) P1's party group first hears the higher organization's measures (第四步).
    expect(state.steps['hear-higher-measures']).toMatchObject({ status: 'open', openedAt: T0 + 10 * MINUTE });
    expect(statusOf(state, 'consult')).toBe('waiting');
    expect(statusOf(state, 'draft-statement')).toBe('waiting');
  });

  it('hands a notify step that now opens its message at once, and finishes it', () => {
    const state = openAt(p1, 'l1');
    const notifications = completeStep.apply(
      state,
      p1,
      { stepId: 'report-facts', actor: monitor },
      T0 + 10 * MINUTE,
    );
    expect(statusOf(state, 'report-higher-org')).toBe('done');
    const toHigherOrg = notifications.filter((n) => n.recipients.includes('higher-org'));
    expect(toHigherOrg).toHaveLength(1);
    expect(toHigherOrg[0]!.key).toBe(`inc-1:${toHigherOrg[0]!.causeSeq}`);
    expect(state.timeline[toHigherOrg[0]!.causeSeq - 1]).toMatchObject({
      type: 'step-opened',
      stepId: 'report-higher-org',
    });
    expect(toHigherOrg[0]!.subject.zh).toContain('【测试舆情】');
  });

  it('opens parallel successors together once their common predecessor is done', () => {
    const plan = tinyPlan([
      task('a', 'clerk'),
      task('b', 'clerk', { after: ['a'] }),
      task('c', 'lead', { after: ['a'] }),
    ]);
    const state = openAt(plan);
    completeStep.apply(state, plan, { stepId: 'a', actor: as('clerk') }, T0 + MINUTE);
    expect([statusOf(state, 'b'), statusOf(state, 'c')]).toEqual(['open', 'open']);
  });
});

describe('refusing to complete a step', () => {
  it('refuses a step the plan does not have with unknown-step', () => {
    const state = openAt(p1);
    expect(completeStep.validate(state, p1, { stepId: 'no-such-step', actor: monitor })).toMatchObject({
      code: 'unknown-step',
    });
  });

  it('refuses a role other than the owner with wrong-role, naming the owner', () => {
    const state = openAt(p1);
    const refusal = completeStep.validate(state, p1, { stepId: 'report-facts', actor: office });
    expect(refusal?.code).toBe('wrong-role');
    expect(refusal?.message).toContain('monitor');
  });

  it('refuses a step still waiting for its predecessors with step-not-open', () => {
    const state = openAt(p1);
    expect(completeStep.validate(state, p1, { stepId: 'consult', actor: partyGroup })).toMatchObject({
      code: 'step-not-open',
      message: 'step "consult" is waiting, not open',
    });
  });

  it('refuses a step already done with step-not-open', () => {
    const state = openAt(p1);
    completeStep.apply(state, p1, { stepId: 'report-facts', actor: monitor }, T0 + MINUTE);
    expect(completeStep.validate(state, p1, { stepId: 'report-facts', actor: monitor })?.code).toBe(
      'step-not-open',
    );
  });

  it('refuses a step skipped at this level with step-not-open', () => {
    const plan = tinyPlan([task('triage', 'clerk'), task('brief-chief', 'chief', { appliesAt: ['l1'] })]);
    const state = openAt(plan);
    expect(completeStep.validate(state, plan, { stepId: 'brief-chief', actor: as('chief') })).toMatchObject({
      code: 'step-not-open',
      message: 'step "brief-chief" is skipped, not open',
    });
  });

  it('refuses to complete an approval as if it were a task with wrong-step-kind', () => {
    const state = p1AtApproval();
    expect(
      completeStep.validate(state, p1, { stepId: 'approve-statement', actor: partyGroup }),
    ).toMatchObject({ code: 'wrong-step-kind' });
  });

  it('refuses everything on a closed incident with incident-closed', () => {
    const state = openAt(p1);
    close.apply(state, p1, { actor: partyGroup, reason: 'false alarm' }, T0 + MINUTE);
    expect(state.status).toBe('closed');
    expect(completeStep.validate(state, p1, { stepId: 'report-facts', actor: monitor })?.code).toBe(
      'incident-closed',
    );
  });

  it('accepts the owner on an open step', () => {
    const state = openAt(p1);
    expect(completeStep.validate(state, p1, { stepId: 'report-facts', actor: monitor })).toBeUndefined();
  });
});

describe('what completing a step records', () => {
  const plan = tinyPlan([
    task('draft', 'clerk', { deadline: { within: 'PT1H', from: 'discovery' } }),
    approval('sign', 'draft', ['lead']),
  ]);

  it('records step-done with the role, the note and the link, and asks the next owner to act', () => {
    const state = openAt(plan, 'l2', { ownerNotices: true });
    const input = { stepId: 'draft', actor: as('clerk'), note: 'drafted', link: 'https://example.org/d' };
    const notices = completeStep.apply(state, plan, input, T0 + 10 * MINUTE);
    const [done, opened] = state.timeline.slice(-2);
    expect(done).toMatchObject({
      type: 'step-done',
      stepId: 'draft',
      actor: 'clerk-person',
      at: T0 + 10 * MINUTE,
      data: { role: 'clerk', note: 'drafted', link: 'https://example.org/d' },
    });
    expect(done!.data).not.toHaveProperty('lateByMs');
    expect(opened).toMatchObject({ type: 'step-opened', stepId: 'sign' });
    expect(notices.map((n) => [n.recipients, n.causeSeq])).toEqual([[['lead'], opened!.seq]]);
  });

  it('records a missing note and link as null', () => {
    const state = openAt(plan);
    completeStep.apply(state, plan, { stepId: 'draft', actor: as('clerk') }, T0 + MINUTE);
    expect(state.timeline.find((e) => e.type === 'step-done')!.data).toEqual({
      role: 'clerk',
      note: null,
      link: null,
    });
  });

  it('says how late the work was on incidents under engine-correctness, and not on older ones', () => {
    const late = T0 + HOUR + 5 * MINUTE;
    const state = openAt(plan, 'l2', { correctness: true });
    completeStep.apply(state, plan, { stepId: 'draft', actor: as('clerk') }, late);
    expect(state.timeline.find((e) => e.type === 'step-done')!.data).toMatchObject({ lateByMs: 5 * MINUTE });

    const older = openAt(plan);
    completeStep.apply(older, plan, { stepId: 'draft', actor: as('clerk') }, late);
    expect(older.timeline.find((e) => e.type === 'step-done')!.data).not.toHaveProperty('lateByMs');
  });
});

describe('the complete-step contract', () => {
  const fields = contractKit.z.strictObject(completeStep.fields(contractKit));

  it('takes a step id with an optional note and link', () => {
    expect(fields.parse({ stepId: 'draft' })).toEqual({ stepId: 'draft' });
    expect(fields.parse({ stepId: 'draft', note: 'done', link: 'https://example.org/x' })).toEqual({
      stepId: 'draft',
      note: 'done',
      link: 'https://example.org/x',
    });
  });

  it('refuses a link that is not a URL, an empty step id and fields it does not know', () => {
    expect(fields.safeParse({ stepId: 'draft', link: 'not a link' }).success).toBe(false);
    expect(fields.safeParse({ stepId: '' }).success).toBe(false);
    expect(fields.safeParse({ stepId: 'draft', decision: 'approve' }).success).toBe(false);
  });
});
