import { beijingClock, type Words } from '../../domain/words';
import { reviewPage as w } from '../../domain/page-words';
import type { DeadlineRecord, Review, ReviewEvent } from '../../review/review-schema';
import { at, type TextContext } from '../../review/review-text';
import { html, type Html } from './html';
import { say, type Lang } from './layout';
import { levelScheme } from './level-colour';

// The response as one picture, drawn on the server as SVG: a time axis from discovery to the last
// event, the level bands behind, one row per step (and per promised reply) with its bars from opening
// to done, its due time marked and a missed deadline flagged. Every shape carries a <title>, so a hover
// and a screen reader both say what it is. The geometry is plain axis arithmetic in a fixed viewBox that
// the page scales.

type Findings = NonNullable<Review['findings']>;

const WIDTH = 960;
const PAD = 12;
const BAND = 22;
const ROW = 38;
const AXIS = 44;

/** The colours every chart of ours draws with: ink, done work, and lateness. */
export const INK = '#1b1f24';
const MUTED = '#57606a';
export const DONE = '#0b57d0';
export const LATE = '#b3261e';
const SKIPPED = '#8c959f';
const SKIPPED_FILL = '#eaeef2';

type BarState = 'done' | 'skipped' | 'open' | 'reopened';

interface Bar {
  from: number;
  to: number;
  state: BarState;
}

interface Row {
  title: Words;
  bars: Bar[];
  deadline?: { dueAt: number; breachedAt?: number; lateByMs?: number };
  /** Follow-up reports (续报), drawn as dots on their step's row. */
  reports: number[];
  first: number;
}

/** Each step's spans from opening to done (or skipped, or the end of the record), from the timeline. */
function stepRows(findings: Findings, end: number): Map<string, Row> {
  const events: ReviewEvent[] = [...findings.timeline.human, ...findings.timeline.system].sort(
    (a, b) => a.seq - b.seq,
  );
  const rows = new Map<string, Row>();
  const open = new Map<string, Bar>();
  const rowOf = (e: ReviewEvent & { stepId: string }) => {
    let row = rows.get(e.stepId);
    if (!row) {
      row = { title: e.stepTitle ?? { zh: e.stepId, en: e.stepId }, bars: [], reports: [], first: e.at };
      rows.set(e.stepId, row);
    }
    return row;
  };
  for (const e of events) {
    if (e.stepId === undefined) continue;
    const step = e as ReviewEvent & { stepId: string };
    if (e.type === 'step-opened' || e.type === 'step-reopened') {
      if (open.has(e.stepId)) continue;
      const bar: Bar = { from: e.at, to: end, state: e.type === 'step-opened' ? 'open' : 'reopened' };
      rowOf(step).bars.push(bar);
      open.set(e.stepId, bar);
    } else if (e.type === 'step-done' || e.type === 'step-skipped') {
      const bar = open.get(e.stepId);
      if (!bar) continue;
      bar.to = e.at;
      bar.state = e.type === 'step-skipped' ? 'skipped' : bar.state === 'reopened' ? 'reopened' : 'done';
      open.delete(e.stepId);
    } else if (e.type === 'follow-up-reported') {
      rowOf(step).reports.push(e.at);
    }
  }
  // A span still open at the end of the record is not done: say so rather than call it reopened work.
  for (const bar of open.values()) if (bar.state === 'reopened') bar.state = 'open';
  return rows;
}

const deadlineOf = (d: DeadlineRecord): Row['deadline'] => ({
  dueAt: d.dueAt,
  ...(d.breach ? { breachedAt: d.breach.recordedAt } : {}),
  ...(d.lateByMs !== undefined ? { lateByMs: d.lateByMs } : {}),
});

function rowsOf(findings: Findings, end: number): Row[] {
  const steps = stepRows(findings, end);
  for (const d of findings.deadlines) {
    if (d.subject === 'milestone') continue;
    const row = steps.get(d.id);
    // A step with a deadline that never opened (skipped at its level) is not drawn.
    if (row && !row.deadline) row.deadline = deadlineOf(d);
  }
  const milestones: Row[] = findings.milestones.map((m) => {
    const record = findings.deadlines.find((d) => d.subject === 'milestone' && d.id === m.id);
    return {
      title: { zh: `承诺：${m.title}`, en: `Promise: ${m.title}` },
      bars: [{ from: m.promisedAt, to: m.doneAt ?? end, state: m.doneAt === undefined ? 'open' : 'done' }],
      deadline: record ? deadlineOf(record) : { dueAt: m.dueAt },
      reports: [],
      first: m.promisedAt,
    };
  });
  return [...steps.values(), ...milestones].sort((a, b) => a.first - b.first);
}

