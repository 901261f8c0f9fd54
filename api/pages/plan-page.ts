import { durationMs } from '../../domain/duration';
import { HOLIDAY_NOTICES, OFFICIAL_CALENDAR } from '../../domain/official-holidays';
import { DEFAULT_ESCALATION_EVERY } from '../../engine/breaches';
import type { Plan, Step, Thresholds } from '../../domain/plan-schema';
import { levelName, roleName, stepOf, usesWorkingHours } from '../../domain/plan-reading';
import { duration, type Words } from '../../domain/words';
import { planPages as w } from '../../domain/page-words';
import type { PlanStats } from '../responses';
import { html, type Html } from './html';
import { say, type Lang } from './layout';
import { levelChip } from './level-colour';
import {
  actorsWords,
  anchorOnly,
  afterWords,
  deadlineLines,
  leadsAt,
  levelled,
  levelMark,
  schemeOf,
} from './plan-facts';
import { planDiagram, roleDiagram } from './plan-diagram';

// The plans as people read their 预案: the catalog as a list, and each plan whole (levels and their
// criteria, roles and who reports to whom, the steps in plan order with who acts and by when, the
// working hours split deadlines count by), its two pictures, and how its incidents have gone so far.

/** A link to another plans page that keeps the reader's language. */
const hrefOf = (path: string, lang: Lang) => (lang === 'en' ? `${path}?lang=en` : path);

const chip = (plan: Plan, levelId: string, lang: Lang, words: Words = levelName(plan, levelId)): Html =>
  levelChip(say(words, lang), schemeOf(plan, levelId));

/** The catalog: each plan with its version, levels and size, linked to its page. */
export function planListBody(plans: Plan[], lang: Lang): Html {
  return html`<div class="plan-page">
    <h1>${say(w.title, lang)}</h1>
    <p class="hint">${say(w.intro, lang)}</p>
    <ul class="plan-list">
      ${plans.map(
        (p) =>
          html`<li>
            <h2><a href="${hrefOf(`/plans/${encodeURIComponent(p.id)}`, lang)}">${say(p.title, lang)}</a></h2>
            <p class="hint">
              <code>${p.id}</code> · ${say(w.version(p.version), lang)} ·
              ${say(w.counts(p.steps.length, p.roles.length), lang)}
            </p>
            <p class="chips">${p.levels.map((l) => chip(p, l.id, lang))}</p>
          </li>`,
      )}
    </ul>
  </div>`;
}

function section(id: string, title: Words, lang: Lang, content: Html): Html {
  return html`<section class="plan" aria-labelledby="${id}">
    <h2 id="${id}">${say(title, lang)}</h2>
    ${content}
  </section>`;
}

const number = (n: number, lang: Lang) => n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');

function thresholdWords(t: Thresholds, lang: Lang): Words | undefined {
  const parts: Words[] = [];
  if (t.views24h !== undefined) parts.push(w.metric.views24h(number(t.views24h, lang)));
  if (t.reposts !== undefined) parts.push(w.metric.reposts(number(t.reposts, lang)));
  if (t.comments !== undefined) parts.push(w.metric.comments(number(t.comments, lang)));
  return parts.length === 0 ? undefined : w.thresholds(parts);
}

function levels(plan: Plan, lang: Lang): Html {
  const classifiers = plan.classifiers.map((r) => roleName(plan, r));
  return section(
    'levels',
    w.sections.levels,
    lang,
    html`<ul class="plan-levels">
        ${plan.levels.map((l) => {
          const lead = plan.leadRole[l.id];
          const thresholds = l.thresholds ? thresholdWords(l.thresholds, lang) : undefined;
          return html`<li>
            <p class="level-line">
              ${chip(plan, l.id, lang)}
              ${lead === undefined
                ? ''
                : html`<span class="lead">${say(w.lead(roleName(plan, lead)), lang)}</span>`}
            </p>
            <p>
              ${l.criteria
                ? say(l.criteria, lang)
                : html`<span class="hint">${say(w.noCriteria, lang)}</span>`}
            </p>
            ${thresholds ? html`<p class="thresholds">${say(thresholds, lang)}</p>` : ''}
          </li>`;
        })}
      </ul>
      ${classifiers.length > 0 ? html`<p class="hint">${say(w.classifiers(classifiers), lang)}</p>` : ''}`,
  );
}

