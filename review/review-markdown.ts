import { type Words } from '../domain/words';
import { reviewPage as w } from '../domain/page-words';
import type { Review } from './review-schema';
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
} from './review-text';

// The after-action review as Markdown (`npm run review -- --format md`): the page's content in headings,
// lists and tables, for a wiki, a mail or a diff between two reviews. Drawn from the review alone, with
// the page's words, so both say the same thing.

type Findings = NonNullable<Review['findings']>;
type Lang = 'zh' | 'en';

/**
 * Text from the record (a title, a comment) made inert in Markdown: the characters that would start
 * markup escaped, angle brackets as entities so no HTML gets through, a line break kept inside a cell.
 */
export function mdText(text: string): string {
  return text
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, '<br>');
}

const LATE = '⚠ ';

/** An id as inline code, unless its text could break out of it (a backtick, or a pipe in a table). */
export const mdCode = (text: string): string => (/[`|<>\r\n]/.test(text) ? mdText(text) : `\`${text}\``);

export function reviewMarkdown(review: Review, lang: Lang): string {
  const ctx = textContext(review);
  const say = (words: Words | undefined) => (words ? words[lang] : '');
  const when = (t: number) => say(at(t, ctx));
  const L = w.label;
  const out: string[] = [];
  const line = (s = '') => out.push(s);

  /** A table; every cell is already Markdown (record text through mdText). */
  const table = (head: Words[], rows: string[][]) => {
    if (rows.length === 0) {
      line(say(w.noneRecorded));
      line();
      return;
    }
    line(`| ${head.map(say).join(' | ')} |`);
    line(`| ${head.map(() => '---').join(' | ')} |`);
    for (const r of rows) line(`| ${r.map((c) => c || ' ').join(' | ')} |`);
    line();
  };
  const heading = (level: number, words: Words | string) => {
    line(`${'#'.repeat(level)} ${typeof words === 'string' ? words : say(words)}`);
    line();
  };
  const late = (words: Words, isLate: boolean) => `${isLate ? LATE : ''}${mdText(say(words))}`;
  const t = (words: Words | undefined) => mdText(say(words));

  const { incident, plan, replay } = review;
  heading(1, `${mdText(say(w.title))}：${mdText(incident.title)}`);
  heading(2, w.sections.basics);
  const colon = lang === 'zh' ? '：' : ': ';
  const aside = (text: string) => (lang === 'zh' ? `（${text}）` : ` (${text})`);
  const fact = (label: Words, value: string) => line(`- **${say(label)}**${colon}${value}`);
  fact(L.plan, `${t(plan.title)}${aside(mdText(say(L.planVersion(plan.id, plan.version))))}`);
  fact(L.snapshot, `${mdCode(shortHash(plan.snapshotHash))} ${t(L.figuresFrom[plan.figuresFrom])}`);
  fact(L.status, t(w.status[incident.status]));
  if (incident.summary) fact(L.summary, mdText(incident.summary));
  fact(L.discovered, when(incident.discoveredAt));
  fact(
    L.opened,
    t(L.openedBy(at(incident.openedAt, ctx), incident.openedBy.reporter, incident.openedBy.identity)),
  );
  if (incident.source) {
    const s = incident.source;
    fact(L.source, mdText([s.platform, s.account, s.url].filter(Boolean).join(' · ')));
  }
  fact(L.incidentId, mdCode(incident.id));
  fact(L.code, mdCode(replay.codeVersion));
  const consistency = replay.consistent ? `✓ ${t(w.consistent)}` : `${LATE}${t(w.inconsistent)}`;
  fact(L.replay, `${consistency}${aside(t(w.runsReplayed(replay.runs.length)))}`);
  line();

  const f = review.findings;
  if (!f || !replay.consistent) {
    heading(2, `${LATE}${say(w.sections.divergence)}`);
    const d = replay.divergence;
    if (d) {
      line(`**${mdText(say(w.divergence(d.run, d.runId, d.eventId, d.eventType, d.reason)))}**`);
      line();
    }
    line(t(w.nothingExplained));
    line();
    return out.join('\n');
  }

  findingsMarkdown(review, f, ctx, { line, heading, table, late, t, when, say, colon });
  return out.join('\n');
}

interface Writer {
  line: (s?: string) => void;
  heading: (level: number, words: Words | string) => void;
  table: (head: Words[], rows: string[][]) => void;
  late: (words: Words, isLate: boolean) => string;
  t: (words: Words | undefined) => string;
  when: (t: number) => string;
  say: (words: Words | undefined) => string;
  colon: string;
}

function findingsMarkdown(review: Review, f: Findings, ctx: TextContext, m: Writer): void {
  const { line, heading, table, late, t, when, say, colon } = m;
  const L = w.label;
  const dash = '—';

  heading(2, w.sections.lateReports);
  if (f.lateReports.length === 0) line(t(w.noLateReports));
  for (const r of f.lateReports) {
    const by = whoWords(r.by);
    line(
      `- ${LATE}**${t(w.lateReportLine(r.title, at(r.dueAt, ctx), at(r.doneAt, ctx), w.lateBy(r.lateByMs), by ? say(by) : undefined))}**`,
    );
  }
  line();

  heading(2, w.sections.figures);
  table(
    [L.figure, L.took, L.due, L.outcome],
    f.figures.map((x) => [
      t(w.figure[x.id]),
      x.durationMs === undefined ? dash : t(w.span(x.durationMs)),
      x.dueAt === undefined ? dash : when(x.dueAt),
      late(figureOutcome(x, review.incident.discoveredAt), x.outcome === 'breached'),
    ]),
  );

  heading(2, w.sections.levels);
  table(
    [L.from, L.level, L.lead, L.changedBy, L.reason],
    f.levels.map((l) => [
      when(l.from),
      t(l.levelName),
      t(l.leadRoleName),
      l.by ? t(whoWords(l.by)) : t(w.atIntake),
      mdText(l.reason ?? ''),
    ]),
  );

  heading(2, w.sections.deadlines);
  table(
    [L.what, L.owner, L.due, L.outcome, L.done, L.escalatedTo, L.messages],
    f.deadlines.map((d) => [
      `${t(w.subject[d.subject])}${colon}${t(d.title)}`,
      d.ownerName ? t(d.ownerName) : mdText(d.owner ?? ''),
      when(d.dueAt),
      late(deadlineOutcome(d), d.outcome === 'breached'),
      d.doneAt === undefined ? dash : when(d.doneAt),
      d.breach
        ? [
            t(
              joined(
                d.breach.escalatedTo.map((r) => r.roleName),
                '、',
                ', ',
              ),
            ),
            d.breach.missedReports !== undefined && d.breach.missedReports > 1
              ? t(w.missedReports(d.breach.missedReports))
              : '',
          ]
            .filter(Boolean)
            .join('<br>')
        : dash,
      d.breach && d.breach.messages.length > 0
        ? d.breach.messages.map((msg) => late(deliveryWords(msg), msg.result === 'failed')).join('<br>')
        : dash,
    ]),
  );

  heading(2, w.sections.approvals);
  if (f.approvals.length === 0) line(`${t(w.noneRecorded)}\n`);
  for (const a of f.approvals) {
    heading(3, t(a.title));
    for (const r of a.rounds) {
      heading(4, t(w.round(r.round, w.roundOutcome[r.outcome], at(r.submittedAt, ctx))));
      table(
        [L.stage, L.asked, L.decision, L.decidedBy, L.decidedAt, L.waited, L.comment],
        r.stages.map((s) => [
          `${t(w.stageOf(s.stage, a.stages))}<br>${t(s.roleName)}`,
          when(s.askedAt),
          s.decision ? `**${t(w.decision[s.decision.decision])}**` : t(w.awaiting),
          mdText(s.decision?.by ?? ''),
          s.decision ? when(s.decision.at) : '',
          s.waitedMs === undefined ? '' : t(w.span(s.waitedMs)),
          mdText(s.decision?.comment ?? ''),
        ]),
      );
    }
  }

  heading(2, w.sections.milestones);
  table(
    [L.what, L.promisedBy, L.promisedAt, L.due, L.done, L.outcome],
    f.milestones.map((x) => [
      x.reason ? `${mdText(x.title)}（${t(w.detail.reason(x.reason))}）` : mdText(x.title),
      t(whoWords(x.promisedBy)),
      when(x.promisedAt),
      when(x.dueAt),
      x.doneAt === undefined ? dash : when(x.doneAt),
      late(w.milestoneOutcome[x.outcome], x.outcome === 'breached' || x.outcome === 'late'),
    ]),
  );

  heading(2, w.sections.followUps);
  table(
    [L.step, L.every, L.reports, L.longestGap, L.missed],
    f.followUps.map((u) => [
      t(u.title),
      mdText(u.every ?? dash),
      [String(u.reports.length), ...u.reports.map((r) => `${when(r.at)} ${t(whoWords(r.by))}`.trim())].join(
        '<br>',
      ),
      u.longestGapMs === undefined ? dash : t(w.span(u.longestGapMs)),
      late(same(String(u.missedReports)), u.missedReports > 0),
    ]),
  );

  heading(2, w.sections.forms);
  if (f.forms.length === 0) line(`${t(w.noneRecorded)}\n`);
  for (const form of f.forms) {
    heading(3, t(form.title));
    line(
      form.submittedAt === undefined
        ? t(w.notSubmitted)
        : `${say(L.submittedBy)}${colon}${t(whoWords(form.submittedBy))}, ${when(form.submittedAt)}`,
    );
    line();
    for (const field of form.fields) {
      line(`**${t(field.label)}**`);
      line();
      for (const l of (field.answer ?? say(w.noAnswer)).split(/\r?\n/)) line(`> ${mdText(l)}`);
      line();
    }
  }

  heading(2, w.sections.timeline);
  const events = (list: Findings['timeline']['human']) =>
    table(
      [L.when, L.event, L.step, L.by, L.detail],
      list.map((e) => [
        when(e.at),
        late(w.event[e.type], e.type === 'deadline-breached' || e.type === 'notification-failed'),
        t(e.stepTitle),
        t(whoWords(e.by)),
        t(eventDetail(e, ctx)),
      ]),
    );
  heading(3, w.sections.human);
  events(f.timeline.human);
  heading(3, w.sections.system);
  events(f.timeline.system);

  heading(2, w.sections.execution);
  const x = f.execution;
  heading(3, w.sections.runs);
  table(
    [L.run, L.runId, L.events, L.started, L.lastEvent, L.ended],
    review.replay.runs.map((r, i) => [
      String(i + 1),
      mdCode(r.runId),
      String(r.events),
      when(r.startedAt),
      when(r.lastEventAt),
      t(w.runEnded[r.ended]),
    ]),
  );
  heading(3, w.sections.workers);
  table(
    [L.worker, L.workflowTasks, L.activityCount],
    x.workers.map((k) => [mdCode(k.identity), String(k.workflowTasks), String(k.activities)]),
  );
  heading(3, w.sections.timers);
  table(
    [L.timer, L.started, L.duration, L.result],
    x.timers.map((k) => {
      const end = k.firedAt ?? k.canceledAt;
      return [
        mdCode(k.timerId),
        when(k.startedAt),
        t(w.span(k.durationMs)),
        `${t(w.timerState[timerState(k)])}${end === undefined ? '' : ` ${when(end)}`}`,
      ];
    }),
  );
  heading(3, w.sections.activities);
  const troubled = troubledActivities(f);
  line(t(w.activityCounts(x.activities.length, troubled.length)));
  line();
  table(
    [L.activity, L.count, L.failedCount],
    activityCounts(f).map((c) => [mdCode(c.activity), String(c.count), String(c.failed)]),
  );
  if (troubled.length > 0) {
    table(
      [L.activity, L.started, L.attempts, L.result, L.worker, L.failure],
      troubled.map((a) => [
        mdCode(a.activity),
        when(a.scheduledAt),
        a.attempts === undefined ? dash : String(a.attempts),
        late(w.activityResult[a.result], a.result !== 'completed'),
        a.worker ? mdCode(a.worker) : dash,
        mdText(a.failure ?? ''),
      ]),
    );
  }
  heading(3, w.sections.inputs);
  table(
    [L.when, L.input, L.by, L.outcome, L.seq, L.updateId, L.identity],
    x.inputs.map((i) => [
      when(i.at),
      w.inputName[i.input] ? t(w.inputName[i.input]) : mdText(i.input),
      t(whoWords(i.by)),
      late(
        i.reason
          ? joined([w.inputOutcome[i.outcome], same(i.reason)], '：', ': ')
          : w.inputOutcome[i.outcome],
        i.outcome === 'refused' || i.outcome === 'turned-away',
      ),
      i.seq === undefined ? dash : String(i.seq),
      mdCode(i.updateId),
      mdCode(i.identity),
    ]),
  );
}