/** Tick spacing: the first that leaves at most six intervals on the axis. */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * 60_000);
const BEIJING = 8 * 3_600_000;

function ticks(t0: number, t1: number): number[] {
  const span = t1 - t0;
  const step = STEPS.find((s) => span / s <= 6);
  if (step === undefined || span < 2 * 60_000) return [];
  const out: number[] = [];
  for (let t = Math.ceil((t0 + BEIJING) / step) * step - BEIJING; t < t1; t += step) out.push(t);
  return out;
}

/** The picture of a consistent review. */
export function reviewChart(review: Review, findings: Findings, lang: Lang, ctx: TextContext): Html {
  const t0 = review.incident.discoveredAt;
  const t1 = Math.max(ctx.now, t0 + 1_000);
  const x = (t: number) => PAD + ((Math.min(Math.max(t, t0), t1) - t0) / (t1 - t0)) * (WIDTH - 2 * PAD);
  const rows = rowsOf(findings, ctx.now);
  const height = BAND + 8 + rows.length * ROW + AXIS;
  const plotBottom = BAND + 8 + rows.length * ROW;
  const when = (t: number) => at(t, ctx);

  const levels = findings.levels.map((l, i) => {
    const next = findings.levels[i + 1]?.from ?? t1;
    const scheme = levelScheme(l.colour, l.rank);
    const x0 = x(l.from);
    const width = Math.max(1, x(next) - x0);
    const title = say(w.chart.levelBand(l.levelName, l.leadRoleName, when(l.from)), lang);
    return html`<g>
      <title>${title}</title>
      <rect
        x="${x0}"
        y="0"
        width="${width}"
        height="${plotBottom}"
        fill="${scheme.fill}"
        fill-opacity="0.08"
      />
      <rect x="${x0}" y="0" width="${width}" height="${BAND}" fill="${scheme.fill}" />
      <svg x="${x0}" y="0" width="${width}" height="${BAND}">
        <text x="6" y="16" font-size="13" fill="${scheme.darkText ? INK : '#ffffff'}">
          ${say(l.levelName, lang)}
        </text>
      </svg>
    </g>`;
  });

  const drawn = rows.map((row, i) => {
    const top = BAND + 8 + i * ROW;
    const barY = top + 20;
    const late = row.deadline?.breachedAt !== undefined;
    const lateWords =
      late && row.deadline?.lateByMs !== undefined ? w.lateBy(row.deadline.lateByMs) : undefined;
    const label = html`<text x="${PAD}" y="${top + 14}" font-size="13" fill="${INK}">
      ${say(row.title, lang)}${late
        ? html`<tspan fill="${LATE}" font-weight="600">
            ⚠ ${lateWords ? say(lateWords, lang) : say(w.outcome.breached, lang)}</tspan
          >`
        : ''}
    </text>`;
    const bars = row.bars.map((b) => {
      const x0 = x(b.from);
      const width = Math.max(3, x(b.to) - x0);
      const state = w.chart.state[b.state];
      const title = say(w.chart.bar(row.title, when(b.from), when(b.to), state), lang);
      // Open and skipped spans were never done: outlined, not filled, blue while open, grey once skipped.
      const fill = b.state === 'skipped' ? SKIPPED_FILL : b.state === 'open' ? '#ffffff' : DONE;
      const stroke = b.state === 'skipped' ? SKIPPED : b.state === 'open' ? DONE : 'none';
      const due = row.deadline?.dueAt;
      // The part of the bar past its due time, in red: how long the work ran late.
      const overdue =
        late && due !== undefined && b.to > due && b.state !== 'skipped'
          ? html`<rect
              x="${x(due)}"
              y="${barY}"
              width="${Math.max(2, x(b.to) - x(due))}"
              height="12"
              fill="${LATE}"
            >
              <title>${title}</title>
            </rect>`
          : '';
      return html`<rect
          x="${x0}"
          y="${barY}"
          width="${width}"
          height="12"
          rx="2"
          fill="${fill}"
          stroke="${stroke}"
          stroke-dasharray="${stroke === 'none' ? 'none' : '4 3'}"
        >
          <title>${title}</title>
        </rect>
        ${overdue}`;
    });
    const d = row.deadline;
    const dueMark =
      d === undefined
        ? ''
        : d.dueAt > t1
          ? html`<path
              d="M ${WIDTH - PAD - 8} ${barY - 2} L ${WIDTH - PAD} ${barY + 6} L ${WIDTH - PAD - 8} ${barY +
              14} Z"
              fill="${MUTED}"
            >
              <title>${say(w.chart.dueOutside(row.title, when(d.dueAt)), lang)}</title>
            </path>`
          : html`<g>
              <title>${say(w.chart.due(row.title, when(d.dueAt)), lang)}</title>
              <line
                x1="${x(d.dueAt)}"
                y1="${barY - 4}"
                x2="${x(d.dueAt)}"
                y2="${barY + 16}"
                stroke="${INK}"
                stroke-width="2"
              />
              <path
                d="M ${x(d.dueAt) - 5} ${barY - 9} L ${x(d.dueAt) + 5} ${barY - 9} L ${x(d.dueAt)} ${barY -
                3} Z"
                fill="${INK}"
              />
            </g>`;
    const breachTitle = (recorded: number) =>
      say(w.chart.breach(row.title, when(recorded), w.lateBy(d?.lateByMs ?? 0)), lang);
    const breach =
      d?.breachedAt === undefined
        ? ''
        : html`<g>
            <title>${breachTitle(d.breachedAt)}</title>
            <circle
              cx="${x(d.breachedAt)}"
              cy="${barY + 6}"
              r="8"
              fill="${LATE}"
              stroke="#ffffff"
              stroke-width="1.5"
            />
            <text
              x="${x(d.breachedAt)}"
              y="${barY + 10.5}"
              font-size="12"
              font-weight="700"
              fill="#ffffff"
              text-anchor="middle"
              >!</text
            >
          </g>`;
    const reports = row.reports.map(
      (t, n) =>
        html`<circle cx="${x(t)}" cy="${barY + 6}" r="4" fill="#ffffff" stroke="${INK}" stroke-width="1.5">
          <title>${say(w.chart.report(row.title, n + 1, when(t)), lang)}</title>
        </circle>`,
    );
    return html`<g>${label}${bars}${dueMark}${breach}${reports}</g>`;
  });

  const marks = ticks(t0, t1)
    .filter((t) => x(t) > PAD + 70 && x(t) < WIDTH - PAD - 70)
    .map(
      (t) =>
        html`<line x1="${x(t)}" y1="${plotBottom}" x2="${x(t)}" y2="${plotBottom + 6}" stroke="${MUTED}" />
          <text x="${x(t)}" y="${plotBottom + 20}" font-size="12" fill="${MUTED}" text-anchor="middle"
            >${beijingClock(t)}</text
          >`,
    );
  const axis = html`<g>
    <title>${say(w.chart.axis(when(t0), when(t1)), lang)}</title>
    <line x1="${PAD}" y1="${plotBottom}" x2="${WIDTH - PAD}" y2="${plotBottom}" stroke="${MUTED}" />
    ${marks}
    <text x="${PAD}" y="${plotBottom + 36}" font-size="12" fill="${MUTED}"
      >${say(w.chart.start(when(t0)), lang)}</text
    >
    <text x="${WIDTH - PAD}" y="${plotBottom + 36}" font-size="12" fill="${MUTED}" text-anchor="end"
      >${say(w.chart.end(when(t1)), lang)}</text
    >
  </g>`;

  return html`<svg
    class="chart"
    viewBox="0 0 ${WIDTH} ${height}"
    role="group"
    aria-label="${say(w.chart.label(review.incident.title), lang)}"
    font-family="'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', system-ui, sans-serif"
  >
    ${levels}${drawn}${axis}
  </svg>`;
}

