import { resendApprovalLink } from '.';
import { completeStep } from '../complete-step';
import { decideApproval } from '../decide-approval';
import { contractKit } from '../input-schema';
import { as, lastEvent, MINUTE, openAt, p1, T0 } from '../../test/helpers/input-fixtures';

/** P1 at level II with the statement drafted: the party group is asked to approve it. */
function atApproval(options = { ownerNotices: true }) {
  const state = openAt(p1, 'l2', options);
  for (const [stepId, role] of [
    ['report-facts', 'monitor'],
    ['consult', 'party-group'],
    ['draft-statement', 'office'],
  ] as const) {
    completeStep.apply(state, p1, { stepId, actor: as(role) }, T0 + 10 * MINUTE);
  }
  return state;
}

const byLead = (state: ReturnType<typeof atApproval>) => ({
  stepId: 'approve-statement',
  actor: as(state.leadRole),
});

describe('sending an approval link again', () => {
  it('asks the approver of the stage awaited now again, under a new key, and records who asked', () => {
    const state = atApproval();
    const notices = resendApprovalLink.apply(state, p1, byLead(state), T0 + 20 * MINUTE);
    const resent = lastEvent(state);
    expect(resent).toMatchObject({
      type: 'link-resent',
      stepId: 'approve-statement',
      actor: `${state.leadRole}-person`,
      data: { stage: 0, role: 'party-group' },
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      key: `inc-1:${resent.seq}`,
      recipients: ['party-group'],
      causeSeq: resent.seq,
      context: { approval: { stepId: 'approve-statement', stage: 0, role: 'party-group' } },
    });
  });

  it('follows the chain: after the first stage approves, the second stage is asked', () => {
    const state = atApproval();
    decideApproval.apply(
      state,
      p1,
      { stepId: 'approve-statement', actor: as('party-group'), decision: 'approve' },
      T0 + 15 * MINUTE,
    );
    const [notice] = resendApprovalLink.apply(state, p1, byLead(state), T0 + 20 * MINUTE);
    expect(notice?.context?.approval).toEqual({ stepId: 'approve-statement', stage: 1, role: 'higher-org' });
  });

  it('is for the lead role only', () => {
    const state = atApproval();
    expect(resendApprovalLink.validate(state, p1, byLead(state))).toBeUndefined();
    expect(
      resendApprovalLink.validate(state, p1, { stepId: 'approve-statement', actor: as('office') })?.code,
    ).toBe('wrong-role');
  });

  it('refuses a step that is not an open approval', () => {
    const state = atApproval();
    expect(
      resendApprovalLink.validate(state, p1, { ...byLead(state), stepId: 'draft-statement' })?.code,
    ).toBe('wrong-step-kind');
    expect(resendApprovalLink.validate(state, p1, { ...byLead(state), stepId: 'no-such-step' })?.code).toBe(
      'unknown-step',
    );
  });

  it('refuses an incident from before approvers were sent links', () => {
    const state = atApproval({ ownerNotices: false });
    expect(resendApprovalLink.validate(state, p1, byLead(state))?.code).toBe('wrong-status');
  });

  it('takes the step from the path and nothing else', () => {
    const fields = contractKit.z.strictObject(resendApprovalLink.fields(contractKit));
    expect(fields.safeParse({ stepId: 'approve-statement' }).success).toBe(true);
    expect(fields.safeParse({ stepId: '' }).success).toBe(false);
  });
});
