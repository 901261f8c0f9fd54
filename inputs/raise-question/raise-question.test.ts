import type { IncidentState, Plan } from '../../domain/incident';
import { withQuestions } from '../../domain/question-rounds';
import { openIncident, recordBreaches } from '../../engine/incident';
import { completeStep } from '../complete-step';
import { decideApproval } from '../decide-approval';
import { raiseQuestion } from '.';
import { subside } from '../subside';
import { parsePlan } from '../../plans/catalog';
import p1Doc from '../../plans/catalog/p1-acheng-agriculture.json';
import p2Doc from '../../plans/catalog/p2-hrss-bureau.json';
import p3Doc from '../../plans/catalog/p3-work-safety.json';
import p4Doc from '../../plans/catalog/p4-wenquan-subdistrict.json';
import { approval, monitor, task, tinyPlan } from '../../test/unit/tiny-plan';

// Questions raised while monitoring get a round of their own (P1 第七步, P2 第五步, P3 六(一)(二)): the
// round's steps join the incident under q1-…, q2-… ids and run like any other step.

const T0 = Date.UTC(2025, 2, 3, 2, 0); // a Monday, 10:00 in Asia/Shanghai
const HOUR = 3_600_000;
const person = (role: string) => ({ id: `person-of-${role}`, role });

/** watch runs from the start; each question goes ask (2 h from the question) → sign → answer (4 h from it). */
const tiny = tinyPlan([task('triage', 'clerk'), monitor('watch', 'clerk')], {
  questions: {
    source: { file: 'unit-test', section: 'n/a' },
    raisedBy: ['clerk'],
    during: 'watch',
    steps: [
      task('ask', 'lead', { deadline: { within: 'PT2H', from: 'raised' } }),
      approval('sign', 'ask', ['chief']),
      task('answer', 'clerk', { after: ['sign'], deadline: { within: 'PT4H', from: 'raised' } }),
    ],
  },
});

function open(plan: Plan, level = 'l2'): IncidentState {
  const facts = {
    id: `${plan.id}-q`,
    title: '测试舆情',
    summary: '',
    level,
    reporter: 'tester',
    discoveredAt: T0,
  };
  return openIncident(facts, plan, T0, { ownerNotices: true, correctness: true }).state;
}

function raise(state: IncidentState, plan: Plan, role: string, text: string, now: number) {
  const input = { text, actor: person(role) };
  const refusal = raiseQuestion.validate(state, withQuestions(plan, state.questions), input);
  if (refusal) throw new Error(`${refusal.code}: ${refusal.message}`);
  return raiseQuestion.apply(state, withQuestions(plan, state.questions), input, now);
}

function complete(state: IncidentState, plan: Plan, stepId: string, role: string, now: number) {
  const now_ = withQuestions(plan, state.questions);
  const input = { stepId, actor: person(role) };
  const refusal = completeStep.validate(state, now_, input);
  if (refusal) throw new Error(`${stepId}: ${refusal.code}: ${refusal.message}`);
  return completeStep.apply(state, now_, input, now);
}

function decide(
  state: IncidentState,
  plan: Plan,
  stepId: string,
  decision: 'approve' | 'reject',
  now: number,
) {
  const input = { stepId, decision, actor: person('chief'), comment: 'not yet' };
  const expanded = withQuestions(plan, state.questions);
  const refusal = decideApproval.validate(state, expanded, input);
  if (refusal) throw new Error(`${stepId}: ${refusal.code}: ${refusal.message}`);
  return decideApproval.apply(state, expanded, input, now);
}

const statusOf = (state: IncidentState, id: string) => state.steps[id]?.status;