/** What the picture's marks mean, in words beside small copies of the marks. */
export function chartLegend(lang: Lang): Html {
  const item = (mark: Html, words: Words) =>
    html`<li><svg width="22" height="14" aria-hidden="true">${mark}</svg> ${say(words, lang)}</li>`;
  return html`<ul class="legend">
    ${item(html`<rect x="1" y="2" width="20" height="10" rx="2" fill="${DONE}" />`, w.chart.legend.done)}
    ${item(html`<rect x="1" y="2" width="20" height="10" rx="2" fill="${LATE}" />`, w.chart.legend.late)}
    ${item(
      html`<rect
        x="1"
        y="2"
        width="20"
        height="10"
        rx="2"
        fill="#ffffff"
        stroke="${DONE}"
        stroke-dasharray="4 3"
      />`,
      w.chart.legend.open,
    )}
    ${item(
      html`<rect x="1" y="2" width="20" height="10" rx="2" fill="${SKIPPED}" />`,
      w.chart.legend.skipped,
    )}
    ${item(
      html`<line x1="11" y1="1" x2="11" y2="13" stroke="${INK}" stroke-width="2" />`,
      w.chart.legend.due,
    )}
    ${item(
      html`<circle cx="11" cy="7" r="6" fill="${LATE}" /><text
          x="11"
          y="11"
          font-size="10"
          font-weight="700"
          fill="#fff"
          text-anchor="middle"
          >!</text
        >`,
      w.chart.legend.breach,
    )}
  </ul>`;
}
