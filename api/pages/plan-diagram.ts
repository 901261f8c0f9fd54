import type { Plan, Step } from '../../domain/plan-schema';
import { levelName, predecessors, roleName } from '../../domain/plan-reading';
import { type Words } from '../../domain/words';
import { planPages as w } from '../../domain/page-words';
import { layOut, splinePath, type PlacedNode, type LayoutEdge } from './graph-layout';
import { html, type Html } from './html';
import { say, type Lang } from './layout';
import {
  actorsShort,
  actorsWords,
  afterWords,
  anchorOnly,
  appliesWords,
  deadlineLines,
  hasDeadline,
  leadsAt,
  levelMark,
  levelsOf,
  schemeOf,
} from './plan-facts';
import { ellipsize, textWidth, wrapText } from './svg-text';

// A plan as two pictures drawn on the server: its steps and their order, and its roles and who reports
// to whom. dagre decides where every box and arrow goes (graph-layout.ts); this module decides what
// each box says. Colours are SVG presentation attributes, not style attributes, so the pages' policy
// (style-src 'self') lets them through; every shape has a <title> that a hover shows.

const FONT = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', system-ui, sans-serif";
const INK = '#1b1f24';
const MUTED = '#57606a';
const EDGE = '#6e7781';

const KIND_COLOURS: Record<Step['kind'], { fill: string; stroke: string }> = {
  task: { fill: '#ffffff', stroke: '#0b57d0' },
  approval: { fill: '#fff5e6', stroke: '#9a4d00' },
  notify: { fill: '#edf7ef', stroke: '#1a7f37' },
  monitor: { fill: '#f4f0ff', stroke: '#6639ba' },
  review: { fill: '#f6f8fa', stroke: '#424a53' },
};

/** Box metrics of a step: Chinese titles wrap at about 11 characters, English ones at about 30. */
const STEP = {
  width: { zh: 184, en: 220 } satisfies Record<Lang, number>,
  padX: 10,
  padY: 7,
  header: 15,
  titleSize: 14,
  lineHeight: 19,
  maxLines: 4,
  smallSize: 11.5,
  footer: 15,
};

const START = { id: '\u0000start', width: 116, height: 32 };

interface Chip {
  text: string;
  fill: string;
  ink: string;
  title: string;
}

/** Small level labels in a row ending at `right`; returns the markup and where the row begins. */
function chipRow(chips: Chip[], right: number, top: number): { markup: Html; left: number } {
  const size = 11;
  let x = right;
  const drawn = [...chips].reverse().map((c) => {
    const width = Math.max(16, textWidth(c.text, size) + 8);
    x -= width;
    const at = x;
    x -= 3;
    return html`<g class="level-mark">
      <title>${c.title}</title>
      <rect x="${at}" y="${top}" width="${width}" height="15" rx="3" fill="${c.fill}" />
      <text
        x="${at + width / 2}"
        y="${top + 11.5}"
        font-size="${size}"
        font-weight="600"
        fill="${c.ink}"
        text-anchor="middle"
        >${c.text}</text
      >
    </g>`;
  });
  return { markup: html`${drawn.reverse()}`, left: x };
}

function levelChips(plan: Plan, levels: string[], lang: Lang): Chip[] {
  return levels.map((id) => {
    const scheme = schemeOf(plan, id);
    return {
      text: say(levelMark(plan, id), lang),
      fill: scheme.fill,
      ink: scheme.darkText ? INK : '#ffffff',
      title: say(levelName(plan, id), lang),
    };
  });
}

/** A small clock: the step has a deadline (the <title> says which). */
function clock(x: number, y: number, stroke: string): Html {
  return html`<g class="deadline-mark" fill="none" stroke="${stroke}" stroke-width="1.4">
    <circle cx="${x}" cy="${y}" r="5.5" />
    <path d="M ${x} ${y - 3.2} L ${x} ${y} L ${x + 2.6} ${y + 1.6}" stroke-linecap="round" />
  </g>`;
}

const lines = (parts: Words[], lang: Lang) => parts.map((p) => say(p, lang)).join('\n');

