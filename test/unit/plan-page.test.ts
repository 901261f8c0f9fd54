import { toText } from '../../api/pages/html';
import type { Lang } from '../../api/pages/layout';
import { planBody, planListBody } from '../../api/pages/plan-page';
import { planStatsAnswer } from '../../api/plan-stats-answer';
import type { PlanStats } from '../../api/responses';
import type { Plan } from '../../domain/plan-schema';
import { loadCatalog } from '../../plans/catalog';
import { planFigures, type StepEventRow } from '../../storage/plan-stats';

// A plan as its readers go through it: every level, role and step named, deadlines in words people
// say (never an ISO duration), and the plan's figures in a table, or a sentence when there are none.

const catalog = loadCatalog();
const plans = catalog.list();
const plan = (id: string): Plan => catalog.get(id)!;

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** What a reader sees: the text without its tags, spaces collapsed. */
const seen = (markup: string) =>
  markup
    .replace(/<title>[^<]*<\/title>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!)
    .replace(/\s+/g, ' ');

const noIncidents = (p: Plan): PlanStats => planStatsAnswer(p, planFigures({ incidents: [], events: [] }));

const T0 = Date.UTC(2026, 10, 24, 1, 0);
const MIN = 60_000;

/** P6 at Ⅰ级 four times: the first report done in 20, 25, 40 and 65 minutes, due in 30, one breach. */
function p6Stats(): PlanStats {
  const events: StepEventRow[] = [20, 25, 40, 65].flatMap((took, i) => {
    const incidentId = `i${i}`;
    const row = (seq: number, type: string, minute: number, data: object = {}): StepEventRow => ({
      incidentId,
      seq,
      type,
      stepId: 'discover-and-report',
      at: new Date(T0 + minute * MIN),
      data: JSON.stringify(data),
    });
    return [
      row(1, 'step-opened', 0, { dueAt: T0 + 30 * MIN }),
      ...(took > 30 && i === 3 ? [row(2, 'deadline-breached', 30)] : []),
      row(3, 'step-done', took),
    ];
  });
  return planStatsAnswer(
    plan('p6-lixian-cyberspace'),
    planFigures({
      incidents: [
        { level: 'l1', status: 'open', breached: true, count: 1 },
        { level: 'l1', status: 'closed', breached: false, count: 3 },
      ],
      events,
    }),
  );
}

describe.each(plans.map((p) => [p.id, p] as const))('the page of %s', (_id, p) => {
  test.each(['zh', 'en'] as Lang[])(
    'names every level, role and step, with its lead role per level (%s)',
    (lang) => {
      const text = seen(toText(planBody(p, noIncidents(p), lang)));
      expect(text).toContain(p.title[lang]);
      for (const l of p.levels) expect(text).toContain(l.names[lang]);
      for (const r of p.roles) expect(text).toContain(r.names[lang]);
      for (const s of p.steps) expect(text).toContain(s.title[lang]);
      const lead = p.roles.find((r) => r.id === p.leadRole[p.levels[0]!.id])!;
      expect(text).toContain(lang === 'zh' ? `牵头：${lead.names.zh}` : `Led by ${lead.names.en}`);
    },
  );

  test('writes no ISO duration and no ISO time anywhere', () => {
    for (const lang of ['zh', 'en'] as const) {
      const text = seen(toText(planBody(p, p6Stats(), lang)));
      expect(text).not.toMatch(/\bP(\d+D)?T\d+[HMS]/);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    }
  });

  test('draws both pictures', () => {
    const markup = toText(planBody(p, noIncidents(p), 'zh'));
    expect(markup).toMatch(/<svg\s+class="diagram plan-diagram"/);
    expect(markup).toMatch(/<svg\s+class="diagram role-diagram"/);
  });
});

// Issue 14 item 6: where the catalog reads into a seed what it does not say, the page says so and why.
test('says beside its citation what the catalog inferred, for every step that carries a note', () => {
  const inferred = plans.flatMap((p) =>
    p.steps.filter((st) => st.source.inferred).map((st) => [p, st] as const),
  );
  expect(inferred.map(([p, st]) => `${p.id}/${st.id}`)).toContain('p2-hrss-bureau/approve-statement');
  for (const [p, st] of inferred) {
    const text = seen(toText(planBody(p, noIncidents(p), 'zh')));
    expect(text).toContain(`推定：${st.source.inferred!}`);
  }
});

