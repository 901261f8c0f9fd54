import type { IncidentView } from '../../domain/incident';
import type { Plan } from '../../domain/plan-schema';
import { beijingTime } from '../../domain/words';
import { incidentPage as w } from '../../domain/page-words';
import { html, type Html } from './html';
import { say, type Lang } from './layout';
import { DONE, INK, LATE } from './review-chart';

// The incident at a glance, drawn on the server: one row per step that has opened, a bar from opened to
// done (or to now, outlined, while open), its due time marked, and the part past due in red with ⚠ in
// the label, so lateness is never told by colour alone. Every shape carries a <title>.

const WIDTH = 720;
const PAD = 8;
const ROW = 40;
const AXIS = 24;

export function incidentChart(view: IncidentView, plan: Plan, now: number, lang: Lang): Html {
  const rows = plan.steps.flatMap((step) => {
    const s = view.steps[step.id];
    return s?.openedAt === undefined ? [] : [{ step, s, openedAt: s.openedAt }];
  });
  const t0 = Math.min(view.incident.discoveredAt, ...rows.map((r) => r.openedAt));
  const t1 = Math.max(now, t0 + 60_000, ...rows.flatMap((r) => (r.s.dueAt === undefined ? [] : [r.s.dueAt])));
  const x = (t: number) => PAD + ((t - t0) / (t1 - t0)) * (WIDTH - 2 * PAD);
  const height = rows.length * ROW + AXIS;
  const when = (t: number) => say(beijingTime(t, now), lang);
  const drawn = rows.map(({ step, s, openedAt }, i) => {
    const top = i * ROW;
    const end = s.doneAt ?? now;
    const late = s.breaches.length > 0;
    const title = say(step.title, lang);
    const what = `${title}: ${when(openedAt)} – ${s.doneAt === undefined ? say(w.stillOpen, lang) : when(s.doneAt)}`;
    const bar = html`<rect
      x="${x(openedAt)}"
      y="${top + 20}"
      width="${Math.max(3, x(end) - x(openedAt))}"
      height="12"
      rx="2"
      fill="${s.doneAt === undefined ? '#ffffff' : DONE}"
      stroke="${DONE}"
      ><title>${what}</title></rect
    >`;
    const overdue =
      s.dueAt !== undefined && end > s.dueAt
        ? html`<rect
            x="${x(s.dueAt)}"
            y="${top + 20}"
            width="${Math.max(2, x(end) - x(s.dueAt))}"
            height="12"
            fill="${LATE}"
            ><title>${say(w.lateSince(beijingTime(s.dueAt, now)), lang)}</title></rect
          >`
        : '';
    const due =
      s.dueAt === undefined
        ? ''
        : html`<line
            x1="${x(s.dueAt)}"
            x2="${x(s.dueAt)}"
            y1="${top + 16}"
            y2="${top + 36}"
            stroke="${INK}"
            stroke-width="2"
            ><title>${say(w.dueAt(beijingTime(s.dueAt, now)), lang)}</title></line
          >`;
    return html`<g class="step-bar" data-step="${step.id}">
      <text x="${PAD}" y="${top + 14}" font-size="13" fill="${INK}"
        >${title}${late
          ? html`<tspan fill="${LATE}" font-weight="600"> ⚠ ${say(w.late, lang)}</tspan>`
          : ''}</text
      >
      ${bar}${overdue}${due}
    </g>`;
  });
  const nowLine = html`<line
    x1="${x(now)}"
    x2="${x(now)}"
    y1="0"
    y2="${height - AXIS}"
    stroke="#57606a"
    stroke-dasharray="4 3"
    ><title>${say(w.now, lang)}</title></line
  >`;
  return html`<svg
    class="incident-chart"
    viewBox="0 0 ${WIDTH} ${Math.max(height, AXIS + 10)}"
    width="100%"
    role="img"
    aria-label="${say(w.chartLabel, lang)}"
    xmlns="http://www.w3.org/2000/svg"
  >
    ${drawn}${nowLine}
    <text x="${PAD}" y="${height - 6}" font-size="12" fill="#57606a">${when(t0)}</text>
    <text x="${WIDTH - PAD}" y="${height - 6}" font-size="12" fill="#57606a" text-anchor="end">
      ${when(t1)}
    </text>
  </svg>`;
}