/** Everything a hover on the step says: title, kind, who, levels, after what, by when. */
function stepTooltip(plan: Plan, step: Step, lang: Lang): string {
  const { label, who } = actorsWords(plan, step);
  const l = w.label;
  const row = (name: Words, value: Words): Words => ({
    zh: `${name.zh}：${value.zh}`,
    en: `${name.en}: ${value.en}`,
  });
  return lines(
    [
      { zh: `${step.title.zh}（${w.kind[step.kind].zh}）`, en: `${step.title.en} (${w.kind[step.kind].en})` },
      row(label, who),
      row(l.levels, appliesWords(plan, step)),
      row(l.after, afterWords(plan, step)),
      ...deadlineLines(plan, step).map((d) => row(step.kind === 'monitor' ? l.followUp : l.deadline, d)),
    ],
    lang,
  );
}

interface StepBox {
  step: Step;
  titleLines: string[];
  width: number;
  height: number;
}

function stepBox(step: Step, lang: Lang): StepBox {
  const width = STEP.width[lang];
  const titleLines = wrapText(say(step.title, lang), width - 2 * STEP.padX, STEP.titleSize, STEP.maxLines);
  const height = STEP.padY * 2 + STEP.header + 4 + titleLines.length * STEP.lineHeight + 2 + STEP.footer;
  return { step, titleLines, width, height };
}

function drawStep(plan: Plan, box: StepBox, at: PlacedNode, lang: Lang): Html {
  const { step } = box;
  const colours = KIND_COLOURS[step.kind];
  const left = at.x + STEP.padX;
  const right = at.x + at.width - STEP.padX;
  const top = at.y + STEP.padY;
  const kindWord = say(w.kind[step.kind], lang);
  const chips =
    step.appliesAt === undefined
      ? { markup: html``, left: right }
      : chipRow(levelChips(plan, levelsOf(plan, step), lang), right, top);
  const kindX = left + textWidth(kindWord, STEP.smallSize) + 10;
  const titleTop = top + STEP.header + 4;
  const footerY = titleTop + box.titleLines.length * STEP.lineHeight + 2 + 12;
  const actors = ellipsize(say(actorsShort(plan, step), lang), at.width - 2 * STEP.padX, STEP.smallSize);
  return html`<g class="step step-${step.kind}" data-step="${step.id}">
    <title>${stepTooltip(plan, step, lang)}</title>
    <rect
      x="${at.x}"
      y="${at.y}"
      width="${at.width}"
      height="${at.height}"
      rx="6"
      fill="${colours.fill}"
      stroke="${colours.stroke}"
      stroke-width="1.5"
    />
    <text
      x="${left}"
      y="${top + 11.5}"
      font-size="${STEP.smallSize}"
      font-weight="600"
      fill="${colours.stroke}"
      >${kindWord}</text
    >
    ${hasDeadline(step) && kindX + 12 < chips.left ? clock(kindX, top + 7.5, colours.stroke) : ''}
    ${chips.markup}
    <text x="${left}" y="${titleTop}" font-size="${STEP.titleSize}" fill="${INK}"
      >${box.titleLines.map(
        (line, i) =>
          html`<tspan x="${left}" dy="${i === 0 ? STEP.titleSize + 1 : STEP.lineHeight}">${line}</tspan>`,
      )}</text
    >
    <text x="${left}" y="${footerY}" font-size="${STEP.smallSize}" fill="${MUTED}">${actors}</text>
  </g>`;
}

type EdgeKind = 'after' | 'anchor' | 'start';

interface DiagramEdge extends LayoutEdge {
  kind: EdgeKind;
}

/** The steps each step waits for, those of the plan only, each once. */
function waitsFor(plan: Plan): Map<string, string[]> {
  const ids = new Set(plan.steps.map((s) => s.id));
  return new Map(
    plan.steps.map((s) => [
      s.id,
      predecessors(s).filter((id, i, all) => ids.has(id) && all.indexOf(id) === i),
    ]),
  );
}

/** How many steps stand, at most, between the start and each step: the earliest a step can open. */
function earliest(waits: Map<string, string[]>): Map<string, number> {
  const depth = new Map<string, number>();
  const visit = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    // Plans are checked cycle-free; the guard only keeps a broken one from looping.
    if (seen.has(id)) return 0;
    seen.add(id);
    const d = 1 + Math.max(0, ...(waits.get(id) ?? []).map((p) => visit(p, seen)));
    depth.set(id, d);
    return d;
  };
  for (const id of waits.keys()) visit(id, new Set());
  return depth;
}

