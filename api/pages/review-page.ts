import { type Words } from '../../domain/words';
import { reviewPage as w } from '../../domain/page-words';
import type { Review } from '../../review/review-schema';
import {
  activityCounts,
  at,
  deadlineOutcome,
  deliveryWords,
  eventDetail,
  figureOutcome,
  joined,
  same,
  shortHash,
  textContext,
  timerState,
  troubledActivities,
  whoWords,
  type TextContext,
} from '../../review/review-text';
import { cssString, html, styleElement, toText, type Html } from './html';
import { pageDocument, say, type Lang } from './layout';
import { levelChip, levelScheme } from './level-colour';
import { chartLegend, reviewChart } from './review-chart';
import { STYLESHEET } from './style';

// The after-action review (复盘报告) as people read it: on screen from the service, printed on A4, or
// as one HTML file that opens anywhere. Drawn from the review's facts alone, so the page made from the
// live server and the file made from an exported history are the same document.

type Findings = NonNullable<Review['findings']>;

export interface ReviewDocumentOptions {
  /** link: the served page (/assets/style.css); inline: a file that opens with no server. */
  stylesheet: 'link' | 'inline';
}

const RUNNING_HEAD_TITLE = 80;

/**
 * The print stylesheet's running head: the incident and its plan at the top of every A4 page. It holds
 * user text, so it is its own small <style> (written through cssString), which the served page's
 * policy admits by hash.
 */
export function reviewRunningHead(review: Review, lang: Lang): string {
  const title = [...review.incident.title];
  const short =
    title.length > RUNNING_HEAD_TITLE ? `${title.slice(0, RUNNING_HEAD_TITLE).join('')}…` : title.join('');
  const head = `${say(w.title, lang)} · ${short} · ${say(review.plan.title, lang)}`;
  return `@page { @top-left { content: ${cssString(head)}; } }`;
}

/** The whole review as one HTML document: no script, every value escaped. */
export function reviewDocument(review: Review, lang: Lang, options: ReviewDocumentOptions): string {
  const head = reviewRunningHead(review, lang);
  const styles =
    options.stylesheet === 'inline'
      ? styleElement(`${STYLESHEET}\n${head}`)
      : html`<link rel="stylesheet" href="/assets/style.css" />${styleElement(head)}`;
  return toText(
    pageDocument({
      lang,
      title: `${say(w.title, lang)}${lang === 'zh' ? '：' : ': '}${review.incident.title}`,
      body: reviewBody(review, lang),
      styles,
      // A file has nowhere to switch to; the served page answers ?lang=.
      ...(options.stylesheet === 'link' ? { switchHref: `?lang=${lang === 'zh' ? 'en' : 'zh'}` } : {}),
    }),
  );
}

/** The review's body: the header, then either the findings or why there are none. */
export function reviewBody(review: Review, lang: Lang): Html {
  const ctx = textContext(review);
  const divergence = review.replay.divergence;
  if (!review.findings || !review.replay.consistent) {
    return html`${header(review, lang, ctx)}${diverged(review, lang)}`;
  }
  const f = review.findings;
  return html`${header(review, lang, ctx)} ${divergence ? diverged(review, lang) : ''}
  ${lateReports(f, lang, ctx)} ${figures(review, f, lang, ctx)} ${picture(review, f, lang, ctx)}
  ${levels(f, lang, ctx)} ${deadlines(f, lang, ctx)} ${approvals(f, lang, ctx)} ${milestones(f, lang, ctx)}
  ${followUps(f, lang, ctx)} ${forms(f, lang, ctx)} ${timeline(f, lang, ctx)}
  ${execution(review, f, lang, ctx)}`;
}

const t = (words: Words | undefined, lang: Lang): string => (words ? say(words, lang) : '');

function section(id: string, title: Words, lang: Lang, content: Html, extra = ''): Html {
  return html`<section class="${`review ${extra}`.trim()}" aria-labelledby="${id}">
    <h2 id="${id}">${say(title, lang)}</h2>
    ${content}
  </section>`;
}

type Cell = Html | string;