function roles(plan: Plan, lang: Lang): Html {
  return section(
    'roles',
    w.sections.roles,
    lang,
    html`<div class="plan-roles">
        <ul class="plain role-list">
          ${plan.roles.map((r) => {
            const leads = leadsAt(plan, r.id);
            return html`<li>
              <strong>${say(r.names, lang)}</strong>
              <span class="hint"
                >${say(
                  r.reportsTo === undefined ? w.top : w.reportsTo(roleName(plan, r.reportsTo)),
                  lang,
                )}</span
              >
              ${leads.length > 0
                ? html`<span class="chips"
                    ><span class="hint">${say(w.diagram.leads, lang)}</span> ${leads.map((id) =>
                      chip(plan, id, lang),
                    )}</span
                  >`
                : ''}
            </li>`;
          })}
        </ul>
        <div
          class="scroll diagram-box"
          tabindex="0"
          role="region"
          aria-label="${say(w.sections.roles, lang)}"
        >
          ${roleDiagram(plan, lang)}
        </div>
      </div>
      <p class="hint">
        ${say(w.escalation(duration(durationMs(plan.escalation?.every ?? DEFAULT_ESCALATION_EVERY))), lang)}
      </p>`,
  );
}

/** What the diagram's marks mean: the arrows, the clock and each level's numeral. */
function legend(plan: Plan, lang: Lang): Html {
  const item = (mark: Html, words: Words) =>
    html`<li><svg width="30" height="14" aria-hidden="true">${mark}</svg> ${say(words, lang)}</li>`;
  const partial = plan.steps.some((s) => s.appliesAt !== undefined);
  return html`<ul class="legend">
      ${item(
        html`<path d="M 1 7 L 27 7" stroke="#6e7781" stroke-width="1.6" /><path
            d="M 22 3 L 29 7 L 22 11 z"
            fill="#6e7781"
          />`,
        w.diagram.legendAfter,
      )}
      ${plan.steps.some((s) => anchorOnly(s) !== undefined)
        ? item(
            html`<path d="M 1 7 L 27 7" stroke="#6e7781" stroke-width="1.6" stroke-dasharray="6 4" /><path
                d="M 22 3 L 29 7 L 22 11 z"
                fill="#6e7781"
              />`,
            w.diagram.legendAnchor,
          )
        : ''}
      ${item(
        html`<g fill="none" stroke="#1b1f24" stroke-width="1.4"
          ><circle cx="8" cy="7" r="5.5" /><path d="M 8 3.8 L 8 7 L 10.6 8.6"
        /></g>`,
        w.diagram.deadline,
      )}
    </ul>
    ${partial
      ? html`<p class="legend-levels">
          ${say(w.diagram.legendLevels, lang)}
          ${plan.levels.map(
            (l) =>
              html`<span class="legend-level"
                >${chip(plan, l.id, lang, levelMark(plan, l.id))} ${say(l.names, lang)}</span
              >`,
          )}
        </p>`
      : ''}`;
}

function diagram(plan: Plan, lang: Lang): Html {
  return section(
    'diagram',
    w.sections.diagram,
    lang,
    html`<p class="hint scroll-hint">${say(w.diagram.scrollHint, lang)}</p>
      <figure class="diagram-figure">
        <div
          class="scroll diagram-box"
          tabindex="0"
          role="region"
          aria-label="${say(w.sections.diagram, lang)}"
        >
          ${planDiagram(plan, lang)}
        </div>
        <figcaption>${legend(plan, lang)}</figcaption>
      </figure>`,
  );
}

/** What the step asks, in the plan's own words. */
function stepText(plan: Plan, step: Step, lang: Lang): Html {
  const L = w.label;
  switch (step.kind) {
    case 'task':
    case 'monitor':
      return html`<dt>${say(L.does, lang)}</dt>
        <dd class="material">${say(step.instructions, lang)}</dd>`;
    case 'review':
      return html`<dt>${say(L.does, lang)}</dt>
        <dd class="material">${say(step.instructions, lang)}</dd>
        <dt>${say(L.form, lang)}</dt>
        <dd>${step.form.map((f) => say(f.label, lang)).join(lang === 'zh' ? '、' : ', ')}</dd>`;
    case 'notify':
      return html`<dt>${say(L.message, lang)}</dt>
        <dd class="material">
          ${say(
            levelled(plan, step.message, (m) => m),
            lang,
          )}
        </dd>`;
    case 'approval':
      return html`<dt>${say(L.revises, lang)}</dt>
        <dd>
          ${say(
            w.sentBackTo(stepOf(plan, step.revises)?.title ?? { zh: step.revises, en: step.revises }),
            lang,
          )}
        </dd>`;
  }
}

function steps(plan: Plan, lang: Lang): Html {
  return section('steps', w.sections.steps, lang, stepList(plan, 'step', w.atStart, lang));
}