/**
 * The steps' order: an arrow from each step waited for, a dashed one from a deadline's anchor. A step
 * is drawn on the row where it can first open: the arrow from the step it waits for longest weighs
 * most, so dagre keeps it short rather than pulling an early step down beside a late one it feeds.
 */
function stepEdges(plan: Plan): DiagramEdge[] {
  const waits = waitsFor(plan);
  const depth = earliest(waits);
  const edges: DiagramEdge[] = [];
  for (const step of plan.steps) {
    const before = waits.get(step.id) ?? [];
    const d = depth.get(step.id) ?? 1;
    if (before.length === 0) edges.push({ from: START.id, to: step.id, kind: 'start', weight: 8 });
    for (const from of before) {
      const critical = depth.get(from) === d - 1;
      edges.push({ from, to: step.id, kind: 'after', weight: critical ? 8 : 1 });
    }
    const anchor = anchorOnly(step);
    if (anchor !== undefined && waits.has(anchor))
      edges.push({ from: anchor, to: step.id, kind: 'anchor', weight: 1 });
  }
  return edges;
}

function arrowMarker(id: string, fill: string): Html {
  return html`<marker
    id="${id}"
    viewBox="0 0 10 10"
    refX="10"
    refY="5"
    markerUnits="userSpaceOnUse"
    markerWidth="9"
    markerHeight="9"
    orient="auto"
  >
    <path d="M 0 0 L 10 5 L 0 10 z" fill="${fill}" />
  </marker>`;
}

/** The steps of the plan and their order, laid out top to bottom by dagre. */
export function planDiagram(plan: Plan, lang: Lang): Html {
  const boxes = new Map(plan.steps.map((s) => [s.id, stepBox(s, lang)]));
  const edges = stepEdges(plan);
  const placed = layOut(
    [START, ...[...boxes.values()].map((b) => ({ id: b.step.id, width: b.width, height: b.height }))],
    edges,
    { rankdir: 'TB', nodesep: 22, ranksep: 40, margin: 12 },
  );
  const title = (id: string): Words => boxes.get(id)?.step.title ?? { zh: id, en: id };
  const drawnEdges = placed.edges.map((e, i) => {
    const kind = edges[i]!.kind;
    const words =
      kind === 'start'
        ? w.diagram.startTitle
        : kind === 'anchor'
          ? w.diagram.anchor(title(e.from), title(e.to))
          : w.diagram.after(title(e.from), title(e.to));
    return html`<g
      class="edge edge-${kind}"
      data-from="${kind === 'start' ? 'start' : e.from}"
      data-to="${e.to}"
    >
      <title>${say(words, lang)}</title>
      <path
        d="${splinePath(e.points)}"
        fill="none"
        stroke="${EDGE}"
        stroke-width="${kind === 'start' ? 1.2 : 1.6}"
        ${kind === 'anchor' ? html`stroke-dasharray="6 4"` : ''}
        marker-end="url(#plan-arrow)"
      />
    </g>`;
  });
  const start = placed.nodes.get(START.id)!;
  const startNode = html`<g class="start">
    <title>${say(w.diagram.startTitle, lang)}</title>
    <rect
      x="${start.x}"
      y="${start.y}"
      width="${start.width}"
      height="${start.height}"
      rx="16"
      fill="${INK}"
    />
    <text
      x="${start.x + start.width / 2}"
      y="${start.y + 21}"
      font-size="13"
      font-weight="600"
      fill="#ffffff"
      text-anchor="middle"
      >${say(w.diagram.start, lang)}</text
    >
  </g>`;
  const steps = plan.steps.map((s) => drawStep(plan, boxes.get(s.id)!, placed.nodes.get(s.id)!, lang));
  return diagramSvg(
    'plan',
    placed,
    say(w.diagram.label(say(plan.title, lang), plan.steps.length), lang),
    html`${drawnEdges}${startNode}${steps}`,
  );
}

