import { isHumanEvent, type IncidentView } from '../../domain/incident';
import type { Plan } from '../../domain/plan-schema';
import { ownerAt, roleName } from '../../domain/plan-reading';
import { questionIdOf } from '../../domain/question-rounds';
import { beijingTime, duration, type Words } from '../../domain/words';
import { boardPage, incidentPage as w, planPages, reviewPage } from '../../domain/page-words';
import type { IncidentAnswer } from '../responses';
import { countdown } from './board-page';
import { html, type Html } from './html';
import { incidentChart } from './incident-chart';
import { offerForm, type Offer } from './input-forms';
import { say, type Lang } from './layout';
import { planLevelChip } from './level-colour';

// The incident as the office works it: where it stands, a picture of its steps, each step in plan order,
// the approvals with every decision, the open promises, the forms this person may use now, and the
// timeline with people's actions apart from the system's.

export type TimelineFilter = 'all' | 'human' | 'system';

export interface IncidentPageView {
  answer: IncidentAnswer;
  plan: Plan;
  offers: Offer[];
  operator: boolean;
  names: Map<string, string>;
  filter: TimelineFilter;
  csrf: Html;
  now: number;
  /** The outcome of the form just sent, shown above the forms. */
  flash?: { ok: boolean; words: Words; detail?: string } | undefined;
}

/** Time left, or how late, coloured and worded. */
function countdownSpan(dueAt: number, now: number, lang: Lang): Html {
  const c = countdown(dueAt, now);
  return html`<span class="countdown ${c.late ? 'late' : 'left'}">${say(c.words, lang)}</span>`;
}

function header(v: IncidentPageView, lang: Lang): Html {
  const a = v.answer;
  const status = boardPage.statuses[a.status];
  const found = a.incident.discoveredAt;
  // Known to the workflow's answer; the stored projection (read while Temporal is away) keeps no such time.
  const happened = 'occurredAt' in a.incident ? a.incident.occurredAt : undefined;
  const marked = 'flags' in a && a.flags ? v.plan.flags.filter((f) => a.flags?.[f.id] !== undefined) : [];
  return html`<header class="incident-head">
    <p>${planLevelChip(v.plan, a.level, lang)} <span class="hint">${say(v.plan.title, lang)}</span></p>
    <h1>${a.incident.title}</h1>
    <p>${a.incident.summary}</p>
    <dl class="facts">
      <dt>${say(w.lead, lang)}</dt>
      <dd>${say(roleName(v.plan, a.leadRole), lang)}</dd>
      <dt>${say(w.status, lang)}</dt>
      <dd>
        ${say(status, lang)}${a.breached
          ? html` <span class="breached">⚠ ${say(boardPage.breached, lang)}</span>`
          : ''}
      </dd>
      <dt>${say(reviewPage.sections.basics, lang)}</dt>
      <dd>
        ${say(w.discovered(duration(v.now - found), beijingTime(found, v.now)), lang)}${happened === undefined
          ? ''
          : html`<br />${say(w.occurred(beijingTime(happened, v.now)), lang)}`}
      </dd>
      ${marked.length > 0
        ? html`<dt>${say(planPages.sections.flags, lang)}</dt>
            <dd>${marked.map((f) => html`<strong class="flag">${say(f.name, lang)}</strong> `)}</dd>`
        : ''}
    </dl>
  </header>`;
}

function stepRows(view: IncidentView, v: IncidentPageView, lang: Lang): Html {
  const at = (t: number | undefined) => (t === undefined ? '—' : say(beijingTime(t, v.now), lang));
  return html`${v.plan.steps.map((step) => {
    const s = view.steps[step.id];
    if (!s) return '';
    const role = ownerAt(step, view.level);
    const owner = role === undefined ? '' : say(roleName(v.plan, role), lang);
    const who = s.doneBy ? `${v.names.get(s.doneBy) ?? s.doneBy}` : owner;
    const late = s.breaches.at(-1);
    const due =
      s.dueAt === undefined
        ? '—'
        : s.status === 'open'
          ? html`${at(s.dueAt)}<br />${countdownSpan(s.dueAt, v.now, lang)}`
          : at(s.dueAt);
    return html`<tr class="step-${s.status}" data-step="${step.id}">
      <th scope="row">${say(step.title, lang)}</th>
      <td>
        ${say(w.stepStatus[s.status], lang)}${late
          ? html`<br /><span class="breached"
                >⚠ ${say(w.lateBy(duration(Math.max(0, (s.doneAt ?? v.now) - late.dueAt))), lang)}</span
              >`
          : ''}
      </td>
      <td>${who}</td>
      <td>${at(s.openedAt)}</td>
      <td>${due}</td>
      <td>${at(s.doneAt)}</td>
    </tr>`;
  })}`;
}

