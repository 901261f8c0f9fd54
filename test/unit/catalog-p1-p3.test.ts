import { completeStep } from '../../inputs/complete-step';
import { close } from '../../inputs/close';
import { setFlag } from '../../inputs/set-flag';
import { subside } from '../../inputs/subside';
import { escalationChain } from '../../domain/plan-reading';
import { parsePlan } from '../../plans/catalog';
import p1Doc from '../../plans/catalog/p1-acheng-agriculture.json';
import p2Doc from '../../plans/catalog/p2-hrss-bureau.json';
import p3Doc from '../../plans/catalog/p3-work-safety.json';
import { playToClosed as playHelper } from '../helpers/play-plan';
import type { Plan } from '../../domain/plan-schema';
import { openIncident } from '../../engine/incident';
import { suggestLevel } from '../../engine/levels';
import type { IncidentState } from '../../domain/incident';

// The catalog files for P1–P3, checked against their seeds: they validate, every step points back to
// its original, P3's numeric thresholds classify exactly, and an incident run by the plan's own roles
// always reaches closed.

const files = [
  // 3: the bureau's own body leads at Ⅰ; P2 gains its 局党组; 4: P1's mass-incident monitoring; 5: question
  // rounds (issue 14).
  { name: 'p1-acheng-agriculture.json', doc: p1Doc, seed: '000_bcd25d31ae778014.txt', version: 5 },
  // 4: P2's mass-incident monitoring too; 5: question rounds (issue 14).
  { name: 'p2-hrss-bureau.json', doc: p2Doc, seed: '001_4def98ef53f9be33.txt', version: 5 },
  // 3: the duty office told of an accident at any level; 4: question rounds (issue 14).
  { name: 'p3-work-safety.json', doc: p3Doc, seed: '001_4def98ef53f9be33.txt', version: 4 },
];

const plans = Object.fromEntries(files.map((f) => [f.name, parsePlan(f.name, f.doc)])) as Record<
  string,
  Plan
>;
const p1 = plans['p1-acheng-agriculture.json']!;
const p3 = plans['p3-work-safety.json']!;

const T0 = Date.UTC(2025, 2, 3, 2, 0); // a Monday, 10:00 in Asia/Shanghai

function open(plan: Plan, level: string, flags: string[] = []): IncidentState {
  const facts = {
    ...(flags.length > 0 ? { flags } : {}),
    id: `${plan.id}-${level}`,
    title: '测试舆情',
    summary: 'unit test',
    level,
    reporter: 'tester',
    discoveredAt: T0,
  };
  return openIncident(facts, plan, T0).state;
}

const openSteps = (state: IncidentState) =>
  Object.values(state.steps)
    .filter((s) => s.status === 'open')
    .map((s) => s.id);

const playToClosed = (plan: Plan, level: string, flags: string[] = []) => playHelper(plan, level, T0, flags);
const person = (role: string) => ({ id: `person-of-${role}`, role });

describe.each(files)('catalog plan $name', ({ name, seed, version }) => {
  const plan = () => plans[name]!;

  it('parses with parsePlan without problems', () => {
    const doc = files.find((f) => f.name === name)!.doc;
    expect(() => parsePlan(name, doc)).not.toThrow();
    expect(plan().version).toBe(version);
  });

  it("cites the plan's seed file on the plan and on every step", () => {
    expect(plan().source.file).toBe(seed);
    for (const step of [...plan().steps, ...(plan().questions?.steps ?? [])]) {
      expect({ step: step.id, file: step.source.file }).toEqual({ step: step.id, file: seed });
      expect(step.source.section.length).toBeGreaterThan(0);
    }
  });

  it('monitors from the start and opens the review only after monitoring ends', () => {
    const monitors = plan().steps.filter((s) => s.kind === 'monitor');
    const reviews = plan().steps.filter((s) => s.kind === 'review');
    // One monitor from the start; others watch only in a circumstance (P1: a mass incident) or after a
    // step (P1 第七步: tracking once the reply is out).
    expect(monitors.filter((m) => m.when === undefined && m.after.length === 0)).toHaveLength(1);
    expect(reviews).toHaveLength(1);
    for (const m of monitors) expect(reviews[0]!.after).toContain(m.id);
  });

  it('gives every role an escalation path that ends at one top authority', () => {
    const tops = plan().roles.filter((r) => r.reportsTo === undefined);
    expect(tops).toHaveLength(1);
  });

  it.each(['l1', 'l2', 'l3', 'l4'])(
    'reaches closed at level %s when each role does its own steps and the lead role declares it subsided',
    (level) => {
      const { state, acted } = playToClosed(plan(), level);
      expect(state.status).toBe('closed');
      expect(acted.filter((a) => a.startsWith('subside:'))).toHaveLength(1);
      expect(acted.at(-1)).toMatch(/^review:/);
      const review = plan().steps.find((s) => s.kind === 'review')!;
      expect(state.steps[review.id]!.status).toBe('done');
    },
  );
});