/** The plan's steps as a list; a round's as a plan of their own, so their references read within it. */
function stepList(plan: Plan, anchor: string, start: Words, lang: Lang): Html {
  const L = w.label;
  return html`<ol class="plan-steps">
    ${plan.steps.map((step) => {
      const actors = actorsWords(plan, step);
      const deadline = deadlineLines(plan, step);
      const flag = flagOf(plan, step.when);
      return html`<li id="${anchor}-${step.id}">
        <h3>
          ${say(step.title, lang)}
          <span class="kind kind-${step.kind}">${say(w.kind[step.kind], lang)}</span>
        </h3>
        <dl class="facts">
          <dt>${say(L.levels, lang)}</dt>
          <dd>
            ${step.appliesAt === undefined
              ? say(w.everyLevel, lang)
              : html`<span class="chips">${step.appliesAt.map((id) => chip(plan, id, lang))}</span>`}
            ${flag ? html`<br /><strong>${say(w.onlyWhen(flag.name), lang)}</strong>` : ''}
          </dd>
          <dt>${say(actors.label, lang)}</dt>
          <dd>${say(actors.who, lang)}</dd>
          <dt>${say(L.after, lang)}</dt>
          <dd>${say(afterWords(plan, step, start), lang)}</dd>
          <dt>${say(step.kind === 'monitor' ? L.followUp : L.deadline, lang)}</dt>
          <dd>
            ${deadline.length === 1
              ? say(deadline[0]!, lang)
              : html`<ul class="plain">
                  ${deadline.map((d) => html`<li>${say(d, lang)}</li>`)}
                </ul>`}
          </dd>
          ${stepText(plan, step, lang)}
          <dt>${say(L.source, lang)}</dt>
          <dd class="hint">
            ${step.source.section}${step.source.inferred
              ? html`<br />${say(L.inferred, lang)}${step.source.inferred}`
              : ''}
          </dd>
        </dl>
      </li>`;
    })}
  </ol>`;
}

/** Who raises questions, while which monitor, and the round of steps each question goes through. */
function questionsSection(plan: Plan, lang: Lang): Html {
  const rounds = plan.questions;
  if (!rounds) return html``;
  const during = stepOf(plan, rounds.during)?.title ?? { zh: rounds.during, en: rounds.during };
  return section(
    'questions',
    w.sections.questions,
    lang,
    html`<p>
        ${say(
          w.questionsIntro(
            rounds.raisedBy.map((r) => roleName(plan, r)),
            during,
          ),
          lang,
        )}
        <br /><small class="hint">${rounds.source.section}</small>
      </p>
      ${stepList({ ...plan, steps: rounds.steps }, 'question-step', w.atQuestion, lang)}`,
  );
}

const flagOf = (plan: Plan, id: string | undefined) =>
  id === undefined ? undefined : plan.flags.find((f) => f.id === id);

/** The circumstances besides the level the plan names, each with the steps that wait for it. */
function flagsSection(plan: Plan, lang: Lang): Html {
  if (plan.flags.length === 0) return html``;
  return section(
    'flags',
    w.sections.flags,
    lang,
    html`<p>${say(w.flagsIntro, lang)}</p>
      <ul>
        ${plan.flags.map(
          (f) =>
            html`<li>
              <strong>${say(f.name, lang)}</strong><br />
              ${say(w.flagSteps(plan.steps.filter((s) => s.when === f.id).map((s) => s.title)), lang)}
              <br /><small class="hint">${f.source.section}</small>
            </li>`,
        )}
      </ul>`,
  );
}

function hours(plan: Plan, lang: Lang): Html {
  if (!usesWorkingHours(plan)) {
    return section('hours', w.sections.hours, lang, html`<p>${say(w.calendarUnused, lang)}</p>`);
  }
  if (!plan.calendar) {
    return section('hours', w.sections.hours, lang, officialHours(lang));
  }
  const calendar = plan.calendar;
  const ranges = calendar.workingHours.map(([from, to]) => `${from}–${to}`);
  return section(
    'hours',
    w.sections.hours,
    lang,
    html`<p>${say(w.calendarOwn, lang)}</p>
      <ul class="plain">
        <li>${say(w.weekdays(calendar.workdays), lang)} ${say(w.hours(ranges), lang)}</li>
        ${calendar.holidays.length > 0
          ? html`<li>${say(w.holidays(calendar.holidays.map(w.date)), lang)}</li>`
          : ''}
        ${calendar.extraWorkdays.length > 0
          ? html`<li>${say(w.extraWorkdays(calendar.extraWorkdays.map(w.date)), lang)}</li>`
          : ''}
      </ul>`,
  );
}

