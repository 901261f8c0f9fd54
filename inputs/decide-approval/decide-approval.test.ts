import { decideApproval } from '.';
import { completeStep } from '../complete-step';
import { close } from '../close';
import type { Actor } from '../../domain/incident';
import { currentOwner } from '../../engine/incident';
import { contractKit } from '../input-schema';
import {
  as,
  eventsOf,
  HOUR,
  lastEvent,
  MINUTE,
  openAt,
  p1,
  p1AtApproval,
  statusOf,
  T0,
  type OpenOptions,
} from '../../test/helpers/input-fixtures';
import { approval, task, tinyPlan } from '../../test/unit/tiny-plan';

const monitor = as('monitor');
const partyGroup = as('party-group');
const higherOrg = as('higher-org');
const office = as('office');

/** A decision on the P1 statement approval. */
const onStatement = (actor: Actor, decision: 'approve' | 'reject', comment?: string) => ({
  stepId: 'approve-statement',
  actor,
  decision,
  ...(comment === undefined ? {} : { comment }),
});

describe('the P1 statement approval', () => {
  it('asks the party group first, then the higher organization, then opens the response', () => {
    const state = p1AtApproval();
    const step = p1.steps.find((s) => s.id === 'approve-statement')!;
    expect(statusOf(state, 'approve-statement')).toBe('open');
    expect(currentOwner(step, state.steps['approve-statement']!, state.level)).toBe('party-group');
    const higherFirst = onStatement(higherOrg, 'approve');
    expect(decideApproval.validate(state, p1, higherFirst)).toMatchObject({ code: 'wrong-role' });
    expect(decideApproval.validate(state, p1, higherFirst)?.message).toContain('party-group');

    const byParty = onStatement(partyGroup, 'approve');
    expect(decideApproval.validate(state, p1, byParty)).toBeUndefined();
    expect(decideApproval.apply(state, p1, byParty, T0 + 40 * MINUTE)).toEqual([]);
    expect(statusOf(state, 'approve-statement')).toBe('open');
    expect(currentOwner(step, state.steps['approve-statement']!, state.level)).toBe('higher-org');
    expect(statusOf(state, 'public-response')).toBe('waiting');

    expect(decideApproval.validate(state, p1, higherFirst)).toBeUndefined();
    decideApproval.apply(state, p1, higherFirst, T0 + 50 * MINUTE);
    expect(state.steps['approve-statement']).toMatchObject({
      status: 'done',
      doneAt: T0 + 50 * MINUTE,
      doneBy: 'higher-org-person',
    });
    expect(state.steps['public-response']).toMatchObject({ status: 'open', dueAt: T0 + 12 * HOUR });
    expect(statusOf(state, 'commentary')).toBe('open');
  });

  it('refuses a rejection without a comment with comment-required', () => {
    const state = p1AtApproval();
    const reject = onStatement(partyGroup, 'reject');
    expect(decideApproval.validate(state, p1, reject)?.code).toBe('comment-required');
    expect(decideApproval.validate(state, p1, { ...reject, comment: '   ' })?.code).toBe('comment-required');
    expect(decideApproval.validate(state, p1, { ...reject, comment: 'name the village' })).toBeUndefined();
  });

  it('sends a rejected statement back to the office and restarts the approval at the party group', () => {
    const state = p1AtApproval();
    decideApproval.apply(state, p1, onStatement(partyGroup, 'approve'), T0 + 40 * MINUTE);
    const rejection = onStatement(higherOrg, 'reject', 'tone it down');
    expect(decideApproval.validate(state, p1, rejection)).toBeUndefined();
    expect(decideApproval.apply(state, p1, rejection, T0 + 50 * MINUTE)).toEqual([]);

    expect(statusOf(state, 'approve-statement')).toBe('waiting');
    expect(state.steps['draft-statement']).toMatchObject({ status: 'open', openedAt: T0 + 50 * MINUTE });
    expect(lastEvent(state)).toMatchObject({
      type: 'step-reopened',
      stepId: 'draft-statement',
      actor: 'higher-org-person',
      data: { reason: 'tone it down' },
    });
    const approveAgain = onStatement(partyGroup, 'approve');
    expect(decideApproval.validate(state, p1, approveAgain)?.code).toBe('step-not-open');

    completeStep.apply(state, p1, { stepId: 'draft-statement', actor: office }, T0 + 60 * MINUTE);
    expect(state.steps['approve-statement']).toMatchObject({
      status: 'open',
      openedAt: T0 + 60 * MINUTE,
      stage: 0,
    });
    // The higher organization's earlier rejection belongs to the last round: it now waits its turn.
    const higherNow = onStatement(higherOrg, 'approve');
    expect(decideApproval.validate(state, p1, higherNow)?.code).toBe('wrong-role');

    decideApproval.apply(state, p1, approveAgain, T0 + 70 * MINUTE);
    expect(decideApproval.validate(state, p1, higherNow)).toBeUndefined();
    decideApproval.apply(state, p1, higherNow, T0 + 80 * MINUTE);
    expect(statusOf(state, 'approve-statement')).toBe('done');
    expect(state.steps['approve-statement']!.decisions!.map((d) => [d.role, d.decision])).toEqual([
      ['party-group', 'approve'],
      ['higher-org', 'reject'],
      ['party-group', 'approve'],
      ['higher-org', 'approve'],
    ]);
    expect(state.steps['approve-statement']!.decisions![1]!.comment).toBe('tone it down');
    expect(statusOf(state, 'public-response')).toBe('open');
  });

  it('tells an approver who already decided in this round already-decided', () => {
    const state = p1AtApproval();
    const byParty = onStatement(partyGroup, 'approve');
    decideApproval.apply(state, p1, byParty, T0 + 40 * MINUTE);
    const again = decideApproval.validate(state, p1, byParty);
    expect(again?.code).toBe('already-decided');
    expect(again?.message).toContain('party-group-person');
  });

  it('answers already-decided to any decision on an approval that is done', () => {
    const state = p1AtApproval();
    decideApproval.apply(state, p1, onStatement(partyGroup, 'approve'), T0 + 40 * MINUTE);
    decideApproval.apply(state, p1, onStatement(higherOrg, 'approve'), T0 + 50 * MINUTE);
    const late = decideApproval.validate(state, p1, onStatement(higherOrg, 'reject', 'second thoughts'));
    expect(late?.code).toBe('already-decided');
    expect(late?.message).toContain('already approved by higher-org-person');
  });

  it('refuses a decision on a task with wrong-step-kind and on a waiting approval with step-not-open', () => {
    const state = openAt(p1);
    expect(
      decideApproval.validate(state, p1, { stepId: 'report-facts', actor: monitor, decision: 'approve' })
        ?.code,
    ).toBe('wrong-step-kind');
    expect(
      decideApproval.validate(state, p1, {
        stepId: 'approve-statement',
        actor: partyGroup,
        decision: 'approve',
      })?.code,
    ).toBe('step-not-open');
  });
});

