import { allLevels, ownerAt } from '../../domain/plan-reading';
import { decideApproval } from '../../inputs/decide-approval';
import { reclassify } from '../../inputs/reclassify';
import { completeStep } from '../../inputs/complete-step';
import { setFlag } from '../../inputs/set-flag';
import { reportFollowUp } from '../../inputs/report-follow-up';
import { subside } from '../../inputs/subside';
import p4Doc from '../../plans/catalog/p4-wenquan-subdistrict.json';
import p5Doc from '../../plans/catalog/p5-yinzhou-civil-affairs.json';
import p6Doc from '../../plans/catalog/p6-lixian-cyberspace.json';
import { parsePlan } from '../../plans/catalog';
import { checkPlan } from '../../plans/check-plan';
import { playToClosed as playHelper } from '../helpers/play-plan';
import type { Plan, Step } from '../../domain/plan-schema';
import { dueAtFor } from '../../engine/deadlines';
import { openIncident } from '../../engine/incident';
import type { IncidentState } from '../../domain/incident';

const MINUTE = 60_000;

/** An instant given as Shanghai wall-clock time (UTC+8), independent of the host's time zone. */
const sh = (local: string): number => Date.parse(`${local}+08:00`);

const files = {
  // 3: urgent and malicious incidents as flags; 4: one publishing step, its spokesperson by level (issue 14).
  'p4-wenquan-subdistrict': { doc: p4Doc, seed: '002_803e5637131d7785.txt', version: 4 },
  // 3: the two leaders' review at 一般 only; 4: the office and the section track and review jointly (issue 14).
  'p5-yinzhou-civil-affairs': { doc: p5Doc, seed: '003_8ce167843e82b2f2.txt', version: 4 },
  'p6-lixian-cyberspace': { doc: p6Doc, seed: '004_8bfcde87245357f2.txt', version: 2 },
} as const;

const p4 = parsePlan('p4-wenquan-subdistrict.json', p4Doc);
const p5 = parsePlan('p5-yinzhou-civil-affairs.json', p5Doc);
const p6 = parsePlan('p6-lixian-cyberspace.json', p6Doc);

function stepOf(plan: Plan, id: string): Step {
  const step = plan.steps.find((s) => s.id === id);
  if (!step) throw new Error(`plan ${plan.id} has no step ${id}`);
  return step;
}

/** The smallest incident state dueAtFor reads: level, discovery, and the steps' own states. */
function stateAt(
  plan: Plan,
  level: string,
  discoveredAt: number,
  doneAt: Record<string, number> = {},
): IncidentState {
  return {
    incident: { id: 'inc', title: '测试舆情', summary: '', level, reporter: 'wang', discoveredAt },
    planId: plan.id,
    planVersion: plan.version,
    level,
    leadRole: plan.leadRole[level]!,
    status: 'open',
    metrics: {},
    steps: Object.fromEntries(
      plan.steps.map((s) => [
        s.id,
        doneAt[s.id] === undefined
          ? { id: s.id, status: 'waiting' as const, breaches: [] }
          : { id: s.id, status: 'done' as const, doneAt: doneAt[s.id], breaches: [] },
      ]),
    ),
    milestones: {},
    timeline: [],
  };
}

const person = (role: string) => ({ id: `person-of-${role}`, role });
const FACTS = { id: 'inc', title: '测试舆情', summary: '', reporter: 'wang' };
const playToClosed = (plan: Plan, level: string, flags: string[] = []) =>
  playHelper(plan, level, sh('2026-11-24T10:00:00'), flags);