/** The official calendar as its notices read: each year's holidays and make-up workdays, with the notice. */
function officialHours(lang: Lang): Html {
  const ranges = OFFICIAL_CALENDAR.workingHours.map(([from, to]) => `${from}–${to}`);
  return html`<p>${say(w.calendarDefault, lang)}</p>
    <ul class="plain">
      <li>${say(w.weekdays(OFFICIAL_CALENDAR.workdays), lang)} ${say(w.hours(ranges), lang)}</li>
      ${HOLIDAY_NOTICES.map(
        (n) =>
          html`<li>
            ${say(
              w.noticeYear(
                n.year,
                n.holidays.map((h) => w.holidayRange(h.name, h.from, h.to)),
                n.makeUpWorkdays.map(w.monthDay),
              ),
              lang,
            )}
            <br /><small>${n.notice}</small>
          </li>`,
      )}
    </ul>`;
}

const span = (ms: number | null, lang: Lang): string =>
  ms === null ? say(w.stats.dash, lang) : say(ms < 60_000 ? w.stats.underMinute : duration(ms), lang);

function share(d: PlanStats['steps'][number]['deadlines'], lang: Lang): string {
  if (d.shareMet === null) return say(w.stats.dash, lang);
  return say(w.stats.share(Math.round(d.shareMet * 100), d.met, d.met + d.breached), lang);
}

function stats(plan: Plan, s: PlanStats, lang: Lang): Html {
  if (s.incidents.total === 0) {
    return section('stats', w.sections.stats, lang, html`<p>${say(w.stats.none, lang)}</p>`);
  }
  const h = w.stats.head;
  const figureOf = (stepId: string) => plan.steps.find((x) => x.id === stepId)?.figure;
  const rows = s.steps.map((st) => {
    const figure = figureOf(st.stepId);
    return html`<tr>
      <th scope="row">
        ${say(st.title, lang)}${figure
          ? html` <span class="figure-tag">${say(w.stats.figure[figure], lang)}</span>`
          : ''}
      </th>
      <td>${st.opened}</td>
      <td>${st.done}</td>
      <td>${span(st.timeToDoneMs.median, lang)}</td>
      <td>${span(st.timeToDoneMs.p90, lang)}</td>
      <td class="${st.deadlines.breached > 0 ? 'late' : ''}">${share(st.deadlines, lang)}</td>
      <td>${st.deadlines.pending}</td>
    </tr>`;
  });
  const statuses = (['open', 'aftercare', 'closed'] as const).map(
    (k) => `${say(w.stats.status[k], lang)} ${s.incidents.byStatus[k]}`,
  );
  return section(
    'stats',
    w.sections.stats,
    lang,
    html`<p>${say(w.stats.total(s.incidents.total, s.incidents.breached), lang)}</p>
      <dl class="facts">
        <dt>${say(w.stats.byLevel, lang)}</dt>
        <dd class="chips">
          ${s.incidents.byLevel.map(
            (l) => html`<span class="count">${chip(plan, l.level, lang, l.names)} ${l.count}</span>`,
          )}
        </dd>
        <dt>${say(w.stats.byStatus, lang)}</dt>
        <dd>${statuses.join(' · ')}</dd>
      </dl>
      <div class="scroll" tabindex="0" role="region" aria-label="${say(w.stats.stepsCaption, lang)}">
        <table class="plan-stats">
          <caption>
            ${say(w.stats.stepsCaption, lang)}
          </caption>
          <thead>
            <tr>
              ${[h.step, h.opened, h.done, h.median, h.p90, h.met, h.pending].map(
                (x) => html`<th scope="col">${say(x, lang)}</th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>
      </div>`,
  );
}

/** One plan whole, as its readers go through it; `stats` are its figures from the projection. */
export function planBody(plan: Plan, figures: PlanStats, lang: Lang): Html {
  return html`<div class="plan-page">
    <p class="hint crumbs">
      <a href="${hrefOf('/plans', lang)}">${say(w.title, lang)}</a> · <code>${plan.id}</code> ·
      ${say(w.version(plan.version), lang)}
    </p>
    <h1>${say(plan.title, lang)}</h1>
    <p class="hint">${say(w.source(plan.source.file, plan.source.section), lang)}</p>
    <nav class="plan-toc" aria-label="${say(w.title, lang)}">
      ${(
        [
          'levels',
          'roles',
          'diagram',
          'steps',
          ...(plan.flags.length > 0 ? (['flags'] as const) : []),
          ...(plan.questions ? (['questions'] as const) : []),
          'hours',
          'stats',
        ] as const
      ).map((id) => html`<a href="#${id}">${say(w.sections[id], lang)}</a>`)}
    </nav>
    ${levels(plan, lang)} ${roles(plan, lang)} ${diagram(plan, lang)} ${steps(plan, lang)}
    ${flagsSection(plan, lang)} ${questionsSection(plan, lang)} ${hours(plan, lang)}
    ${stats(plan, figures, lang)}
  </div>`;
}