/** A table in a box of its own that scrolls sideways on a phone, so the page itself never does. */
function table(
  label: Words,
  lang: Lang,
  head: Words[],
  rows: Cell[][],
  rowClass?: (i: number) => string,
): Html {
  if (rows.length === 0) return html`<p class="hint">${say(w.noneRecorded, lang)}</p>`;
  return html`<div class="scroll" tabindex="0" role="region" aria-label="${say(label, lang)}">
    <table>
      <thead>
        <tr>
          ${head.map((h) => html`<th scope="col">${say(h, lang)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (cells, i) =>
            html`<tr class="${rowClass?.(i) ?? ''}">
              ${cells.map((c) => html`<td>${c}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

const L = w.label;

function header(review: Review, lang: Lang, ctx: TextContext): Html {
  const { incident, plan, replay } = review;
  const source = incident.source;
  const sourceText = source
    ? // The address is shown as text, not a link: a review file opens without the page's policy, and
      // a source URL is whatever the reporter typed.
      [source.platform, source.account, source.url].filter(Boolean).join(' · ')
    : '';
  const replayLine = replay.consistent
    ? html`<span class="good">✓ ${say(w.consistent, lang)}</span>`
    : html`<span class="late">${say(w.inconsistent, lang)}</span>`;
  return html`<header class="top">
      <p>${say(w.title, lang)}</p>
    </header>
    <h1>${incident.title}</h1>
    <section class="review" aria-labelledby="basics">
      <h2 id="basics">${say(w.sections.basics, lang)}</h2>
      <dl class="facts">
        <dt>${say(L.plan, lang)}</dt>
        <dd>
          ${say(plan.title, lang)}<br /><span class="hint"
            >${say(L.planVersion(plan.id, plan.version), lang)}</span
          >
        </dd>
        <dt>${say(L.snapshot, lang)}</dt>
        <dd>
          <code title="${plan.snapshotHash}">${shortHash(plan.snapshotHash)}</code>
          <span class="hint">${say(L.figuresFrom[plan.figuresFrom], lang)}</span>
        </dd>
        <dt>${say(L.status, lang)}</dt>
        <dd>${say(w.status[incident.status], lang)}</dd>
        ${incident.summary
          ? html`<dt>${say(L.summary, lang)}</dt>
              <dd class="material">${incident.summary}</dd>`
          : ''}
        <dt>${say(L.discovered, lang)}</dt>
        <dd>${say(at(incident.discoveredAt, ctx), lang)}</dd>
        <dt>${say(L.opened, lang)}</dt>
        <dd>
          ${say(
            L.openedBy(at(incident.openedAt, ctx), incident.openedBy.reporter, incident.openedBy.identity),
            lang,
          )}
        </dd>
        ${source
          ? html`<dt>${say(L.source, lang)}</dt>
              <dd>${sourceText}</dd>`
          : ''}
        <dt>${say(L.incidentId, lang)}</dt>
        <dd><code>${incident.id}</code></dd>
        <dt>${say(L.code, lang)}</dt>
        <dd><code>${replay.codeVersion}</code></dd>
        <dt>${say(L.replay, lang)}</dt>
        <dd>${replayLine}<br /><span class="hint">${say(w.runsReplayed(replay.runs.length), lang)}</span></dd>
      </dl>
    </section>`;
}

function diverged(review: Review, lang: Lang): Html {
  const d = review.replay.divergence;
  return html`<section class="review alert" role="alert" aria-labelledby="divergence">
    <h2 id="divergence">⚠ ${say(w.sections.divergence, lang)}</h2>
    ${d
      ? html`<p>
          <strong>${say(w.divergence(d.run, d.runId, d.eventId, d.eventType, d.reason), lang)}</strong>
        </p>`
      : ''}
    <p>${say(w.nothingExplained, lang)}</p>
  </section>`;
}

function lateReports(f: Findings, lang: Lang, ctx: TextContext): Html {
  if (f.lateReports.length === 0) {
    return section('late-reports', w.sections.lateReports, lang, html`<p>${say(w.noLateReports, lang)}</p>`);
  }
  const lines = f.lateReports.map((r) => {
    const by = whoWords(r.by);
    return html`<li class="late">
      ${say(
        w.lateReportLine(
          r.title,
          at(r.dueAt, ctx),
          at(r.doneAt, ctx),
          w.lateBy(r.lateByMs),
          by ? say(by, lang) : undefined,
        ),
        lang,
      )}
    </li>`;
  });
  return section(
    'late-reports',
    w.sections.lateReports,
    lang,
    html`<ul class="plain">
      ${lines}
    </ul>`,
    'alert',
  );
}

function figures(review: Review, f: Findings, lang: Lang, ctx: TextContext): Html {
  const rows = f.figures.map((x) => [
    say(w.figure[x.id], lang),
    x.durationMs === undefined ? '—' : say(w.span(x.durationMs), lang),
    x.dueAt === undefined ? '—' : say(at(x.dueAt, ctx), lang),
    outcomeCell(figureOutcome(x, review.incident.discoveredAt), x.outcome === 'breached', lang),
  ]);
  return section(
    'figures',
    w.sections.figures,
    lang,
    table(w.sections.figures, lang, [L.figure, L.took, L.due, L.outcome], rows),
  );
}

/** An outcome, marked late in words and with an icon (the stylesheet's ⚠), never by colour alone. */
const outcomeCell = (words: Words, late: boolean, lang: Lang): Html =>
  late ? html`<span class="late">${say(words, lang)}</span>` : html`${say(words, lang)}`;

function picture(review: Review, f: Findings, lang: Lang, ctx: TextContext): Html {
  // The picture and its legend stay together on paper.
  return section(
    'picture',
    w.sections.picture,
    lang,
    html`<figure class="chart-figure">
      <div class="scroll chart-box" tabindex="0" role="region" aria-label="${say(w.sections.picture, lang)}">
        ${reviewChart(review, f, lang, ctx)}
      </div>
      <figcaption>${chartLegend(lang)}</figcaption>
    </figure>`,
  );
}

function levels(f: Findings, lang: Lang, ctx: TextContext): Html {
  const rows = f.levels.map((l) => [
    say(at(l.from, ctx), lang),
    levelChip(say(l.levelName, lang), levelScheme(l.colour, l.rank)),
    say(l.leadRoleName, lang),
    l.by ? t(whoWords(l.by), lang) : say(w.atIntake, lang),
    l.reason ?? '',
  ]);
  return section(
    'levels',
    w.sections.levels,
    lang,
    table(w.sections.levels, lang, [L.from, L.level, L.lead, L.changedBy, L.reason], rows),
  );
}

function deadlines(f: Findings, lang: Lang, ctx: TextContext): Html {
  const rows = f.deadlines.map((d) => [
    html`<span class="hint">${say(w.subject[d.subject], lang)}</span> ${say(d.title, lang)}`,
    d.ownerName ? say(d.ownerName, lang) : (d.owner ?? ''),
    say(at(d.dueAt, ctx), lang),
    outcomeCell(deadlineOutcome(d), d.outcome === 'breached', lang),
    d.doneAt === undefined ? '—' : say(at(d.doneAt, ctx), lang),
    d.breach
      ? html`${d.breach.escalatedTo.map((r) => say(r.roleName, lang)).join(lang === 'zh' ? '、' : ', ')}${d
          .breach.missedReports !== undefined && d.breach.missedReports > 1
          ? html`<br />${say(w.missedReports(d.breach.missedReports), lang)}`
          : ''}`
      : '—',
    d.breach && d.breach.messages.length > 0
      ? html`<ul class="plain">
          ${d.breach.messages.map(
            (m) =>
              html`<li class="${m.result === 'failed' ? 'late' : ''}">${say(deliveryWords(m), lang)}</li>`,
          )}
        </ul>`
      : '—',
  ]);
  return section(
    'deadlines',
    w.sections.deadlines,
    lang,
    table(
      w.sections.deadlines,
      lang,
      [L.what, L.owner, L.due, L.outcome, L.done, L.escalatedTo, L.messages],
      rows,
      (i) => (f.deadlines[i]?.outcome === 'breached' ? 'breached' : ''),
    ),
  );
}

function approvals(f: Findings, lang: Lang, ctx: TextContext): Html {
  if (f.approvals.length === 0) {
    return section(
      'approvals',
      w.sections.approvals,
      lang,
      html`<p class="hint">${say(w.noneRecorded, lang)}</p>`,
    );
  }
  const records = f.approvals.map(
    (a) =>
      html`<h3>${say(a.title, lang)}</h3>
        ${a.rounds.map((r) => {
          const rows = r.stages.map((s) => [
            html`${say(w.stageOf(s.stage, a.stages), lang)}<br />${say(s.roleName, lang)}`,
            say(at(s.askedAt, ctx), lang),
            s.decision
              ? html`<strong class="${s.decision.decision}"
                  >${say(w.decision[s.decision.decision], lang)}</strong
                >`
              : say(w.awaiting, lang),
            s.decision?.by ?? '',
            s.decision ? say(at(s.decision.at, ctx), lang) : '',
            s.waitedMs === undefined ? '' : say(w.span(s.waitedMs), lang),
            s.decision?.comment ? html`<span class="material">${s.decision.comment}</span>` : '',
          ]);
          return html`<h4 class="${r.outcome === 'rejected' ? 'reject' : ''}">
              ${say(w.round(r.round, w.roundOutcome[r.outcome], at(r.submittedAt, ctx)), lang)}
            </h4>
            ${table(
              joined(
                [a.title, w.round(r.round, w.roundOutcome[r.outcome], at(r.submittedAt, ctx))],
                ' ',
                ' ',
              ),
              lang,
              [L.stage, L.asked, L.decision, L.decidedBy, L.decidedAt, L.waited, L.comment],
              rows,
            )}`;
        })}`,
  );
  return section('approvals', w.sections.approvals, lang, html`${records}`);
}

function milestones(f: Findings, lang: Lang, ctx: TextContext): Html {
  const rows = f.milestones.map((m) => [
    m.reason ? html`${m.title}<br /><small>${say(w.detail.reason(m.reason), lang)}</small>` : m.title,
    t(whoWords(m.promisedBy), lang),
    say(at(m.promisedAt, ctx), lang),
    say(at(m.dueAt, ctx), lang),
    m.doneAt === undefined ? '—' : say(at(m.doneAt, ctx), lang),
    outcomeCell(w.milestoneOutcome[m.outcome], m.outcome === 'breached' || m.outcome === 'late', lang),
  ]);
  return section(
    'milestones',
    w.sections.milestones,
    lang,
    table(w.sections.milestones, lang, [L.what, L.promisedBy, L.promisedAt, L.due, L.done, L.outcome], rows),
  );
}

function followUps(f: Findings, lang: Lang, ctx: TextContext): Html {
  const rows = f.followUps.map((u) => [
    say(u.title, lang),
    u.every ?? '—',
    u.reports.length === 0
      ? '0'
      : html`${u.reports.length}
          <ul class="plain">
            ${u.reports.map((r) => html`<li>${say(at(r.at, ctx), lang)} ${t(whoWords(r.by), lang)}</li>`)}
          </ul>`,
    u.longestGapMs === undefined ? '—' : say(w.span(u.longestGapMs), lang),
    outcomeCell(same(String(u.missedReports)), u.missedReports > 0, lang),
  ]);
  return section(
    'follow-ups',
    w.sections.followUps,
    lang,
    table(w.sections.followUps, lang, [L.step, L.every, L.reports, L.longestGap, L.missed], rows),
  );
}

function forms(f: Findings, lang: Lang, ctx: TextContext): Html {
  if (f.forms.length === 0) {
    return section('forms', w.sections.forms, lang, html`<p class="hint">${say(w.noneRecorded, lang)}</p>`);
  }
  const each = f.forms.map(
    (form) =>
      html`<h3>${say(form.title, lang)}</h3>
        ${form.submittedAt === undefined
          ? html`<p class="hint">${say(w.notSubmitted, lang)}</p>`
          : html`<p class="hint">
              ${say(L.submittedBy, lang)}：${t(whoWords(form.submittedBy), lang)}，${say(
                at(form.submittedAt, ctx),
                lang,
              )}
            </p>`}
        <dl class="answers">
          ${form.fields.map(
            (field) =>
              html`<dt>${say(field.label, lang)}</dt>
                <dd class="material">${field.answer ?? say(w.noAnswer, lang)}</dd>`,
          )}
        </dl>`,
  );
  return section('forms', w.sections.forms, lang, html`${each}`);
}

function events(list: Findings['timeline']['human'], label: Words, lang: Lang, ctx: TextContext): Html {
  const rows = list.map((e) => [
    say(at(e.at, ctx), lang),
    outcomeCell(w.event[e.type], e.type === 'deadline-breached' || e.type === 'notification-failed', lang),
    e.stepTitle ? say(e.stepTitle, lang) : '',
    t(whoWords(e.by), lang),
    html`<span class="material">${say(eventDetail(e, ctx), lang)}</span>`,
  ]);
  return table(label, lang, [L.when, L.event, L.step, L.by, L.detail], rows);
}

function timeline(f: Findings, lang: Lang, ctx: TextContext): Html {
  return section(
    'timeline',
    w.sections.timeline,
    lang,
    html`<h3>${say(w.sections.human, lang)}</h3>
      ${events(f.timeline.human, w.sections.human, lang, ctx)}
      <h3>${say(w.sections.system, lang)}</h3>
      ${events(f.timeline.system, w.sections.system, lang, ctx)}`,
  );
}

function execution(review: Review, f: Findings, lang: Lang, ctx: TextContext): Html {
  const x = f.execution;
  const runs = review.replay.runs.map((r, i) => [
    String(i + 1),
    html`<code>${r.runId}</code>`,
    String(r.events),
    say(at(r.startedAt, ctx), lang),
    say(at(r.lastEventAt, ctx), lang),
    say(w.runEnded[r.ended], lang),
  ]);
  const workers = x.workers.map((k) => [
    html`<code>${k.identity}</code>`,
    String(k.workflowTasks),
    String(k.activities),
  ]);
  const timers = x.timers.map((k) => {
    const state = timerState(k);
    const end = k.firedAt ?? k.canceledAt;
    return [
      html`<code>${k.timerId}</code>`,
      say(at(k.startedAt, ctx), lang),
      say(w.span(k.durationMs), lang),
      html`${say(w.timerState[state], lang)}${end === undefined ? '' : html` ${say(at(end, ctx), lang)}`}`,
    ];
  });
  const troubled = troubledActivities(f);
  const counts = activityCounts(f).map((c) => [
    html`<code>${c.activity}</code>`,
    String(c.count),
    String(c.failed),
  ]);
  const failedRows = troubled.map((a) => [
    html`<code>${a.activity}</code>`,
    say(at(a.scheduledAt, ctx), lang),
    a.attempts === undefined ? '—' : String(a.attempts),
    outcomeCell(w.activityResult[a.result], a.result !== 'completed', lang),
    a.worker ? html`<code>${a.worker}</code>` : '—',
    a.failure ? html`<span class="material">${a.failure}</span>` : '',
  ]);
  const inputs = x.inputs.map((i) => [
    say(at(i.at, ctx), lang),
    w.inputName[i.input] ? say(w.inputName[i.input]!, lang) : i.input,
    t(whoWords(i.by), lang),
    outcomeCell(
      i.reason ? joined([w.inputOutcome[i.outcome], same(i.reason)], '：', ': ') : w.inputOutcome[i.outcome],
      i.outcome === 'refused' || i.outcome === 'turned-away',
      lang,
    ),
    i.seq === undefined ? '—' : String(i.seq),
    html`<code>${i.updateId}</code>`,
    html`<code>${i.identity}</code>`,
  ]);
  return section(
    'execution',
    w.sections.execution,
    lang,
    html`<h3>${say(w.sections.runs, lang)}</h3>
      ${table(w.sections.runs, lang, [L.run, L.runId, L.events, L.started, L.lastEvent, L.ended], runs)}
      <h3>${say(w.sections.workers, lang)}</h3>
      ${table(w.sections.workers, lang, [L.worker, L.workflowTasks, L.activityCount], workers)}
      <h3>${say(w.sections.timers, lang)}</h3>
      ${table(w.sections.timers, lang, [L.timer, L.started, L.duration, L.result], timers)}
      <h3>${say(w.sections.activities, lang)}</h3>
      <p>${say(w.activityCounts(x.activities.length, troubled.length), lang)}</p>
      ${table(w.sections.activities, lang, [L.activity, L.count, L.failedCount], counts)}
      ${troubled.length === 0
        ? ''
        : table(
            w.sections.troubled,
            lang,
            [L.activity, L.started, L.attempts, L.result, L.worker, L.failure],
            failedRows,
          )}
      <h3>${say(w.sections.inputs, lang)}</h3>
      ${table(
        w.sections.inputs,
        lang,
        [L.when, L.input, L.by, L.outcome, L.seq, L.updateId, L.identity],
        inputs,
      )}`,
  );
}