describe.each(Object.entries(files))('catalog plan %s', (id, { doc, seed, version }) => {
  const plan = parsePlan(`${id}.json`, doc);

  it('parses with parsePlan and passes the cross-reference checks without problems', () => {
    expect(plan.id).toBe(id);
    expect(plan.version).toBe(version);
    expect(checkPlan(plan)).toEqual([]);
  });

  it('cites its own seed file for the plan and for every step', () => {
    expect(plan.source.file).toBe(seed);
    for (const step of plan.steps) {
      expect([step.id, step.source.file]).toEqual([step.id, seed]);
      expect(step.source.section.length).toBeGreaterThan(0);
    }
  });

  it('lists levels l1 (most severe) onward, each with a lead role', () => {
    expect(plan.levels.map((l) => l.id)).toEqual(plan.levels.map((_l, i) => `l${i + 1}`));
    for (const level of plan.levels) expect(plan.leadRole[level.id]).toBeDefined();
  });

  it('has a monitor open from the start and a review that waits for the monitor to end', () => {
    const monitors = plan.steps.filter((s) => s.kind === 'monitor');
    expect(monitors.length).toBeGreaterThan(0);
    for (const m of monitors) {
      expect(m.after).toEqual([]);
      expect(m.appliesAt).toBeUndefined();
    }
    const reviews = plan.steps.filter((s) => s.kind === 'review');
    expect(reviews).toHaveLength(1);
    expect(reviews[0]!.appliesAt).toBeUndefined();
    for (const m of monitors) expect(reviews[0]!.after).toContain(m.id);
  });

  it('gives every role an escalation path that ends at one top authority', () => {
    expect(plan.roles.filter((r) => r.reportsTo === undefined)).toHaveLength(1);
  });

  const allFlags = plan.flags.map((f) => f.id);
  const cases: [string, string[]][] = plan.levels.flatMap((l) => [
    [l.id, []],
    ...(allFlags.length > 0 ? [[l.id, allFlags] as [string, string[]]] : []),
  ]);
  it.each(cases)(
    'reaches closed at level %s with flags %j when each role does its own steps and the lead role declares it subsided',
    (level, flags) => {
      const { state, acted } = playToClosed(plan, level, flags);
      expect(state.status).toBe('closed');
      expect(acted.filter((a) => a.startsWith('subside:'))).toEqual([`subside:${plan.leadRole[level]}`]);
      const review = plan.steps.find((s) => s.kind === 'review')!;
      expect(acted.at(-1)).toBe(`${review.id}:${ownerAt(review, level) ?? ''}`);
      for (const step of plan.steps) {
        const applies =
          (step.appliesAt === undefined || step.appliesAt.includes(level)) &&
          (step.when === undefined || flags.includes(step.when));
        expect([step.id, state.steps[step.id]!.status]).toEqual([step.id, applies ? 'done' : 'skipped']);
      }
    },
  );
});