function approvals(view: IncidentView, v: IncidentPageView, lang: Lang): Html {
  const steps = v.plan.steps.filter((p) => p.kind === 'approval' && view.steps[p.id]?.openedAt !== undefined);
  if (steps.length === 0) return html``;
  return html`<section aria-labelledby="approvals">
    <h2 id="approvals">${say(w.approvals, lang)}</h2>
    ${steps.map((step) => {
      const s = view.steps[step.id]!;
      const stages = step.kind === 'approval' ? step.approvers.length : 0;
      const decisions = s.decisions ?? [];
      return html`<h3>
          ${say(step.title, lang)}
          ${s.status === 'open' && s.stage !== undefined
            ? html`<span class="hint">${say(w.stage(s.stage + 1, stages), lang)}</span>`
            : ''}
        </h3>
        ${decisions.length === 0
          ? html`<p class="hint">${say(w.noDecisions, lang)}</p>`
          : html`<ol class="chain">
              ${decisions.map(
                (d) =>
                  html`<li>
                    <strong class="${d.decision}">${say(reviewPage.decision[d.decision], lang)}</strong>
                    ${v.names.get(d.by) ?? d.by}（${say(roleName(v.plan, d.role), lang)}）
                    <span class="hint">${say(beijingTime(d.at, v.now), lang)}</span>
                    ${d.comment ? html`<div class="material">${d.comment}</div>` : ''}
                  </li>`,
              )}
            </ol>`}`;
    })}
  </section>`;
}

function milestones(view: IncidentView, v: IncidentPageView, lang: Lang): Html {
  const open = Object.values(view.milestones).filter((m) => m.status === 'open');
  return html`<section aria-labelledby="milestones">
    <h2 id="milestones">${say(w.milestones, lang)}</h2>
    ${open.length === 0
      ? html`<p class="hint">${say(w.noMilestones, lang)}</p>`
      : html`<ul>
          ${open.map(
            (m) =>
              html`<li>
                ${m.title} — ${say(roleName(v.plan, m.owner), lang)} ·
                ${m.reason ? html`${say(w.reasonOf(m.reason), lang)} ·` : ''}
                ${say(beijingTime(m.dueAt, v.now), lang)} ${countdownSpan(m.dueAt, v.now, lang)}
              </li>`,
          )}
        </ul>`}
  </section>`;
}

/** Each question raised, who raised it and when, and whether its round has answered it. */
function questions(view: IncidentView, v: IncidentPageView, lang: Lang): Html {
  if (!v.plan.questions) return html``;
  const raised = view.questions ?? [];
  const answered = (id: string) =>
    Object.values(view.steps).every(
      (s) => questionIdOf(s.id) !== id || s.status === 'done' || s.status === 'skipped',
    );
  return html`<section aria-labelledby="questions">
    <h2 id="questions">${say(w.questions, lang)}</h2>
    ${raised.length === 0
      ? html`<p class="hint">${say(w.noQuestions, lang)}</p>`
      : html`<ol class="questions">
          ${raised.map(
            (q) =>
              html`<li data-question="${q.id}">
                <div class="material">${q.text}</div>
                ${say(roleName(v.plan, q.role), lang)} · ${v.names.get(q.raisedBy) ?? q.raisedBy} ·
                <span class="hint">${say(beijingTime(q.raisedAt, v.now), lang)}</span> ·
                <strong>${say(w.questionState[answered(q.id) ? 'answered' : 'answering'], lang)}</strong>
              </li>`,
          )}
        </ol>`}
  </section>`;
}