describe('deciding a two-stage approval', () => {
  const plan = tinyPlan([
    task('draft', 'clerk'),
    approval('sign', 'draft', ['lead', 'chief'], { deadline: { within: 'PT1H' } }),
    task('publish', 'clerk', { after: ['sign'] }),
  ]);
  const atApproval = (options: OpenOptions = {}) => {
    const state = openAt(plan, 'l2', options);
    completeStep.apply(state, plan, { stepId: 'draft', actor: as('clerk') }, T0 + MINUTE);
    return state;
  };
  const decide = (
    role: string,
    decision: 'approve' | 'reject',
    more: { comment?: string; stage?: number } = {},
  ) => ({
    stepId: 'sign',
    actor: as(role),
    decision,
    ...more,
  });

  it('refuses a step the plan does not have with unknown-step', () => {
    const state = atApproval();
    expect(decideApproval.validate(state, plan, { ...decide('lead', 'approve'), stepId: 'nope' })?.code).toBe(
      'unknown-step',
    );
  });

  it('refuses any decision on a closed incident with incident-closed, whatever stage it names', () => {
    const state = atApproval();
    close.apply(state, plan, { actor: as('lead'), reason: 'merged' }, T0 + 2 * MINUTE);
    expect(decideApproval.validate(state, plan, decide('lead', 'approve'))?.code).toBe('incident-closed');
    expect(decideApproval.validate(state, plan, decide('chief', 'approve', { stage: 1 }))?.code).toBe(
      'incident-closed',
    );
  });

  it('refuses a role that approves no stage with wrong-role, naming the role awaited', () => {
    const state = atApproval();
    const refusal = decideApproval.validate(state, plan, decide('clerk', 'approve'));
    expect(refusal).toEqual({ code: 'wrong-role', message: 'step "sign" now awaits role lead, not clerk' });
  });

  it('refuses a stage already rejected in a round that has ended with stage-closed, naming the decision', () => {
    const state = atApproval();
    decideApproval.apply(state, plan, decide('lead', 'approve'), T0 + 2 * MINUTE);
    decideApproval.apply(state, plan, decide('chief', 'reject', { comment: 'no' }), T0 + 3 * MINUTE);
    const refusal = decideApproval.validate(state, plan, decide('chief', 'approve', { stage: 1 }));
    expect(refusal?.code).toBe('stage-closed');
    expect(refusal?.message).toContain('already decided (reject) by chief-person');
  });

  it('refuses a stage of an approval not open yet with stage-closed, saying it is not open', () => {
    const state = openAt(plan);
    expect(decideApproval.validate(state, plan, decide('lead', 'approve', { stage: 0 }))).toEqual({
      code: 'stage-closed',
      message: 'stage 1 of step "sign" is not open',
    });
  });

  it('records the decision with the stage it decided and moves on, asking the next approver', () => {
    const state = atApproval({ ownerNotices: true });
    const notices = decideApproval.apply(
      state,
      plan,
      decide('lead', 'approve', { stage: 0 }),
      T0 + 2 * MINUTE,
    );
    expect(state.steps.sign).toMatchObject({
      status: 'open',
      stage: 1,
      decisions: [{ role: 'lead', by: 'lead-person', decision: 'approve', at: T0 + 2 * MINUTE }],
    });
    expect(lastEvent(state)).toMatchObject({
      type: 'approval-decided',
      stepId: 'sign',
      actor: 'lead-person',
      data: { role: 'lead', decision: 'approve', comment: null, stage: 0 },
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      recipients: ['chief'],
      causeSeq: lastEvent(state).seq,
      context: { approval: { stepId: 'sign', stage: 1, role: 'chief' } },
    });
  });

  it('finishes the step on the last approval and opens what waited for it', () => {
    const state = atApproval({ ownerNotices: true });
    decideApproval.apply(state, plan, decide('lead', 'approve'), T0 + 2 * MINUTE);
    const notices = decideApproval.apply(state, plan, decide('chief', 'approve'), T0 + 3 * MINUTE);
    expect(state.steps.sign).toMatchObject({
      status: 'done',
      doneAt: T0 + 3 * MINUTE,
      doneBy: 'chief-person',
    });
    expect(eventsOf(state, 'step-done').at(-1)).toMatchObject({ stepId: 'sign', actor: 'chief-person' });
    expect(statusOf(state, 'publish')).toBe('open');
    expect(notices.map((n) => [n.recipients, n.context?.step?.id])).toEqual([[['clerk'], 'publish']]);
  });

  it('sends rejected work back with a new deadline and tells its owner the comment', () => {
    const plan2 = tinyPlan([
      task('draft', 'clerk', { deadline: { within: 'PT30M' } }),
      approval('sign', 'draft', ['lead']),
    ]);
    const state = openAt(plan2, 'l2', { ownerNotices: true });
    completeStep.apply(state, plan2, { stepId: 'draft', actor: as('clerk') }, T0 + MINUTE);
    const notices = decideApproval.apply(
      state,
      plan2,
      decide('lead', 'reject', { comment: 'name the village' }),
      T0 + HOUR,
    );
    expect(state.steps.sign!.status).toBe('waiting');
    expect(state.steps.sign!.decisions!.at(-1)).toMatchObject({
      decision: 'reject',
      comment: 'name the village',
    });
    expect(state.steps.draft).toMatchObject({ status: 'open', openedAt: T0 + HOUR, dueAt: T0 + 90 * MINUTE });
    const reopened = lastEvent(state);
    expect(reopened).toMatchObject({
      type: 'step-reopened',
      stepId: 'draft',
      data: { reason: 'name the village', dueAt: T0 + 90 * MINUTE },
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ recipients: ['clerk'], causeSeq: reopened.seq });
    expect(notices[0]!.body.zh).toContain('name the village');
  });
});

describe('the decide-approval contract', () => {
  const fields = contractKit.z.strictObject(decideApproval.fields(contractKit));

  it('takes approve or reject, an optional comment and an optional stage', () => {
    expect(fields.parse({ stepId: 'sign', decision: 'approve' })).toEqual({
      stepId: 'sign',
      decision: 'approve',
    });
    expect(fields.parse({ stepId: 'sign', decision: 'reject', comment: 'why', stage: 2 })).toEqual({
      stepId: 'sign',
      decision: 'reject',
      comment: 'why',
      stage: 2,
    });
  });

  it('refuses a decision other than approve or reject', () => {
    expect(fields.safeParse({ stepId: 'sign', decision: 'maybe' }).success).toBe(false);
    expect(fields.safeParse({ stepId: 'sign', decision: 'APPROVE' }).success).toBe(false);
    expect(fields.safeParse({ stepId: 'sign' }).success).toBe(false);
  });

  it('refuses a stage that is negative, fractional or beyond 50', () => {
    for (const stage of [-1, 0.5, 51]) {
      expect(fields.safeParse({ stepId: 'sign', decision: 'approve', stage }).success).toBe(false);
    }
  });
});