describe('P4 温泉街道', () => {
  // 四(三)："一般在收到舆情联系单2小时内要将情况核实结果报给领导小组办公室（重大舆情或紧急舆情要在半小时内将简要答复给
  // 领导小组办公室）": an urgent incident wants a brief reply in half an hour at 一般 too.
  it('asks an urgent incident at 一般 for a brief reply within half an hour of the form, or of being marked urgent', () => {
    const t0 = sh('2026-11-24T10:00:00');
    const opened = (flags: string[]) =>
      openIncident({ ...FACTS, level: 'l3', discoveredAt: t0, ...(flags.length ? { flags } : {}) }, p4, t0)
        .state;
    const office = person('office');
    const informant = person('informant');

    const urgent = opened(['urgent']);
    completeStep.apply(urgent, p4, { stepId: 'report-incident', actor: informant }, t0 + 60_000);
    completeStep.apply(urgent, p4, { stepId: 'dispatch-form', actor: office }, t0 + 2 * 60_000);
    expect(urgent.steps['urgent-brief-reply']).toMatchObject({ status: 'open', dueAt: t0 + 32 * 60_000 });
    expect(urgent.steps['verify-and-report']).toMatchObject({ status: 'open', dueAt: t0 + 122 * 60_000 });

    const markedLater = opened([]);
    completeStep.apply(markedLater, p4, { stepId: 'report-incident', actor: informant }, t0 + 60_000);
    completeStep.apply(markedLater, p4, { stepId: 'dispatch-form', actor: office }, t0 + 2 * 60_000);
    expect(markedLater.steps['urgent-brief-reply']!.status).toBe('skipped');
    setFlag.apply(markedLater, p4, { actor: office, flag: 'urgent' }, t0 + 50 * 60_000);
    expect(markedLater.steps['urgent-brief-reply']).toMatchObject({
      status: 'open',
      dueAt: t0 + 80 * 60_000,
    });
  });

  // 四(三)："对恶意攻击、散布谣言、严重影响本地形象的有害信息，及时向区委宣传部及公安局等相关部门反映并采取措施".
  it('refers harmful information to the propaganda department and police only when the incident is marked malicious', () => {
    expect(playToClosed(p4, 'l3').state.steps['report-harmful-info']!.status).toBe('skipped');
    const { acted } = playToClosed(p4, 'l3', ['malicious']);
    expect(acted).toContain('report-harmful-info:office');
    expect(acted.indexOf('report-harmful-info:office')).toBeGreaterThan(
      acted.indexOf('verify-and-report:involved-unit'),
    );
  });

  // 三(三)："特别重大事件由领导小组组长、副组长为第一新闻发言人，重大事件由领导小组办公室主任、副主任为第一新闻发言人，
  // 一般事件由各业务分管领导、科室负责人为第一新闻发言人": one step, its owner by level.
  it('has the first spokesperson publish: the group head at 特别重大, the office director at 重大, the leader in charge at 一般', () => {
    expect(p4.steps.filter((s) => s.figure === 'public-response').map((s) => s.id)).toEqual(['respond']);
    const published = (level: string) =>
      playToClosed(p4, level).acted.filter((a) => a.startsWith('respond:'));
    expect(published('l1')).toEqual(['respond:leading-group']);
    expect(published('l2')).toEqual(['respond:office-director']);
    expect(published('l3')).toEqual(['respond:leader-in-charge']);
  });

  it('hands the open publishing step to the new level’s spokesperson when the level changes, and tells them', () => {
    const t0 = sh('2026-11-24T10:00:00');
    const state = openIncident({ ...FACTS, level: 'l3', discoveredAt: t0 }, p4, t0, {
      ownerNotices: true,
    }).state;
    let now = t0;
    while (state.steps['respond']!.status !== 'open') {
      const step = p4.steps.find(
        (x) => state.steps[x.id]!.status === 'open' && (x.kind === 'task' || x.kind === 'approval'),
      )!;
      now += MINUTE;
      if (step.kind === 'approval') {
        const input = {
          stepId: step.id,
          actor: person(step.approvers[state.steps[step.id]!.stage ?? 0]!),
          decision: 'approve' as const,
        };
        decideApproval.apply(state, p4, input, now);
      } else {
        completeStep.apply(state, p4, { stepId: step.id, actor: person(ownerAt(step, state.level)!) }, now);
      }
    }
    const told = reclassify.apply(
      state,
      p4,
      { actor: person('office'), level: 'l2', reason: '转发激增' },
      now + MINUTE,
    );
    expect(told.filter((n) => n.context?.step?.id === 'respond').map((n) => n.recipients)).toEqual([
      ['office-director'],
    ]);
    const byLeader = { stepId: 'respond', actor: person('leader-in-charge') };
    expect(completeStep.validate(state, p4, byLeader)?.code).toBe('wrong-role');
    expect(
      completeStep.validate(state, p4, { stepId: 'respond', actor: person('office-director') }),
    ).toBeUndefined();
  });

  it('gives the involved unit 2 hours for verified facts, half an hour at the major levels', () => {
    const step = stepOf(p4, 'verify-and-report');
    expect(step.deadline).toEqual({
      within: { l1: 'PT30M', l2: 'PT30M', l3: 'PT2H' },
      from: { stepDone: 'dispatch-form' },
    });
    expect(step.after).toContain('dispatch-form');
  });

  it('has the statement approved by the office director, and at the major levels by the higher department too', () => {
    const ordinary = stepOf(p4, 'approve-statement');
    const major = stepOf(p4, 'approve-statement-major');
    expect(ordinary).toMatchObject({ kind: 'approval', approvers: ['office-director'], appliesAt: ['l3'] });
    expect(major).toMatchObject({
      kind: 'approval',
      approvers: ['office-director', 'higher-department'],
      appliesAt: ['l1', 'l2'],
    });
  });

  it('asks for the attachment-2 handling report fields in its review form', () => {
    const review = p4.steps.find((s) => s.kind === 'review');
    expect(review?.kind).toBe('review');
    if (review?.kind !== 'review') return;
    expect(review.form.map((f) => f.id)).toEqual([
      'title',
      'cause',
      'measures',
      'messagingLine',
      'result',
      'responsibleUnit',
      'leaderInCharge',
      'phone',
    ]);
    expect(review.form.map((f) => f.label.zh)).toEqual([
      '标题',
      '舆情产生原因（事实真相）',
      '具体处置措施及网络舆论引导措施',
      '应对口径',
      '处置结果',
      '责任单位',
      '分管领导',
      '联系电话',
    ]);
  });
});