function actions(
  v: IncidentPageView,
  view: IncidentView,
  lang: Lang,
  action: (name: string) => string,
): Html {
  const flash = v.flash
    ? html`<div
        class="${v.flash.ok ? 'flash ok' : 'flash problem'}"
        role="${v.flash.ok ? 'status' : 'alert'}"
      >
        ${v.flash.ok ? '' : html`<strong>${say(w.refusedTitle, lang)}</strong> `}${say(v.flash.words, lang)}
        ${v.flash.detail ? html`<br /><span class="hint" lang="en">${v.flash.detail}</span>` : ''}
      </div>`
    : '';
  const none = v.operator ? w.operatorNoActions : w.noActions;
  return html`<section aria-labelledby="actions" id="do">
    <h2 id="actions">${say(w.actions, lang)}</h2>
    ${flash}
    ${v.offers.length === 0
      ? html`<p class="hint">${say(none, lang)}</p>`
      : v.offers.map((o) =>
          offerForm(o, { plan: v.plan, view, lang, csrf: v.csrf, action: action(o.form.route.input.name) }),
        )}
  </section>`;
}

function timeline(v: IncidentPageView, lang: Lang, self: string): Html {
  const events = v.answer.timeline.filter((e) =>
    v.filter === 'all' ? true : v.filter === 'human' ? isHumanEvent(e) : !isHumanEvent(e),
  );
  const tab = (f: TimelineFilter, words: Words) =>
    html`<a
      href="${self}${self.includes('?') ? '&' : '?'}events=${f}#timeline"
      ${v.filter === f ? html`aria-current="true"` : ''}
      >${say(words, lang)}</a
    >`;
  return html`<section aria-labelledby="timeline-h" id="timeline">
    <h2 id="timeline-h">${say(w.timeline, lang)}</h2>
    <p class="tabs">${tab('all', w.all)} ${tab('human', w.human)} ${tab('system', w.system)}</p>
    <ol class="timeline">
      ${[...events].reverse().map(
        (e) =>
          html`<li class="${isHumanEvent(e) ? 'human' : 'system'}">
            <span class="hint">${say(beijingTime(e.at, v.now), lang)}</span>
            <strong>${say(reviewPage.event[e.type], lang)}</strong>
            ${e.stepId
              ? say(
                  v.plan.steps.find((s) => s.id === e.stepId)?.title ?? { zh: e.stepId, en: e.stepId },
                  lang,
                )
              : ''}
            ${isHumanEvent(e) ? html`· ${v.names.get(e.actor!) ?? e.actor}` : ''}
          </li>`,
      )}
    </ol>
  </section>`;
}

export function incidentBody(
  v: IncidentPageView,
  lang: Lang,
  paths: { self: string; action: (name: string) => string },
): Html {
  const a = v.answer;
  const live = a.source === 'workflow' ? a : undefined;
  return html`${header(v, lang)}
    ${live
      ? html`<section aria-labelledby="picture">
            <h2 id="picture">${say(w.picture, lang)}</h2>
            <div class="chart-box" tabindex="0" role="region" aria-label="${say(w.picture, lang)}">
              ${incidentChart(live, v.plan, v.now, lang)}
            </div>
          </section>
          ${actions(v, live, lang, paths.action)}
          <section aria-labelledby="steps">
            <h2 id="steps">${say(w.steps, lang)}</h2>
            <div class="table-box" tabindex="0" role="region" aria-label="${say(w.steps, lang)}">
              <table class="steps">
                <thead>
                  <tr>
                    <th scope="col">${say(w.step, lang)}</th>
                    <th scope="col">${say(w.status, lang)}</th>
                    <th scope="col">${say(w.who, lang)}</th>
                    <th scope="col">${say(w.opened, lang)}</th>
                    <th scope="col">${say(w.due, lang)}</th>
                    <th scope="col">${say(w.done, lang)}</th>
                  </tr>
                </thead>
                <tbody>
                  ${stepRows(live, v, lang)}
                </tbody>
              </table>
            </div>
          </section>
          ${approvals(live, v, lang)} ${milestones(live, v, lang)} ${questions(live, v, lang)}`
      : html`<p class="hint" role="status">
          ${say(
            a.source === 'projection' && a.reason === 'temporal-unavailable'
              ? w.temporalUnavailable
              : w.fromProjection,
            lang,
          )}
        </p>`}
    ${timeline(v, lang, paths.self)}
    <p>
      <a href="/incidents/${a.incident.id}/review${lang === 'en' ? '?lang=en' : ''}"
        >${say(w.review, lang)}</a
      >
    </p>`;
}