// Issue 14 item 7: the page says how a missed deadline climbs the chain.
test('says a miss is told to the owner and its superior, then a role further up every 30 minutes', () => {
  const p1 = plan('p1-acheng-agriculture');
  expect(seen(toText(planBody(p1, noIncidents(p1), 'zh')))).toContain(
    '超时后先告知责任角色及其直接上级；仍未办理的，每 30 分钟再上报上一级。',
  );
});

// Issue 14 item 8: the circumstances besides the level, and the steps that wait for each.
test('names each circumstance, the steps it brings in, and marks those steps "only when"', () => {
  const p4 = plan('p4-wenquan-subdistrict');
  const text = seen(toText(planBody(p4, noIncidents(p4), 'zh')));
  expect(text).toContain('特殊情形');
  expect(text).toContain('紧急舆情');
  expect(text).toContain('相应环节：紧急舆情半小时内简要答复');
  expect(text).toContain('仅当：恶意攻击、散布谣言、严重影响本地形象的有害信息');
  const en = seen(toText(planBody(p4, noIncidents(p4), 'en')));
  expect(en).toContain('Only when: Urgent');
  const p5 = plan('p5-yinzhou-civil-affairs');
  expect(seen(toText(planBody(p5, noIncidents(p5), 'zh')))).not.toContain('特殊情形');
});

// Issue 14 item 11: questions raised while monitoring, and the round each goes through (P1 第七步).
test('says who raises questions while which step, and lists the round of steps each goes through', () => {
  const p1 = plan('p1-acheng-agriculture');
  const text = seen(toText(planBody(p1, noIncidents(p1), 'zh')));
  expect(text).toContain('疑问的上报与答复');
  expect(toText(planBody(p1, noIncidents(p1), 'zh'))).toContain('href="#questions"');
  expect(text).toContain('「跟踪引导」进行中，舆情监控员对不能引导的疑问、质疑要及时上报');
  expect(text).toMatch(/会商回复方案.*上报疑问即开始/);
  // The round's reply waits for the round's own approval, named by its title, and counts from the question.
  expect(text).toMatch(/按回复方案回复.*回复方案审定/);
  expect(text).toContain('自上报疑问起 12 小时内');
  const en = seen(toText(planBody(p1, noIncidents(p1), 'en')));
  expect(en).toContain('each question goes through these steps on its own');
  const p5 = plan('p5-yinzhou-civil-affairs');
  expect(seen(toText(planBody(p5, noIncidents(p5), 'zh')))).not.toContain('疑问的上报与答复');
});

