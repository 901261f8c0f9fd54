import { toText } from '../../api/pages/html';
import type { Lang } from '../../api/pages/layout';
import { planDiagram, roleDiagram } from '../../api/pages/plan-diagram';
import type { Plan } from '../../domain/plan-schema';
import { predecessors } from '../../domain/plan-reading';
import { loadCatalog } from '../../plans/catalog';

// The plan's two pictures as the server draws them, read back from the SVG text: a box per step or
// role where dagre put it, an arrow per dependency, everything inside the picture and nothing on top
// of anything else.

const plans = loadCatalog().list();

interface Box {
  id: string;
  kind: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const attrs = (tag: string): Record<string, string> =>
  Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

/** Each node group (`<g class="step …" data-step="…">` or a role) with the first rect inside it. */
function boxes(svg: string, what: 'step' | 'role'): Box[] {
  const groups = [...svg.matchAll(new RegExp(`<g\\s+class="(${what}[^"]*)"\\s+data-${what}="([^"]+)"`, 'g'))];
  return groups.map((g) => {
    const rest = svg.slice(g.index);
    const rect = attrs(/<rect\s[^>]*>/.exec(rest)![0]);
    return {
      id: g[2]!,
      kind: g[1]!,
      x: Number(rect.x),
      y: Number(rect.y),
      width: Number(rect.width),
      height: Number(rect.height),
    };
  });
}

function edges(svg: string): { kind: string; from: string; to: string; d: string; dashed: boolean }[] {
  return [...svg.matchAll(/<g\s+class="edge edge-([a-z]+)"\s+data-from="([^"]+)"\s+data-to="([^"]+)"/g)].map(
    (m) => {
      const path = /<path\s[^>]*>/.exec(svg.slice(m.index))![0];
      return {
        kind: m[1]!,
        from: m[2]!,
        to: m[3]!,
        d: attrs(path).d!,
        dashed: path.includes('stroke-dasharray'),
      };
    },
  );
}

function viewBox(svg: string): { width: number; height: number } {
  const [, , width, height] = /viewBox="([^"]+)"/.exec(svg)![1]!.split(/\s+/).map(Number);
  return { width: width!, height: height! };
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function expectLaidOut(svg: string, found: Box[]) {
  const view = viewBox(svg);
  for (const b of found) {
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(view.width);
    expect(b.y + b.height).toBeLessThanOrEqual(view.height);
  }
  const overlapping = found.flatMap((a, i) =>
    found.slice(i + 1).flatMap((b) => (overlaps(a, b) ? [`${a.id} / ${b.id}`] : [])),
  );
  expect(overlapping).toEqual([]);
  for (const e of edges(svg)) {
    const numbers = e.d.match(/-?\d+(\.\d+)?/g)!.map(Number);
    numbers.forEach((n, i) => {
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThanOrEqual(i % 2 === 0 ? view.width : view.height);
    });
  }
}

const unique = (ids: string[]) => [...new Set(ids)];