describe('P1 阿城区农业农村局', () => {
  // 第七步："对舆情回复后，舆情监控员要时刻留意舆情发展动向…直至舆情缓退、平息": the monitor, not the commentator,
  // tracks once the reply is out; 第二步's watching stays the commentators'.
  it('has the opinion monitor track after the public reply, and skips that tracking if it subsides first', () => {
    expect(p1.steps.find((s) => s.id === 'track-and-guide')).toMatchObject({
      kind: 'monitor',
      owner: 'monitor',
      after: ['public-response'],
    });
    expect(p1.steps.find((s) => s.id === 'monitor-trend')).toMatchObject({ owner: 'commentator' });
    const { state, acted } = playToClosed(p1, 'l4');
    expect(state.steps['track-and-guide']!.status).toBe('done');
    expect(acted.indexOf('public-response:office')).toBeLessThan(
      acted.findIndex((a) => a.startsWith('subside')),
    );

    const early = open(p1, 'l4');
    subside.apply(early, p1, { actor: person(early.leadRole) }, T0 + 3_600_000);
    expect(early.steps['track-and-guide']).toMatchObject({ status: 'skipped', skippedBecause: 'subsided' });
    expect(early.status).toBe('aftercare');
  });

  // 五(一)2："当发生群体性突发事件时，组织对网络舆情进行24小时不间断监控" (P2 五(一)2 the same, by the sections' monitors).
  it('monitors around the clock once a mass incident is marked, until the incident subsides', () => {
    const state = open(p1, 'l3');
    expect(state.steps['round-the-clock-monitoring']!.status).toBe('skipped');
    const at = T0 + 3 * 3_600_000;
    setFlag.apply(state, p1, { actor: person(state.leadRole), flag: 'mass-incident' }, at);
    expect(state.steps['round-the-clock-monitoring']).toMatchObject({ status: 'open', openedAt: at });
    expect(openSteps(state)).toContain('monitor-trend');
    subside.apply(state, p1, { actor: person(state.leadRole) }, at + 3_600_000);
    expect(state.steps['round-the-clock-monitoring']!.status).toBe('done');
    for (const plan of [p1, plans['p2-hrss-bureau.json']!]) {
      expect(
        playToClosed(plan, 'l2', ['mass-incident']).state.steps['round-the-clock-monitoring'],
      ).toMatchObject({
        status: 'done',
      });
      expect(playToClosed(plan, 'l2').state.steps['round-the-clock-monitoring']!.status).toBe('skipped');
    }
  });

  // 第三步 "特别重大网络舆情…上报上级党组织" and 五 Ⅱ "由局党组领导上报上级党组织，会同相关部门开展应急工作":
  // one report upward, worded for the level.
  it('reports to the higher organization at Ⅰ and Ⅱ from one step, in the words of each level', () => {
    const reported = (level: string) => {
      const state = open(p1, level);
      const out = completeStep.apply(
        state,
        p1,
        { stepId: 'report-facts', actor: person('monitor') },
        T0 + 60_000,
      );
      return out.filter((n) => n.recipients.includes('higher-org')).map((n) => n.body.zh);
    };
    expect(reported('l1')).toEqual([expect.stringContaining('请指示')]);
    expect(reported('l2')).toEqual([expect.stringContaining('由局党组领导上报上级党组织')]);
    expect(reported('l3')).toEqual([]);
  });

  it('keeps the report, consultation, statement and response steps the engine tests rely on', () => {
    const byId = new Map(p1.steps.map((s) => [s.id, s]));
    expect(byId.get('report-facts')).toMatchObject({
      kind: 'task',
      owner: 'monitor',
      deadline: { within: 'PT30M', from: 'discovery' },
    });
    expect(byId.get('report-higher-org')).toMatchObject({ kind: 'notify', appliesAt: ['l1', 'l2'] });
    // 第四步: "如为特别重大网络舆情、重大或较大网络舆情，要及时听取上级党组织会商措施": at Ⅰ/Ⅱ first.
    expect(byId.get('hear-higher-measures')).toMatchObject({
      kind: 'task',
      owner: 'party-group',
      appliesAt: ['l1', 'l2'],
      after: ['report-facts'],
    });
    expect(byId.get('consult')).toMatchObject({
      kind: 'task',
      after: ['report-facts', 'hear-higher-measures'],
    });
    expect(byId.get('draft-statement')).toMatchObject({ kind: 'task', after: ['consult'] });
    expect(byId.get('approve-statement')).toMatchObject({
      kind: 'approval',
      approvers: ['party-group', 'higher-org'],
      revises: 'draft-statement',
    });
    // 第六步: "局机关工委在舆情发生后12小时内根据通稿…进行正面回复": from when it happened.
    expect(byId.get('public-response')).toMatchObject({
      kind: 'task',
      owner: 'office',
      deadline: { within: 'PT12H', from: 'occurrence' },
    });
    expect(byId.get('commentary')).toMatchObject({ kind: 'task', owner: 'commentator' });
  });

  it('opens the report and the monitoring at once, and leaves the review waiting', () => {
    const state = open(p1, 'l3');
    expect(openSteps(state).sort()).toEqual(['monitor-trend', 'report-facts']);
    expect(state.steps['review']!.status).toBe('waiting');
  });

  it('lets the party group review only once the lead role has declared the incident subsided', () => {
    const { acted } = playToClosed(p1, 'l3');
    expect(acted.slice(-2)).toEqual(['subside:party-group', 'review:party-group']);
  });
});