/** The picture's frame, shared by the step and the role diagram: its size, its name, its arrowhead. */
function diagramSvg(
  kind: 'plan' | 'role',
  placed: { width: number; height: number },
  label: string,
  body: Html,
): Html {
  return html`<svg
    class="diagram ${kind}-diagram"
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${placed.width} ${placed.height}"
    width="${placed.width}"
    height="${placed.height}"
    role="img"
    aria-label="${label}"
    font-family="${FONT}"
  >
    <defs>${arrowMarker(`${kind}-arrow`, EDGE)}</defs>
    ${body}
  </svg>`;
}

const ROLE = {
  width: { zh: 168, en: 200 } satisfies Record<Lang, number>,
  padX: 10,
  padY: 8,
  size: 13,
  lineHeight: 17,
};

/** The plan's roles and who reports to whom: each arrow points up to the role reported to. */
export function roleDiagram(plan: Plan, lang: Lang): Html {
  const width = ROLE.width[lang];
  const boxes = plan.roles.map((role) => {
    const nameLines = wrapText(say(role.names, lang), width - 2 * ROLE.padX, ROLE.size, 4);
    const leads = leadsAt(plan, role.id);
    const height = ROLE.padY * 2 + nameLines.length * ROLE.lineHeight + (leads.length > 0 ? 21 : 0);
    return { role, nameLines, leads, width, height };
  });
  const ids = new Set(plan.roles.map((r) => r.id));
  // Laid out bottom to top, so those reported to sit above those who report.
  const edges: LayoutEdge[] = plan.roles
    .filter((r) => r.reportsTo !== undefined && ids.has(r.reportsTo))
    .map((r) => ({ from: r.id, to: r.reportsTo! }));
  const placed = layOut(
    boxes.map((b) => ({ id: b.role.id, width: b.width, height: b.height })),
    edges,
    { rankdir: 'BT', nodesep: 18, ranksep: 34, margin: 10 },
  );
  const drawnEdges = placed.edges.map(
    (e) =>
      html`<g class="edge edge-reports" data-from="${e.from}" data-to="${e.to}">
        <title>${say(w.diagram.reportsTo(roleName(plan, e.from), roleName(plan, e.to)), lang)}</title>
        <path
          d="${splinePath(e.points)}"
          fill="none"
          stroke="${EDGE}"
          stroke-width="1.6"
          marker-end="url(#role-arrow)"
        />
      </g>`,
  );
  const nodes = boxes.map((b) => {
    const at = placed.nodes.get(b.role.id)!;
    const left = at.x + ROLE.padX;
    const leadTitle =
      b.leads.length > 0 ? `\n${say(w.leads(b.leads.map((id) => levelName(plan, id))), lang)}` : '';
    const reports = b.role.reportsTo === undefined ? w.top : w.reportsTo(roleName(plan, b.role.reportsTo));
    const chipTop = at.y + ROLE.padY + b.nameLines.length * ROLE.lineHeight + 5;
    return html`<g class="role${b.leads.length > 0 ? ' role-lead' : ''}" data-role="${b.role.id}">
      <title>${say(b.role.names, lang)} ${say(reports, lang)}${leadTitle}</title>
      <rect
        x="${at.x}"
        y="${at.y}"
        width="${at.width}"
        height="${at.height}"
        rx="6"
        fill="#ffffff"
        stroke="${b.leads.length > 0 ? INK : MUTED}"
        stroke-width="${b.leads.length > 0 ? 2 : 1.2}"
      />
      <text x="${left}" y="${at.y + ROLE.padY}" font-size="${ROLE.size}" fill="${INK}"
        >${b.nameLines.map(
          (line, i) =>
            html`<tspan x="${left}" dy="${i === 0 ? ROLE.size + 1 : ROLE.lineHeight}">${line}</tspan>`,
        )}</text
      >
      ${b.leads.length > 0
        ? html`<text x="${left}" y="${chipTop + 11.5}" font-size="11" fill="${MUTED}"
              >${say(w.diagram.leads, lang)}</text
            >
            ${chipRow(levelChips(plan, b.leads, lang), at.x + at.width - ROLE.padX, chipTop).markup}`
        : ''}
    </g>`;
  });
  return diagramSvg(
    'role',
    placed,
    say(w.diagram.roles(say(plan.title, lang)), lang),
    html`${drawnEdges}${nodes}`,
  );
}