describe('raising a question', () => {
  it('opens the first step of a round for the question, told to its owner, and records what was asked', () => {
    const state = open(tiny);
    const told = raise(state, tiny, 'clerk', '回复里的数字从哪里来？', T0 + HOUR);
    expect(state.questions).toEqual([
      {
        id: 'q1',
        text: '回复里的数字从哪里来？',
        role: 'clerk',
        raisedBy: 'person-of-clerk',
        raisedAt: T0 + HOUR,
      },
    ]);
    expect(statusOf(state, 'q1-ask')).toBe('open');
    expect(statusOf(state, 'q1-sign')).toBe('waiting');
    expect(statusOf(state, 'q1-answer')).toBe('waiting');
    expect(told.map((n) => n.recipients)).toContainEqual(['lead']);
    const raised = state.timeline.find((e) => e.type === 'question-raised');
    expect(raised?.data).toMatchObject({ questionId: 'q1', steps: ['q1-ask', 'q1-sign', 'q1-answer'] });
  });

  it('counts a round\'s "raised" deadlines from the question, not from when each step opens', () => {
    const state = open(tiny);
    raise(state, tiny, 'clerk', 'why?', T0 + HOUR);
    expect(state.steps['q1-ask']!.dueAt).toBe(T0 + 3 * HOUR);
    complete(state, tiny, 'q1-ask', 'lead', T0 + 2 * HOUR);
    decide(state, tiny, 'q1-sign', 'approve', T0 + 3 * HOUR);
    // Opened three hours after the question, due four hours after it: one hour left, not four.
    expect(state.steps['q1-answer']).toMatchObject({ status: 'open', dueAt: T0 + 5 * HOUR });
  });

  it('records a breach on a round step whose deadline passes', () => {
    const state = open(tiny);
    raise(state, tiny, 'clerk', 'why?', T0 + HOUR);
    recordBreaches(state, withQuestions(tiny, state.questions), T0 + 3 * HOUR + 1);
    expect(state.steps['q1-ask']!.breaches).toHaveLength(1);
  });

  it('runs two questions as two rounds that finish independently', () => {
    const state = open(tiny);
    raise(state, tiny, 'clerk', 'first', T0 + HOUR);
    raise(state, tiny, 'clerk', 'second', T0 + 2 * HOUR);
    expect(state.questions?.map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(state.steps['q2-ask']).toMatchObject({ status: 'open', dueAt: T0 + 4 * HOUR });
    complete(state, tiny, 'q2-ask', 'lead', T0 + 2 * HOUR + 1);
    expect(statusOf(state, 'q2-sign')).toBe('open');
    expect(statusOf(state, 'q1-ask')).toBe('open');
    expect(statusOf(state, 'q1-sign')).toBe('waiting');
  });

  it('sends a rejected reply back to its own round only', () => {
    const state = open(tiny);
    raise(state, tiny, 'clerk', 'first', T0 + HOUR);
    raise(state, tiny, 'clerk', 'second', T0 + HOUR);
    complete(state, tiny, 'q1-ask', 'lead', T0 + 2 * HOUR);
    complete(state, tiny, 'q2-ask', 'lead', T0 + 2 * HOUR);
    decide(state, tiny, 'q1-sign', 'reject', T0 + 2 * HOUR + 1);
    expect(statusOf(state, 'q1-ask')).toBe('open');
    expect(statusOf(state, 'q2-ask')).toBe('done');
    expect(statusOf(state, 'q2-sign')).toBe('open');
  });

  it('keeps the incident open until every round is answered, even once it has subsided', () => {
    const state = open(tiny);
    complete(state, tiny, 'triage', 'clerk', T0 + 1);
    raise(state, tiny, 'clerk', 'why?', T0 + HOUR);
    subside.apply(state, withQuestions(tiny, state.questions), { actor: person('lead') }, T0 + HOUR + 1);
    expect(state.status).toBe('aftercare');
    complete(state, tiny, 'q1-ask', 'lead', T0 + 2 * HOUR);
    decide(state, tiny, 'q1-sign', 'approve', T0 + 2 * HOUR);
    expect(state.status).toBe('aftercare');
    complete(state, tiny, 'q1-answer', 'clerk', T0 + 3 * HOUR);
    expect(state.status).toBe('closed');
  });

  describe('is refused', () => {
    it('by a plan without question rounds (P4)', () => {
      const p4 = parsePlan('p4', p4Doc);
      const state = open(p4, p4.levels.at(-1)!.id);
      const refusal = raiseQuestion.validate(state, p4, { text: 'why?', actor: person(state.leadRole) });
      expect(refusal?.code).toBe('no-question-rounds');
    });

    it('from a role the plan does not have raise them', () => {
      const state = open(tiny);
      const refusal = raiseQuestion.validate(state, tiny, { text: 'why?', actor: person('lead') });
      expect(refusal).toMatchObject({ code: 'wrong-role' });
      expect(refusal?.message).toContain('clerk');
    });

    it('once the monitoring it is raised during has ended', () => {
      const state = open(tiny);
      subside.apply(state, tiny, { actor: person('lead') }, T0 + HOUR);
      const refusal = raiseQuestion.validate(state, tiny, { text: 'why?', actor: person('clerk') });
      expect(refusal).toMatchObject({ code: 'wrong-status' });
    });
  });

  it('leaves the plan itself unchanged for an incident without questions', () => {
    expect(withQuestions(tiny, undefined)).toBe(tiny);
    expect(withQuestions(tiny, [])).toBe(tiny);
  });
});

describe('the catalog question rounds', () => {
  const p1 = parsePlan('p1', p1Doc);
  const p2 = parsePlan('p2', p2Doc);
  const p3 = parsePlan('p3', p3Doc);

  /** Plays P1 at level Ⅲ until the public reply is out and the opinion monitor tracks it (第七步). */
  function p1Replied(): IncidentState {
    const state = open(p1, 'l3');
    let now = T0;
    for (const [stepId, role] of [
      ['report-facts', 'monitor'],
      ['consult', 'party-group'],
      ['draft-statement', 'office'],
    ] as const) {
      complete(state, p1, stepId, role, (now += 60_000));
    }
    for (const role of ['party-group', 'higher-org']) {
      const input = { stepId: 'approve-statement', decision: 'approve' as const, actor: person(role) };
      expect(decideApproval.validate(state, p1, input)).toBeUndefined();
      decideApproval.apply(state, p1, input, (now += 60_000));
    }
    complete(state, p1, 'public-response', 'office', (now += 60_000));
    return state;
  }

  it('P1 第七步: a question the opinion monitor reports after the reply is consulted on, drafted, approved and answered within 12 hours', () => {
    // "如自己对疑问或者质疑不能正确引导…要及时上报。上报后，经局党组会商后拿出一个合理的回复方案加以回复"
    expect(p1.questions).toMatchObject({ raisedBy: ['monitor'], during: 'track-and-guide' });
    expect(p1.questions?.source.section).toBe('四、应急程序 第七步');
    const before = open(p1, 'l3');
    expect(raiseQuestion.validate(before, p1, { text: '?', actor: person('monitor') })?.code).toBe(
      'wrong-status',
    );

    const state = p1Replied();
    expect(statusOf(state, 'track-and-guide')).toBe('open');
    expect(raiseQuestion.validate(state, p1, { text: '?', actor: person('commentator') })?.code).toBe(
      'wrong-role',
    );
    raise(state, p1, 'monitor', '网友质疑补贴标准', T0 + HOUR);
    const expanded = withQuestions(p1, state.questions);
    expect(expanded.steps.find((s) => s.id === 'q1-consult-reply')).toMatchObject({
      owner: 'party-group',
      title: { zh: '疑问1：会商回复方案' },
    });
    expect(statusOf(state, 'q1-consult-reply')).toBe('open');
    complete(state, p1, 'q1-consult-reply', 'party-group', T0 + 2 * HOUR);
    complete(state, p1, 'q1-draft-reply', 'office', T0 + 3 * HOUR);
    const approve = {
      stepId: 'q1-approve-reply',
      decision: 'approve' as const,
      actor: person('party-group'),
    };
    expect(decideApproval.validate(state, expanded, approve)).toBeUndefined();
    decideApproval.apply(state, expanded, approve, T0 + 4 * HOUR);
    // Due 12 hours from the question (as 第六步's reply), however long the round took to get here.
    expect(state.steps['q1-reply']).toMatchObject({ status: 'open', dueAt: T0 + 13 * HOUR });
    expect(expanded.steps.find((s) => s.id === 'q1-reply')).toMatchObject({ owner: 'monitor' });
  });

  it('P2 第五步: the leading group consults on a question the commentator reports', () => {
    expect(p2.questions).toMatchObject({ raisedBy: ['monitor'], during: 'monitor-trend' });
    const state = open(p2, p2.levels.at(-1)!.id);
    raise(state, p2, 'monitor', '网友质疑', T0 + HOUR);
    expect(withQuestions(p2, state.questions).steps.find((s) => s.id === 'q1-consult-reply')).toMatchObject({
      owner: 'leading-group',
    });
    expect(statusOf(state, 'q1-consult-reply')).toBe('open');
  });

  it('P3 六(一)(二): the opinion division reports doubts and the publicity office works out the response', () => {
    expect(p3.questions).toMatchObject({ raisedBy: ['opinion-division'], during: 'monitor-trend' });
    expect(p3.questions?.steps.map((s) => s.source.section)).toEqual(['六、后续处理（二）继续引导']);
    const state = open(p3, p3.levels.at(-1)!.id);
    raise(state, p3, 'opinion-division', '网民质疑回复', T0 + HOUR);
    expect(withQuestions(p3, state.questions).steps.find((s) => s.id === 'q1-respond')).toMatchObject({
      owner: 'publicity-office',
    });
    expect(statusOf(state, 'q1-respond')).toBe('open');
  });
});
