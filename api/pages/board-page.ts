import type { Incident } from '@prisma/client';
import type { Plan } from '../../domain/plan-schema';
import { roleName } from '../../domain/plan-reading';
import { beijingTime, duration, type Words } from '../../domain/words';
import { approvalPage, boardPage as w } from '../../domain/page-words';
import { html, type Html } from './html';
import { say, type Lang } from './layout';
import { planLevelChip } from './level-colour';

// The board as people read it: one row per incident, most urgent first, each with its level on its
// colour, the time left (or how late) to its next deadline, and whether it ever ran late. The rows are a
// fragment of their own so the page's script can fetch them fresh without reloading the page.

export interface BoardQuery {
  status?: 'open' | 'aftercare' | undefined;
  level?: string | undefined;
  planId?: string | undefined;
  breached?: boolean | undefined;
  mine?: boolean | undefined;
  q?: string | undefined;
}

export interface BoardView {
  rows: Incident[];
  plans: Map<string, Plan>;
  query: BoardQuery;
  /** The next page's link, when there may be more. */
  nextHref?: string | undefined;
  /** Set when this is not the first page. */
  firstHref?: string | undefined;
  now: number;
  /** P4's open hazard register entries, soonest deadline first (hazard-page.ts draws them). */
  hazards?: Html | undefined;
}

/** Time left to a due time, or how late: the words, and the class that colours them. */
export function countdown(dueAt: number, now: number): { words: Words; late: boolean } {
  const left = dueAt - now;
  return left >= 0
    ? { words: approvalPage.left(duration(left)), late: false }
    : { words: approvalPage.late(duration(-left)), late: true };
}

function dueCell(row: Incident, now: number, lang: Lang): Html {
  if (row.urgentAt === null) return html`<span class="hint">${say(w.nothingDue, lang)}</span>`;
  const due = row.urgentAt.getTime();
  const c = countdown(due, now);
  return html`<span class="countdown ${c.late ? 'late' : 'left'}" data-due="${due}"
      >${say(c.words, lang)}</span
    ><br /><span class="hint">${say(beijingTime(due, now), lang)}</span>`;
}

/** The table's body rows: what the page's script swaps in when it refreshes. */
export function boardRows(view: BoardView, lang: Lang): Html {
  if (view.rows.length === 0) {
    return html`<tr>
      <td colspan="6" class="hint">${say(w.empty, lang)}</td>
    </tr>`;
  }
  const q = lang === 'en' ? '?lang=en' : '';
  return html`${view.rows.map((row) => {
    const plan = view.plans.get(row.planId);
    const status = w.statuses[row.status as keyof typeof w.statuses] ?? { zh: row.status, en: row.status };
    return html`<tr data-incident="${row.id}">
      <td>${planLevelChip(plan, row.level, lang)}</td>
      <td>
        <a href="/incidents/${row.id}${q}">${row.title}</a>
        ${row.breached ? html` <span class="breached">⚠ ${say(w.breached, lang)}</span>` : ''}
        <br /><span class="hint">${plan ? say(plan.title, lang) : row.planId}</span>
      </td>
      <td>${plan ? say(roleName(plan, row.leadRole), lang) : row.leadRole}</td>
      <td>${dueCell(row, view.now, lang)}</td>
      <td>${say(status, lang)}</td>
      <td><span class="hint">${say(beijingTime(row.updatedAt.getTime(), view.now), lang)}</span></td>
    </tr>`;
  })}`;
}

function filterForm(view: BoardView, lang: Lang): Html {
  const q = view.query;
  const plans = [...view.plans.values()];
  const selectedPlan = q.planId === undefined ? undefined : view.plans.get(q.planId);
  const levels = (selectedPlan ? [selectedPlan] : plans).flatMap((p) => p.levels.map((l) => l.id));
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}" ${selected ? html`selected` : ''}>${label}</option>`;
  return html`<form method="get" action="/" class="filters" aria-label="${say(w.filters, lang)}">
    ${lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}
    <label
      >${say(w.status, lang)}
      <select name="status">
        ${option('', say(w.any, lang), q.status === undefined)}
        ${option('open', say(w.statuses.open, lang), q.status === 'open')}
        ${option('aftercare', say(w.statuses.aftercare, lang), q.status === 'aftercare')}
      </select></label
    >
    <label
      >${say(w.plan, lang)}
      <select name="planId">
        ${option('', say(w.any, lang), q.planId === undefined)}
        ${plans.map((p) => option(p.id, say(p.title, lang), q.planId === p.id))}
      </select></label
    >
    <label
      >${say(w.level, lang)}
      <select name="level">
        ${option('', say(w.any, lang), q.level === undefined)}
        ${[...new Set(levels)].map((l) =>
          option(
            l,
            selectedPlan ? say(selectedPlan.levels.find((x) => x.id === l)!.names, lang) : l,
            q.level === l,
          ),
        )}
      </select></label
    >
    <label>${say(w.text, lang)} <input type="search" name="q" value="${q.q ?? ''}" maxlength="200" /></label>
    <label class="check"
      ><input type="checkbox" name="breached" value="1" ${q.breached ? html`checked` : ''} /> ${say(
        w.breachedOnly,
        lang,
      )}</label
    >
    <label class="check"
      ><input type="checkbox" name="mine" value="1" ${q.mine ? html`checked` : ''} /> ${say(
        w.mine,
        lang,
      )}</label
    >
    <button type="submit">${say(w.apply, lang)}</button>
    <a href="/${lang === 'en' ? '?lang=en' : ''}">${say(w.clear, lang)}</a>
  </form>`;
}

export function boardBody(view: BoardView, lang: Lang, rowsHref: string): Html {
  return html`<h1>${say(w.title, lang)}</h1>
    ${filterForm(view, lang)}
    <div class="table-box" tabindex="0" role="region" aria-label="${say(w.title, lang)}">
      <table class="board">
        <thead>
          <tr>
            <th scope="col">${say(w.level, lang)}</th>
            <th scope="col">${say(w.incident, lang)}</th>
            <th scope="col">${say(w.lead, lang)}</th>
            <th scope="col">${say(w.next, lang)}</th>
            <th scope="col">${say(w.status, lang)}</th>
            <th scope="col">${say(w.lastActivity, lang)}</th>
          </tr>
        </thead>
        <tbody id="board-rows" data-rows="${rowsHref}" data-lang="${lang}">
          ${boardRows(view, lang)}
        </tbody>
      </table>
    </div>
    <p class="pages">
      ${view.firstHref ? html`<a href="${view.firstHref}">${say(w.first, lang)}</a>` : ''}
      ${view.nextHref ? html`<a href="${view.nextHref}" rel="next">${say(w.more, lang)}</a>` : ''}
    </p>
    ${view.hazards ?? ''}`;
}