// Issue 14, items 1 and 2: who leads at Ⅰ, and P2's 局党组.
describe('P1 and P2 at Ⅰ: the bureau’s own body leads under the higher body', () => {
  // P1 Ⅰ、特别重大网络舆情: "在上级党组织的领导下，局机关工委具体负责开展应急工作"; P2 (一)特别重大网络舆情:
  // "在市委、市政府领导下，网络舆情应急处置领导小组具体负责开展应急工作".
  it.each([
    ['p1-acheng-agriculture.json', 'office', 'higher-org'],
    ['p2-hrss-bureau.json', 'leading-group', 'city-leadership'],
  ])('%s: %s declares 平息 and closes at Ⅰ, not %s', (name, lead, higher) => {
    const plan = plans[name]!;
    const state = open(plan, 'l1');
    expect(state.leadRole).toBe(lead);
    expect(subside.validate(state, plan, { actor: person(lead) })).toBeUndefined();
    expect(subside.validate(state, plan, { actor: person(higher) })).toMatchObject({ code: 'wrong-role' });
    expect(close.validate(state, plan, { actor: person(higher), reason: '误报' })).toMatchObject({
      code: 'wrong-role',
    });
    // The higher body stays at the top of every escalation.
    expect(escalationChain(plan, lead).at(-1)).toBe(higher);
  });

  // P2 三(一)1: "成立…网络舆情应急处置领导小组，在局党组的统一领导下开展工作": a missed deadline of the group goes
  // to the bureau's party group before the city.
  it('P2 escalates from the leading group to the 局党组, then the city', () => {
    const p2 = plans['p2-hrss-bureau.json']!;
    expect(escalationChain(p2, 'office')).toEqual([
      'office',
      'leading-group',
      'party-group',
      'city-leadership',
    ]);
  });
});

