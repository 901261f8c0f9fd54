import { checkPlan } from '../../plans/check-plan';
import { Plan } from '../../domain/plan-schema';
import { builtinPlan } from '../helpers/plans';
import { approval, type Doc, monitor, notify, task, tinyPlanDoc } from './tiny-plan';

/**
 * A sound plan: steps[0] triage, [1] tell (notify), [2] draft, [3] sign (approval of draft), [4] watch
 * (monitor). Each test breaks one thing in a fresh copy.
 */
function soundSteps(): Doc[] {
  return [
    task('triage', 'clerk'),
    notify('tell', ['chief'], { after: ['triage'] }),
    task('draft', 'clerk', { after: ['triage'] }),
    approval('sign', 'draft', ['lead', 'chief']),
    monitor('watch', 'clerk', { followUpEvery: 'PT2H' }),
  ];
}

/** Schema-valid (Plan.parse) so that only the cross-reference checks are under test. */
function problemsOf(steps: Doc[], extra: Doc = {}) {
  return checkPlan(Plan.parse(tinyPlanDoc(steps, extra)));
}

function withStep(i: number, change: Doc): Doc[] {
  const steps = soundSteps();
  steps[i] = { ...steps[i], ...change };
  return steps;
}

describe('checkPlan', () => {
  it('finds nothing wrong with a sound plan', () => {
    expect(problemsOf(soundSteps())).toEqual([]);
  });

  it('finds nothing wrong with the built-in P1 plan', () => {
    expect(checkPlan(builtinPlan('p1-acheng-agriculture'))).toEqual([]);
  });

  it('refuses a joint owner the plan has no role for, naming it', () => {
    expect(problemsOf(withStep(4, { jointOwners: ['lead', 'press'] }))).toEqual([
      { path: 'steps[4].jointOwners[1]', problem: 'unknown role "press"' },
    ]);
  });

  it('refuses the approved-statement mark on a step that is not an approval', () => {
    expect(problemsOf(withStep(2, { figure: 'approved-statement' }))).toEqual([
      { path: 'steps[2].figure', problem: 'only an approval step can mark the approved statement' },
    ]);
    expect(problemsOf(withStep(3, { figure: 'approved-statement' }))).toEqual([]);
  });

  describe('roles', () => {
    it('reports a task owner the plan does not have at steps[i].owner', () => {
      expect(problemsOf(withStep(2, { owner: 'nobody' }))).toEqual([
        { path: 'steps[2].owner', problem: 'unknown role "nobody"' },
      ]);
    });

    it('reports an unknown monitor owner, approver and recipient where each is named', () => {
      const steps = soundSteps();
      steps[1] = { ...steps[1], recipients: ['chief', 'press'] };
      steps[3] = { ...steps[3], approvers: ['lead', 'mayor'] };
      steps[4] = { ...steps[4], owner: 'intern' };
      expect(problemsOf(steps)).toEqual([
        { path: 'steps[1].recipients[1]', problem: 'unknown role "press"' },
        { path: 'steps[3].approvers[1]', problem: 'unknown role "mayor"' },
        { path: 'steps[4].owner', problem: 'unknown role "intern"' },
      ]);
    });

    it('reports a reportsTo naming an unknown role at roles[i].reportsTo', () => {
      const roles = [
        { id: 'chief', names: { zh: '甲', en: 'A' } },
        { id: 'lead', names: { zh: '乙', en: 'B' }, reportsTo: 'chief' },
        { id: 'clerk', names: { zh: '丙', en: 'C' }, reportsTo: 'boss' },
      ];
      expect(problemsOf(soundSteps(), { roles })).toEqual([
        { path: 'roles[2].reportsTo', problem: 'unknown role "boss"' },
      ]);
    });

    it('reports a reportsTo cycle, spelled out, at roles', () => {
      const roles = [
        { id: 'chief', names: { zh: '甲', en: 'A' }, reportsTo: 'clerk' },
        { id: 'lead', names: { zh: '乙', en: 'B' }, reportsTo: 'chief' },
        { id: 'clerk', names: { zh: '丙', en: 'C' }, reportsTo: 'lead' },
      ];
      expect(problemsOf(soundSteps(), { roles })).toEqual([
        { path: 'roles', problem: 'reportsTo cycle: chief → clerk → lead → chief' },
      ]);
    });

    it('reports a role that reports to itself as a cycle', () => {
      const roles = [
        { id: 'chief', names: { zh: '甲', en: 'A' }, reportsTo: 'chief' },
        { id: 'lead', names: { zh: '乙', en: 'B' }, reportsTo: 'chief' },
        { id: 'clerk', names: { zh: '丙', en: 'C' }, reportsTo: 'lead' },
      ];
      expect(problemsOf(soundSteps(), { roles })).toEqual([
        { path: 'roles', problem: 'reportsTo cycle: chief → chief' },
      ]);
    });

    it('reports an unknown classifier at classifiers[i]', () => {
      expect(problemsOf(soundSteps(), { classifiers: ['lead', 'cyberspace-office'] })).toEqual([
        { path: 'classifiers[1]', problem: 'unknown role "cyberspace-office"' },
      ]);
    });
  });

  describe('lead roles', () => {
    it('reports a level without a lead role at leadRole', () => {
      expect(problemsOf(soundSteps(), { leadRole: { l1: 'chief' } })).toEqual([
        { path: 'leadRole', problem: 'no lead role for level "l2"' },
      ]);
    });

    it('reports a lead role that is not a plan role at leadRole.<level>', () => {
      expect(problemsOf(soundSteps(), { leadRole: { l1: 'chief', l2: 'mayor' } })).toEqual([
        { path: 'leadRole.l2', problem: 'unknown role "mayor"' },
      ]);
    });

    it('reports a lead role for a level the plan does not have at leadRole.<level>', () => {
      expect(problemsOf(soundSteps(), { leadRole: { l1: 'chief', l2: 'lead', l9: 'lead' } })).toEqual([
        { path: 'leadRole.l9', problem: 'unknown level "l9"' },
      ]);
    });

    it('reports a missing lead role even when the level id is also the name of an Object property', () => {
      const levels = [
        { id: 'l1', names: { zh: '一级', en: 'I' } },
        { id: 'constructor', names: { zh: '二级', en: 'II' } },
      ];
      expect(problemsOf(soundSteps(), { levels, leadRole: { l1: 'chief' } })).toEqual([
        { path: 'leadRole', problem: 'no lead role for level "constructor"' },
      ]);
    });
  });

  describe('steps', () => {
    it('reports an after naming an unknown step at steps[i].after[j]', () => {
      expect(problemsOf(withStep(2, { after: ['triage', 'ghost'] }))).toEqual([
        { path: 'steps[2].after[1]', problem: 'unknown step "ghost"' },
      ]);
    });

    it('reports an approval revising an unknown step at steps[i].revises', () => {
      expect(problemsOf(withStep(3, { revises: 'ghost' }))).toEqual([
        { path: 'steps[3].revises', problem: 'unknown step "ghost"' },
      ]);
    });

    it('reports an after cycle, spelled out, at steps', () => {
      expect(problemsOf(withStep(0, { after: ['draft'] }))).toEqual([
        { path: 'steps', problem: 'after cycle: triage → draft → triage' },
      ]);
    });

    it('reports a step waiting for itself as a cycle', () => {
      expect(problemsOf(withStep(4, { after: ['watch'] }))).toEqual([
        { path: 'steps', problem: 'after cycle: watch → watch' },
      ]);
    });

    it('counts an approval waiting on the work it revises towards an after cycle', () => {
      expect(problemsOf(withStep(2, { after: ['triage', 'sign'] }))).toEqual([
        { path: 'steps', problem: 'after cycle: draft → sign → draft' },
      ]);
    });

    it('reports duplicate step, role and level ids', () => {
      const steps = [...soundSteps(), task('triage', 'lead')];
      const roles = [
        { id: 'chief', names: { zh: '甲', en: 'A' } },
        { id: 'lead', names: { zh: '乙', en: 'B' }, reportsTo: 'chief' },
        { id: 'clerk', names: { zh: '丙', en: 'C' }, reportsTo: 'lead' },
        { id: 'clerk', names: { zh: '丁', en: 'D' } },
      ];
      const levels = [
        { id: 'l1', names: { zh: '一级', en: 'I' } },
        { id: 'l2', names: { zh: '二级', en: 'II' } },
        { id: 'l1', names: { zh: '一级', en: 'I again' } },
      ];
      expect(problemsOf(steps, { roles, levels })).toEqual([
        { path: 'levels', problem: 'duplicate level id "l1"' },
        { path: 'roles', problem: 'duplicate role id "clerk"' },
        { path: 'steps', problem: 'duplicate step id "triage"' },
      ]);
    });

    it('reports an appliesAt level the plan does not have at steps[i].appliesAt[j]', () => {
      expect(problemsOf(withStep(0, { appliesAt: ['l1', 'l3'] }))).toEqual([
        { path: 'steps[0].appliesAt[1]', problem: 'unknown level "l3"' },
      ]);
    });

    it('reports duplicate form fields of a review at steps[i].form', () => {
      const review = {
        id: 'review',
        kind: 'review',
        title: { zh: '复盘', en: 'Review' },
        source: { file: 'unit-test', section: 'n/a' },
        owner: 'lead',
        instructions: { zh: '复盘', en: 'Review' },
        after: ['watch'],
        form: [
          { id: 'cause', label: { zh: '原因', en: 'Cause' } },
          { id: 'cause', label: { zh: '原因', en: 'Cause again' } },
        ],
      };
      expect(problemsOf([...soundSteps(), review])).toEqual([
        { path: 'steps[5].form', problem: 'duplicate field id "cause"' },
      ]);
    });
  });

  describe('deadlines', () => {
    it('reports a deadline on a notify step at steps[i].deadline', () => {
      expect(problemsOf(withStep(1, { deadline: { within: 'PT10M' } }))).toEqual([
        { path: 'steps[1].deadline', problem: 'a notify step has no owner to hold to a deadline' },
      ]);
    });

    it('reports a deadline on a monitor step at steps[i].deadline', () => {
      expect(problemsOf(withStep(4, { deadline: { within: 'PT10M' } }))).toEqual([
        { path: 'steps[4].deadline', problem: 'a monitor step is held to followUpEvery, not a deadline' },
      ]);
    });

    it('reports a stepDone anchor that the step does not wait for at steps[i].deadline.from.stepDone', () => {
      const steps = withStep(2, { deadline: { within: 'PT20M', from: { stepDone: 'watch' } } });
      expect(problemsOf(steps)).toEqual([
        { path: 'steps[2].deadline.from.stepDone', problem: '"watch" must also be listed in after' },
      ]);
    });

    it('reports a stepDone anchor naming an unknown step', () => {
      const steps = withStep(2, { deadline: { within: 'PT20M', from: { stepDone: 'ghost' } } });
      expect(problemsOf(steps)).toEqual([
        { path: 'steps[2].deadline.from.stepDone', problem: 'unknown step "ghost"' },
        { path: 'steps[2].deadline.from.stepDone', problem: '"ghost" must also be listed in after' },
      ]);
    });

    it('accepts a stepDone anchor listed in after', () => {
      expect(
        problemsOf(withStep(2, { deadline: { within: 'PT20M', from: { stepDone: 'triage' } } })),
      ).toEqual([]);
    });

    it('accepts an approval anchored on the work it revises, which it waits for anyway', () => {
      const steps = withStep(3, { after: [], deadline: { within: 'PT1H', from: { stepDone: 'draft' } } });
      expect(problemsOf(steps)).toEqual([]);
    });

    it('reports a per-level span for an unknown level at steps[i].deadline.within.<level>', () => {
      expect(problemsOf(withStep(0, { deadline: { within: { l1: 'PT10M', l7: 'PT1H' } } }))).toEqual([
        { path: 'steps[0].deadline.within.l7', problem: 'unknown level "l7"' },
      ]);
    });

    it('does not read a working-hours/off-hours span as two level ids', () => {
      expect(
        problemsOf(withStep(0, { deadline: { within: { workingHours: 'PT10M', offHours: 'PT30M' } } })),
      ).toEqual([]);
    });

    it('reports raising to an unknown level at steps[i].deadline.raiseLevelTo', () => {
      expect(problemsOf(withStep(0, { deadline: { within: 'PT10M', raiseLevelTo: 'l0' } }))).toEqual([
        { path: 'steps[0].deadline.raiseLevelTo', problem: 'unknown level "l0"' },
      ]);
    });
  });

  it('reports a broken calendar at calendar', () => {
    const problems = problemsOf(soundSteps(), {
      calendar: { workingHours: [['17:30', '08:30']], workdays: [1, 2, 3, 4, 5] },
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('calendar');
    expect(problems[0]!.problem).toContain('starts at or after it ends');
  });

  describe('owners and messages by level', () => {
    it('finds nothing wrong with an owner for each level', () => {
      expect(problemsOf(withStep(0, { owner: { byLevel: { l1: 'chief', l2: 'lead' } } }))).toEqual([]);
    });

    it('reports an unknown role, an unknown level and a level left without an owner, each where it is', () => {
      const steps = withStep(0, { owner: { byLevel: { l1: 'ghost', l9: 'lead' } } });
      expect(problemsOf(steps)).toEqual([
        { path: 'steps[0].owner.byLevel.l1', problem: 'unknown role "ghost"' },
        { path: 'steps[0].owner.byLevel.l9', problem: 'unknown level "l9"' },
        { path: 'steps[0].owner.byLevel', problem: 'nothing for level "l2", where the step applies' },
      ]);
    });

    it('asks a message by level only for the levels where its step applies', () => {
      const words = { zh: '报', en: 'report' };
      expect(problemsOf(withStep(1, { appliesAt: ['l1'], message: { byLevel: { l1: words } } }))).toEqual([]);
      expect(problemsOf(withStep(1, { message: { byLevel: { l1: words } } })).map((p) => p.path)).toEqual([
        'steps[1].message.byLevel',
      ]);
    });
  });

  describe('question rounds', () => {
    const rounds = (
      more: Doc = {},
      steps: Doc[] = [task('ask', 'lead'), task('answer', 'clerk', { after: ['ask'] })],
    ) => ({
      questions: {
        source: { file: 'unit-test', section: 'n/a' },
        raisedBy: ['clerk'],
        during: 'watch',
        steps,
        ...more,
      },
    });

    it('finds nothing wrong with a round that refers only within itself', () => {
      expect(problemsOf(soundSteps(), rounds())).toEqual([]);
    });

    it('reports a round step that refers to a step outside the round at questions.steps[i].after[j]', () => {
      const problems = problemsOf(soundSteps(), rounds({}, [task('ask', 'lead', { after: ['triage'] })]));
      expect(problems.map((p) => p.path)).toEqual(['questions.steps[0].after[0]']);
      expect(problems[0]!.problem).toContain('triage');
    });

    it('reports an unknown raising role and a during that is not a monitor', () => {
      expect(
        problemsOf(soundSteps(), rounds({ raisedBy: ['ghost'], during: 'draft' })).map((p) => p.path),
      ).toEqual(['questions.raisedBy[0]', 'questions.during']);
    });

    it('reports what a round cannot have: levels, flags, monitors and deadlines from discovery', () => {
      const steps = [
        task('ask', 'lead', { appliesAt: ['l1'], deadline: { within: 'PT1H', from: 'discovery' } }),
        monitor('watch-more', 'clerk', { after: ['ask'] }),
      ];
      expect(problemsOf(soundSteps(), rounds({}, steps)).map((p) => p.path)).toEqual([
        'questions.steps[0].appliesAt',
        'questions.steps[0].deadline.from',
        'questions.steps[1].kind',
      ]);
    });

    it('keeps "raised" and q-ids for rounds: a plan step may use neither', () => {
      const steps = withStep(0, { id: 'q1-triage', deadline: { within: 'PT1H', from: 'raised' } });
      steps[1] = { ...steps[1], after: ['q1-triage'] };
      steps[2] = { ...steps[2], after: ['q1-triage'] };
      expect(problemsOf(steps).map((p) => p.path)).toEqual(['steps[0].id', 'steps[0].deadline.from']);
    });
  });

  it('reports every problem of a plan at once, not only the first', () => {
    const steps = soundSteps();
    steps[0] = { ...steps[0], owner: 'nobody' };
    steps[1] = { ...steps[1], deadline: { within: 'PT10M' } };
    steps[2] = { ...steps[2], after: ['ghost'] };
    expect(problemsOf(steps, { leadRole: { l1: 'chief' } }).map((p) => p.path)).toEqual([
      'leadRole',
      'steps[0].owner',
      'steps[1].deadline',
      'steps[2].after[0]',
    ]);
  });
});
