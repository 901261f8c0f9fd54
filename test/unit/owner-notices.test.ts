import { completeStep } from '../../inputs/complete-step';
import { decideApproval } from '../../inputs/decide-approval';
import type { Actor } from '../../domain/incident';
import { noticeStillDue, openIncident } from '../../engine/incident';
import type { IncidentFacts, NotificationRequest } from '../../domain/incident';
import { builtinPlan } from '../helpers/plans';

const T0 = Date.parse('2026-11-24T10:00:00+08:00');
const p1 = builtinPlan('p1-acheng-agriculture');
const as = (role: string): Actor => ({ id: `${role}-person`, role });
const facts: IncidentFacts = {
  id: 'inc-1',
  title: '测试舆情',
  summary: '',
  level: 'l3',
  reporter: 'monitor-wang',
  discoveredAt: T0,
};

const toldAbout = (notices: NotificationRequest[], stepId: string) =>
  notices.filter((n) => n.context?.step?.id === stepId);

describe('owner notices', () => {
  test('an incident opened without them tells no owner (as incidents started before the patch)', () => {
    const { notifications } = openIncident(facts, p1, T0);
    expect(notifications.filter((n) => n.context)).toEqual([]);
  });

  test('the owner of an opening step is told, with the level, the step and its due time', () => {
    const { state, notifications } = openIncident(facts, p1, T0, { ownerNotices: true });
    const [report] = toldAbout(notifications, 'report-facts');
    expect(report).toMatchObject({
      recipients: ['monitor'],
      context: {
        level: { id: 'l3' },
        step: { id: 'report-facts', dueAt: state.steps['report-facts']!.dueAt },
      },
    });
    expect(report!.subject.zh).toContain('【待办】');
  });

  test('each approval stage asks its own approver, and a notice overtaken by a decision is no longer due', () => {
    const { state } = openIncident(facts, p1, T0, { ownerNotices: true });
    for (const [stepId, role] of [
      ['report-facts', 'monitor'],
      ['consult', 'party-group'],
    ] as const) {
      completeStep.apply(state, p1, { stepId, actor: as(role) }, T0 + 1000);
    }
    const [first] = toldAbout(
      completeStep.apply(state, p1, { stepId: 'draft-statement', actor: as('office') }, T0 + 2000),
      'approve-statement',
    );
    expect(first!.context!.approval).toEqual({ stepId: 'approve-statement', stage: 0, role: 'party-group' });
    expect(noticeStillDue(state, first!)).toBe(true);

    const [second] = decideApproval.apply(
      state,
      p1,
      { stepId: 'approve-statement', actor: as('party-group'), decision: 'approve' },
      T0 + 3000,
    );
    expect(second!.context!.approval).toEqual({ stepId: 'approve-statement', stage: 1, role: 'higher-org' });
    expect(noticeStillDue(state, first!)).toBe(false); // stage 0 was decided before it left
    expect(noticeStillDue(state, second!)).toBe(true);
    expect(first!.key).not.toBe(second!.key);
  });

  test('a rejection sends the work back to its owner with the comment, a notice that lapses once it is redone', () => {
    const { state } = openIncident(facts, p1, T0, { ownerNotices: true });
    for (const [stepId, role] of [
      ['report-facts', 'monitor'],
      ['consult', 'party-group'],
      ['draft-statement', 'office'],
    ] as const) {
      completeStep.apply(state, p1, { stepId, actor: as(role) }, T0 + 1000);
    }
    const [rework] = decideApproval.apply(
      state,
      p1,
      { stepId: 'approve-statement', actor: as('party-group'), decision: 'reject', comment: '数据需核实' },
      T0 + 2000,
    );
    expect(rework).toMatchObject({ recipients: ['office'], context: { step: { id: 'draft-statement' } } });
    expect(rework!.body.zh).toContain('数据需核实');
    expect(noticeStillDue(state, rework!)).toBe(true);
    completeStep.apply(state, p1, { stepId: 'draft-statement', actor: as('office') }, T0 + 3000);
    expect(noticeStillDue(state, rework!)).toBe(false);
  });

  test('messages that are not requests to act (notify steps, breaches) are always due', () => {
    const { state } = openIncident(facts, p1, T0, { ownerNotices: true });
    const plain: NotificationRequest = {
      key: 'inc-1:1',
      incidentId: 'inc-1',
      recipients: ['office'],
      subject: { zh: '通知', en: 'Notice' },
      body: { zh: '内容', en: 'Text' },
      causeSeq: 1,
    };
    expect(noticeStillDue(state, plain)).toBe(true);
  });
});