describe('P3 安全生产 thresholds', () => {
  it('classifies an incident with no figures as 一般', () => {
    expect(suggestLevel(p3, {})).toBe('l4');
  });

  it('does not call 1,000 views in a day 较大, but calls 1,001 较大', () => {
    expect(suggestLevel(p3, { views24h: 1_000 })).toBe('l4');
    expect(suggestLevel(p3, { views24h: 1_001 })).toBe('l3');
  });

  it('does not call 100 reposts 较大, but calls 101 较大', () => {
    expect(suggestLevel(p3, { reposts: 100 })).toBe('l4');
    expect(suggestLevel(p3, { reposts: 101 })).toBe('l3');
  });

  it('calls 10,001 views in a day 重大', () => {
    expect(suggestLevel(p3, { views24h: 10_000 })).toBe('l3');
    expect(suggestLevel(p3, { views24h: 10_001 })).toBe('l2');
  });

  it('calls 50,001 views in a day 特别重大', () => {
    expect(suggestLevel(p3, { views24h: 50_000 })).toBe('l2');
    expect(suggestLevel(p3, { views24h: 50_001 })).toBe('l1');
  });

  it('takes the most severe level any single figure reaches', () => {
    expect(suggestLevel(p3, { views24h: 500, reposts: 301 })).toBe('l2');
    expect(suggestLevel(p3, { views24h: 60_000, reposts: 0 })).toBe('l1');
  });
});

describe('P3 安全生产 approvals by level', () => {
  const approvals = (level: string) =>
    playToClosed(p3, level).acted.filter((a) => a.startsWith('approve-') || a.startsWith('leaders-'));

  it('has the unit head approve the reply to an ordinary incident', () => {
    expect(approvals('l4')).toEqual(['approve-reply:unit-head']);
  });

  it('has the leader in charge approve the response to a large incident', () => {
    expect(approvals('l3')).toEqual(['approve-deputy:deputy-leader']);
  });

  // 五(一)3："起草舆情专报，经人事司（宣教办）报总局主要领导和分管领导批示": through the publicity office first.
  it('sends the special report on a major or worse incident through the publicity office to the two leaders', () => {
    const chain = [
      'leaders-instruct:publicity-office',
      'leaders-instruct:deputy-leader',
      'leaders-instruct:principal-leader',
    ];
    expect(approvals('l2')).toEqual(chain);
    expect(approvals('l1')).toEqual(chain);
  });

  // 五(一)4："舆情处发现刚发生的较大以上生产安全事故，应立即通知总局总值班室": the accident decides, not the level.
  it('tells the general duty office of a serious accident at any level, and never for the level alone', () => {
    expect(open(p3, 'l1').steps['notify-duty-office']!.status).toBe('skipped');
    expect(open(p3, 'l4', ['accident']).steps['notify-duty-office']).toMatchObject({
      status: 'done',
      doneAt: T0,
    });

    const state = open(p3, 'l4');
    expect(state.steps['notify-duty-office']).toMatchObject({ status: 'skipped', skippedBecause: 'flag' });
    const later = T0 + 40 * 60_000;
    const lead = person(state.leadRole);
    expect(setFlag.validate(state, p3, { actor: person('unit'), flag: 'accident' })?.code).toBe('wrong-role');
    expect(setFlag.validate(state, p3, { actor: lead, flag: 'fire' })?.code).toBe('unknown-flag');
    const notices = setFlag.apply(state, p3, { actor: lead, flag: 'accident', note: '化工厂爆炸' }, later);
    expect(state.steps['notify-duty-office']).toMatchObject({ status: 'done', doneAt: later });
    expect(notices.map((n) => n.recipients)).toContainEqual(['duty-office']);
    expect(state.timeline.find((e) => e.type === 'flag-set')).toMatchObject({
      at: later,
      actor: lead.id,
      data: { flag: 'accident', note: '化工厂爆炸', name: { zh: '涉及刚发生的较大以上生产安全事故' } },
    });
    expect(setFlag.validate(state, p3, { actor: lead, flag: 'accident' })?.code).toBe('flag-already-set');
  });
});