/** A step's own markup: from its group to the next step's. */
const ownGroup = (svg: string, stepId: string) =>
  svg.slice(svg.indexOf(`data-step="${stepId}"`)).split(/<g\s+class="step /)[0]!;

describe.each(plans.map((p) => [p.id, p] as const))('the diagram of %s', (_id, plan) => {
  describe.each(['zh', 'en'] as Lang[])('in %s', (lang) => {
    const svg = toText(planDiagram(plan, lang));
    const steps = boxes(svg, 'step');

    test('has one node per step, named by the step’s id and kind', () => {
      expect(steps.map((s) => s.id)).toEqual(plan.steps.map((s) => s.id));
      expect(steps.map((s) => s.kind)).toEqual(plan.steps.map((s) => `step step-${s.kind}`));
    });

    test('draws an arrow from every step waited for, and from the start to the steps that wait for none', () => {
      const drawn = edges(svg);
      const expected = plan.steps.flatMap((s) => unique(predecessors(s)).map((from) => `${from} → ${s.id}`));
      expect(drawn.filter((e) => e.kind === 'after').map((e) => `${e.from} → ${e.to}`)).toEqual(expected);
      for (const step of plan.steps)
        for (const from of step.after) expect(expected).toContain(`${from} → ${step.id}`);
      expect(drawn.filter((e) => e.kind === 'start').map((e) => e.to)).toEqual(
        plan.steps.filter((s) => predecessors(s).length === 0).map((s) => s.id),
      );
      expect(svg).toContain('marker-end="url(#plan-arrow)"');
    });

    test('puts every node inside the picture, none over another, and every arrow inside too', () => {
      expectLaidOut(svg, steps);
    });

    test('places each step below every step it waits for', () => {
      const at = new Map(steps.map((s) => [s.id, s]));
      for (const step of plan.steps) {
        for (const from of predecessors(step)) {
          expect(at.get(from)!.y + at.get(from)!.height).toBeLessThan(at.get(step.id)!.y);
        }
      }
    });

    test('marks the levels of a step that applies at some levels only', () => {
      for (const step of plan.steps) {
        const marks = ownGroup(svg, step.id).match(/class="level-mark"/g);
        expect(marks?.length ?? 0).toBe(step.appliesAt?.length ?? 0);
      }
    });

    test('is an image with a label, a viewBox and no inline style', () => {
      expect(svg).toMatch(/^<svg\s/);
      expect(svg).toContain('role="img"');
      expect(svg).toMatch(/aria-label="[^"]+"/);
      expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
      expect(svg).not.toMatch(/\sstyle=/);
    });
  });

  test('the roles: one node per role, an arrow to the role each reports to, laid out without overlap', () => {
    const svg = toText(roleDiagram(plan, 'zh'));
    const roles = boxes(svg, 'role');
    expect(roles.map((r) => r.id)).toEqual(plan.roles.map((r) => r.id));
    expect(edges(svg).map((e) => `${e.from} → ${e.to}`)).toEqual(
      plan.roles.filter((r) => r.reportsTo).map((r) => `${r.id} → ${r.reportsTo}`),
    );
    expectLaidOut(svg, roles);
    // Those reported to sit above those who report to them.
    const at = new Map(roles.map((r) => [r.id, r]));
    for (const r of plan.roles.filter((x) => x.reportsTo)) {
      expect(at.get(r.reportsTo!)!.y + at.get(r.reportsTo!)!.height).toBeLessThan(at.get(r.id)!.y);
    }
    expect(svg).toContain('role="img"');
    expect(svg).not.toMatch(/\sstyle=/);
  });
});

describe('what a step’s box says', () => {
  const p6 = plans.find((p) => p.id === 'p6-lixian-cyberspace')!;
  const svg = toText(planDiagram(p6, 'zh'));
  const tooltip = (stepId: string) =>
    /<title>([^<]*)<\/title>/.exec(svg.slice(svg.indexOf(`data-step="${stepId}"`)))![1]!;

  test('its hover text gives the title, kind, owner, levels, what it waits for and its deadline per level', () => {
    const t = tooltip('discover-and-report');
    expect(t).toContain('发现舆情、提出级别认定意见、报告领导（任务）');
    expect(t).toContain('责任：县网信办');
    expect(t).toContain('适用级别：Ⅰ级（红色）、Ⅱ级（橙色）');
    expect(t).toContain('开始条件：响应启动即开始');
    expect(t).toContain('时限：Ⅰ级（红色）：自发现舆情起 30 分钟内');
    expect(t).toContain('时限：Ⅱ级（橙色）：自发现舆情起 1 小时内');
    expect(tooltip('staff-at-post')).toContain('自本环节开始起 工作时间 10 分钟、非工作时间 30 分钟内');
    expect(tooltip('approve-release')).toContain('审批：第 1 级：县网信办');
  });

  test('a long Chinese title is wrapped over lines inside its box', () => {
    const lines = [...ownGroup(svg, 'call-members').matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map(
      (m) => m[1]!,
    );
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe('通知联席会议成员、重点舆情信息员和网络评论员');
  });
});

describe('a deadline counted from a step the step does not wait for', () => {
  const base = loadCatalog().get('p5-yinzhou-civil-affairs')!;
  // report-upward waits for the written report; here its deadline counts from the oral one instead.
  const plan: Plan = {
    ...base,
    steps: base.steps.map((s) =>
      s.id === 'report-upward'
        ? { ...s, deadline: { within: 'PT1H', from: { stepDone: 'oral-report' } } }
        : s,
    ),
  };

  test('is drawn as a dashed arrow of its own; one it also waits for is not drawn twice', () => {
    const drawn = edges(toText(planDiagram(plan, 'zh')));
    expect(drawn.filter((e) => e.kind === 'anchor')).toEqual([
      expect.objectContaining({ from: 'oral-report', to: 'report-upward', dashed: true }),
    ]);
    // written-report's deadline counts from oral-report, which it also waits for: one solid arrow.
    expect(drawn.filter((e) => e.from === 'oral-report' && e.to === 'written-report')).toEqual([
      expect.objectContaining({ kind: 'after', dashed: false }),
    ]);
  });
});

describe('text from a plan', () => {
  test('is escaped: a title with markup is shown as text, never run', () => {
    const base = loadCatalog().get('p1-acheng-agriculture')!;
    const plan: Plan = {
      ...base,
      title: { zh: '<script>alert(1)</script>预案', en: '<script>alert(1)</script> plan' },
      roles: base.roles.map((r, i) => (i === 0 ? { ...r, names: { zh: '"上级"&<b>', en: '<b>x</b>' } } : r)),
      steps: base.steps.map((s, i) =>
        i === 0 ? { ...s, title: { zh: '快报<img src=x>事实', en: '<i>x</i>' } } : s,
      ),
    };
    for (const lang of ['zh', 'en'] as const) {
      const out = toText(planDiagram(plan, lang)) + toText(roleDiagram(plan, lang));
      expect(out).not.toContain('<script');
      expect(out).not.toContain('<img');
      expect(out).not.toContain('<b>');
      expect(out).not.toContain('<i>');
      expect(out).toContain('&lt;script&gt;');
    }
  });
});
