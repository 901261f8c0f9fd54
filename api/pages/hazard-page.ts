import type { Hazard } from '@prisma/client';
import { hazardPages as w } from '../../domain/page-words';
import { beijingTime, type Words } from '../../domain/words';
import { countdown } from './board-page';
import { html, type Html } from './html';
import { say, type Lang } from './layout';

// P4's hazard register on the office's pages: the open entries under the board, each with its section,
// hazard and 解决时限 (Beijing time, the time left or how late: ⚠ and the words when overdue, never colour
// alone; the list holds open entries only, so that says their status), and the form that reports one
// (plain HTML, usable without script).

export interface HazardForm {
  section?: string;
  hazard?: string;
  offlineMeasure?: string;
  onlineMeasure?: string;
  /** Beijing wall time as typed (datetime-local). */
  resolveBy?: string;
}

function dueCell(row: Hazard, now: number, lang: Lang): Html {
  const due = row.resolveBy.getTime();
  const c = countdown(due, now);
  // The stylesheet puts ⚠ before anything .late, so the words and the sign both say it, not colour alone.
  return html`<span class="countdown ${c.late ? 'late' : 'left'}" data-due="${due}"
      >${say(c.words, lang)}</span
    ><br /><span class="hint">${say(beijingTime(due, now), lang)}</span>`;
}

/** The open entries, soonest deadline first: a section of the board. */
export function hazardSection(rows: Hazard[], now: number, lang: Lang): Html {
  const q = lang === 'en' ? '?lang=en' : '';
  return html`<section id="hazards" aria-labelledby="hazards-title">
    <h2 id="hazards-title">${say(w.title, lang)}</h2>
    <p class="hint">${say(w.intro, lang)} <a href="/hazards/new${q}">${say(w.add, lang)}</a></p>
    <div class="table-box" tabindex="0" role="region" aria-label="${say(w.title, lang)}">
      <table class="board hazards">
        <thead>
          <tr>
            <th scope="col">${say(w.section, lang)}</th>
            <th scope="col">${say(w.hazard, lang)}</th>
            <th scope="col">${say(w.resolveBy, lang)}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.length === 0
            ? html`<tr>
                <td colspan="3" class="hint">${say(w.empty, lang)}</td>
              </tr>`
            : rows.map(
                (row) =>
                  html`<tr data-hazard="${row.id}">
                    <td>${row.section}</td>
                    <td>${row.hazard}</td>
                    <td>${dueCell(row, now, lang)}</td>
                  </tr>`,
              )}
        </tbody>
      </table>
    </div>
  </section>`;
}

/** The form that reports one row of 附件3. */
export function hazardFormBody(
  form: HazardForm,
  ctx: { lang: Lang; csrf: Html; problem?: Words | undefined },
): Html {
  const { lang } = ctx;
  return html`<h1>${say(w.add, lang)}</h1>
    <p class="hint">${say(w.intro, lang)}</p>
    ${ctx.problem ? html`<p class="flash problem" role="alert">${say(ctx.problem, lang)}</p>` : ''}
    <form method="post" action="/hazards/new" class="stack">
      ${ctx.csrf}<input type="hidden" name="lang" value="${lang}" />
      <label for="section">${say(w.section, lang)}</label>
      <input id="section" name="section" type="text" maxlength="200" required value="${form.section ?? ''}" />
      <label for="hazard">${say(w.hazard, lang)}</label>
      <textarea id="hazard" name="hazard" rows="3" maxlength="5000" required>${form.hazard ?? ''}</textarea>
      <label for="offlineMeasure">${say(w.offlineMeasure, lang)}</label>
      <textarea id="offlineMeasure" name="offlineMeasure" rows="2" maxlength="5000">
${form.offlineMeasure ?? ''}</textarea
      >
      <label for="onlineMeasure">${say(w.onlineMeasure, lang)}</label>
      <textarea id="onlineMeasure" name="onlineMeasure" rows="2" maxlength="5000">
${form.onlineMeasure ?? ''}</textarea
      >
      <label for="resolveBy">${say(w.resolveBy, lang)}</label>
      <input
        id="resolveBy"
        name="resolveBy"
        type="datetime-local"
        required
        aria-describedby="resolveBy-hint"
        value="${form.resolveBy ?? ''}"
      />
      <p class="hint" id="resolveBy-hint">${say(w.resolveByHint, lang)}</p>
      <button type="submit">${say(w.submit, lang)}</button>
    </form>`;
}