describe('the deadlines, in words', () => {
  test('per level, from discovery, and split by working hours (P6)', () => {
    const text = seen(
      toText(planBody(plan('p6-lixian-cyberspace'), noIncidents(plan('p6-lixian-cyberspace')), 'zh')),
    );
    expect(text).toContain('Ⅰ级（红色）：自发现舆情起 30 分钟内');
    expect(text).toContain('Ⅱ级（橙色）：自发现舆情起 1 小时内');
    expect(text).toContain('自本环节开始起 工作时间 10 分钟、非工作时间 30 分钟内');
    expect(text).toContain('自「通知联席会议成员、重点舆情信息员和网络评论员」完成起 45 分钟内');
    // P6 sets no calendar of its own: the split deadlines count by the default working hours and the
    // State Council's holidays, each year with its notice.
    expect(text).toContain('本预案未单独规定工作时间');
    expect(text).toContain('周一、周二、周三、周四、周五 08:30–12:00、13:30–17:30（北京时间）');
    expect(text).toContain('2026年放假：元旦 1月1日至1月3日、春节 2月15日至2月23日');
    expect(text).toContain('调休上班：1月4日、2月14日、2月28日、5月9日、9月20日、10月10日');
    expect(text).toContain('国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）');
  });

  test('in English, with the same spans', () => {
    const text = seen(
      toText(planBody(plan('p6-lixian-cyberspace'), noIncidents(plan('p6-lixian-cyberspace')), 'en')),
    );
    expect(text).toContain('Level I (red): within 30 min from discovery');
    expect(text).toContain('Level II (orange): within 1 h from discovery');
    expect(text).toContain('within 10 min in working hours, 30 min outside them from when the step opens');
    expect(text).toContain("2025 holidays: New Year's Day 1 Jan; Spring Festival 28 Jan to 4 Feb;");
    expect(text).toContain('National Day and Mid-Autumn Festival 1 Oct to 8 Oct');
  });

  test('a deadline at some levels only says the others have none; a plan without split spans says so', () => {
    const p4 = plan('p4-wenquan-subdistrict');
    const text = seen(toText(planBody(p4, noIncidents(p4), 'zh')));
    expect(text).toContain('特别重大事件：自「传送舆情处置报告单」完成起 30 分钟内');
    expect(text).toContain('一般事件：自「传送舆情处置报告单」完成起 2 小时内');
    expect(text).toContain('本预案的时限不区分工作时间与非工作时间');
    const p5 = plan('p5-yinzhou-civil-affairs');
    const withGaps: Plan = {
      ...p5,
      steps: p5.steps.map((s) =>
        s.id === 'gather-facts' ? { ...s, deadline: { within: { l1: 'PT2H' }, from: 'activation' } } : s,
      ),
    };
    const gaps = seen(toText(planBody(withGaps, noIncidents(withGaps), 'zh')));
    expect(gaps).toContain('重大舆情事件：自本环节开始起 2 小时内 其他级别不限时');
  });

  test('the approvers stage by stage and the thresholds a level is met by', () => {
    const p1 = plan('p1-acheng-agriculture');
    const text = seen(toText(planBody(p1, noIncidents(p1), 'zh')));
    expect(text).toContain('审批 第 1 级：局党组；第 2 级：上级党组织');
    const p3 = plan('p3-work-safety');
    expect(seen(toText(planBody(p3, noIncidents(p3), 'zh')))).toContain(
      '达到任一即可认定：24 小时浏览量超过 50,000，或转发超过 500',
    );
  });
});

describe('the plan’s figures', () => {
  test('say so when no incident has run under the plan', () => {
    const p6 = plan('p6-lixian-cyberspace');
    const markup = toText(planBody(p6, noIncidents(p6), 'zh'));
    expect(seen(markup)).toContain('尚无按本预案处置的事件，暂无统计。');
    expect(markup).not.toContain('<table class="plan-stats"');
  });

  test('are a table with each step’s median and 90th percentile times and the share of deadlines met', () => {
    const markup = toText(planBody(plan('p6-lixian-cyberspace'), p6Stats(), 'zh'));
    const text = seen(markup);
    expect(text).toContain('共 4 起事件，其中 1 起有超时');
    expect(text).toContain('处置中 1 · 善后观察中 0 · 已结案 3');
    expect(markup).toContain('<table class="plan-stats">');
    const row = seen(/<tr>\s*<th scope="row">\s*发现舆情[\s\S]*?<\/tr>/.exec(markup)![0]);
    // Nearest rank: the median of 20, 25, 40, 65 is 25; the 90th percentile 65 (1 h 5 min).
    expect(row).toMatch(/首报 4 4 25 分钟 1 小时 5 分 75%（3\/4） 0/);
    const english = seen(toText(planBody(plan('p6-lixian-cyberspace'), p6Stats(), 'en')));
    expect(english).toContain('75% (3 of 4)');
    expect(english).toContain('1 h 5 min');
  });
});

describe('the list of plans', () => {
  test('links every plan with its version and levels, keeping English when asked', () => {
    const zh = toText(planListBody(plans, 'zh'));
    const en = toText(planListBody(plans, 'en'));
    for (const p of plans) {
      expect(zh).toContain(`href="/plans/${p.id}"`);
      expect(en).toContain(`href="/plans/${p.id}?lang=en"`);
      expect(seen(zh)).toContain(p.title.zh);
      for (const l of p.levels) expect(seen(zh)).toContain(l.names.zh);
    }
    expect(seen(zh)).toContain('第 2 版');
  });
});