describe('P5 鄞州区民政局', () => {
  const T0 = sh('2026-11-24T10:00:00');

  // 四(三): "局办公室和责任科室共同安排专人对舆情事态实行动态跟踪…及时续报"; 四(四): "局办公室会同责任科室…复盘":
  // one step each, done by either, both told, not a step per unit.
  it('has the office and the section track and review together, either one acting, both told', () => {
    expect(stepOf(p5, 'track-and-report')).toMatchObject({ owner: 'section', jointOwners: ['office'] });
    expect(stepOf(p5, 'after-action-review')).toMatchObject({ owner: 'office', jointOwners: ['section'] });
    const { state, notifications } = openIncident({ ...FACTS, level: 'l3', discoveredAt: T0 }, p5, T0, {
      ownerNotices: true,
    });
    expect(notifications.find((n) => n.context?.step?.id === 'track-and-report')?.recipients).toEqual([
      'section',
      'office',
    ]);
    const byOffice = { stepId: 'track-and-report', actor: person('office'), note: '转发量回落' };
    expect(reportFollowUp.validate(state, p5, byOffice)).toBeUndefined();
    expect(reportFollowUp.validate(state, p5, { ...byOffice, actor: person('leader-in-charge') })?.code).toBe(
      'wrong-role',
    );
  });

  // 3.重大舆情事件: "责任科室（单位）须在事发15分钟内口头报告": counted from when it happened, when intake says;
  // from discovery otherwise.
  it('wants the oral report within 15 minutes of when it happened (事发), at 重大 only', () => {
    const oral = stepOf(p5, 'oral-report');
    expect(oral.appliesAt).toEqual(['l1']);
    expect(oral.deadline).toEqual({ within: 'PT15M', from: 'occurrence' });
    const happened = stateAt(p5, 'l1', T0);
    happened.incident.occurredAt = T0 - 6 * MINUTE;
    expect(dueAtFor(p5, oral, happened, T0 + 2 * MINUTE)).toBe(T0 + 9 * MINUTE);
    expect(dueAtFor(p5, oral, stateAt(p5, 'l1', T0), T0 + 2 * MINUTE)).toBe(T0 + 15 * MINUTE);
  });

  it('anchors the written report 20 minutes after the oral report is done', () => {
    const written = stepOf(p5, 'written-report');
    expect(written.after).toContain('oral-report');
    expect(written.deadline).toEqual({ within: 'PT20M', from: { stepDone: 'oral-report' } });
    const state = stateAt(p5, 'l1', T0, { 'oral-report': T0 + 12 * MINUTE });
    expect(dueAtFor(p5, written, state, T0 + 13 * MINUTE)).toBe(T0 + 32 * MINUTE);
  });

  it('has the messaging reviewed by the leader in charge, then the principal leader', () => {
    expect(stepOf(p5, 'approve-messaging')).toMatchObject({
      kind: 'approval',
      revises: 'draft-messaging',
      approvers: ['leader-in-charge', 'principal-leader'],
    });
  });

  // 一般舆情事件：“拟定信息发布口径，经局分管领导、主要领导审核后进行回复和应对”; 较大：“拟定信息发布口径。
  // 局办公室根据事件性质，视情…发布权威信息” (重大 the same): the two leaders' review is the 一般 level's alone.
  it.each([
    ['l3', 'reply', 'open'],
    ['l2', 'publish-authoritative', 'skipped'],
    ['l1', 'publish-authoritative', 'skipped'],
  ])('at %s the drafted line leads to %s with the two leaders’ review %s', (level, next, review) => {
    const state = openIncident({ ...FACTS, level, discoveredAt: T0 }, p5, T0).state;
    expect(state.steps[next]!.status).toBe('waiting');
    for (const [i, stepId] of ['gather-facts', 'draft-messaging'].entries()) {
      const input = { stepId, actor: person('section') };
      expect(completeStep.validate(state, p5, input)).toBeUndefined();
      completeStep.apply(state, p5, input, T0 + (i + 1) * MINUTE);
    }
    expect(state.steps['approve-messaging']!.status).toBe(review);
    expect(state.steps[next]!.status).toBe(review === 'open' ? 'waiting' : 'open');
  });

  it('takes follow-up reports (续报) until the lead role, not the section, declares the incident subsided', () => {
    const facts = {
      id: 'inc',
      title: '测试舆情',
      summary: '',
      level: 'l1',
      reporter: 'wang',
      discoveredAt: T0,
    };
    const { state } = openIncident(facts, p5, T0);
    const monitor = stepOf(p5, 'track-and-report');
    expect(monitor).toMatchObject({ kind: 'monitor', owner: 'section' });
    expect(state.steps[monitor.id]!.status).toBe('open');
    expect(subside.validate(state, p5, { actor: person('section') })).toMatchObject({ code: 'wrong-role' });
    expect(subside.validate(state, p5, { actor: person('principal-leader') })).toBeUndefined();
  });
});

describe('P6 蠡县网信办', () => {
  it('colours its four levels red, orange, yellow and blue', () => {
    expect(p6.levels.map((l) => [l.id, l.colour])).toEqual([
      ['l1', 'red'],
      ['l2', 'orange'],
      ['l3', 'yellow'],
      ['l4', 'blue'],
    ]);
  });

  it('lets the cyberspace office re-classify even when an involved unit leads', () => {
    expect(p6.classifiers).toEqual(['cac']);
    expect(p6.leadRole).toEqual({ l1: 'cac', l2: 'cac', l3: 'involved-unit', l4: 'involved-unit' });
  });

  it('allows 30 minutes at Ⅰ and 60 minutes at Ⅱ to discover, classify and report', () => {
    const step = stepOf(p6, 'discover-and-report');
    const T0 = sh('2026-11-24T10:00:00');
    expect(dueAtFor(p6, step, stateAt(p6, 'l1', T0), T0)).toBe(T0 + 30 * MINUTE);
    expect(dueAtFor(p6, step, stateAt(p6, 'l2', T0), T0)).toBe(T0 + 60 * MINUTE);
    expect(dueAtFor(p6, step, stateAt(p6, 'l3', T0), T0)).toBeUndefined();
  });

  it.each([
    [10, 'a weekday morning', '2026-11-24T10:00:00'],
    [30, 'a weekday evening', '2026-11-24T20:00:00'],
    [30, 'a Sunday', '2026-11-22T10:00:00'],
  ])('gives the office staff %i minutes to be at their posts when called on %s', (minutes, _when, local) => {
    const step = stepOf(p6, 'staff-at-post');
    expect(step.deadline?.within).toEqual({ workingHours: 'PT10M', offHours: 'PT30M' });
    const at = sh(local);
    expect(dueAtFor(p6, step, stateAt(p6, 'l1', at), at)).toBe(at + minutes * MINUTE);
  });

  it('counts 45 minutes for the joint meeting and 1 hour for informants from the call', () => {
    expect(stepOf(p6, 'members-arrive').deadline).toEqual({
      within: 'PT45M',
      from: { stepDone: 'call-members' },
    });
    expect(stepOf(p6, 'informants-online').deadline).toEqual({
      within: 'PT1H',
      from: { stepDone: 'call-members' },
    });
  });

  it('ships no coercive special-control steps (deleting, closing, blocking, cutting off, tracing)', () => {
    const coercive = /删除|删帖|关闭|封堵|封锁|封控|屏蔽|禁言|禁转|解散|查人|落地查证|过滤|拦截|管控/;
    for (const step of p6.steps) {
      const text = [step.title.zh, step.source.section, 'instructions' in step ? step.instructions.zh : ''];
      if (step.kind === 'notify') text.push(...allLevels(step.message).map((m) => m.zh));
      expect([step.id, text.filter((t) => coercive.test(t))]).toEqual([step.id, []]);
    }
    const sections = p6.steps.map((s) => s.source.section).join('\n');
    expect(sections).not.toMatch(/4\.科学管控|5\.紧急应对/);
  });
});
