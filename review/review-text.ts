import { beijingTime, type Words } from '../domain/words';
import { reviewPage as w } from '../domain/page-words';
import type { DeadlineRecord, Figure, Review, ReviewEvent, Who } from './review-schema';

// The review's facts as phrases, for the page and the Markdown alike: who someone was, what an event
// said, how a deadline went. Every time is written against the review's own last event, never the
// clock, so the same review reads the same on the live server and from a file.

type Findings = NonNullable<Review['findings']>;

/** The moment the review's record ends: the last event of its last run. */
export function reviewNow(review: Review): number {
  return Math.max(review.incident.openedAt, ...review.replay.runs.map((r) => r.lastEventAt));
}

/** Words with the same text in both languages: ids, names and what people typed. */
export const same = (text: string): Words => ({ zh: text, en: text });

/** Phrases joined the way each language lists them. */
export function joined(parts: Words[], zh = '；', en = '; '): Words {
  return { zh: parts.map((p) => p.zh).join(zh), en: parts.map((p) => p.en).join(en) };
}

/** Every role of the plan by id, so a bare role id (a message's recipients) reads as a name. */
export const roleNames = (review: Review): Map<string, Words> => new Map(Object.entries(review.plan.roles));

/** A level's name as the review knows it. */
export function levelNames(review: Review): Map<string, Words> {
  return new Map((review.findings?.levels ?? []).map((l) => [l.level, l.levelName]));
}

/** The facts every phrase needs: when the record ends, and the names of roles and levels. */
export interface TextContext {
  now: number;
  roles: Map<string, Words>;
  levels: Map<string, Words>;
}

export function textContext(review: Review): TextContext {
  return { now: reviewNow(review), roles: roleNames(review), levels: levelNames(review) };
}

export const at = (t: number, ctx: TextContext): Words => beijingTime(t, ctx.now);

export const role = (id: string, ctx: TextContext): Words => ctx.roles.get(id) ?? same(id);

/** A person as the record shows them: their id, and the role they acted in when it is known. */
export function whoWords(who: Who | undefined): Words | undefined {
  if (!who) return undefined;
  if (!who.roleName) return same(who.id);
  return { zh: `${who.id}（${who.roleName.zh}）`, en: `${who.id} (${who.roleName.en})` };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** What an event says beyond its kind, step and person, as one phrase (empty when nothing). */
export function eventDetail(e: ReviewEvent, ctx: TextContext): Words {
  const d = e.data;
  const parts: (Words | undefined)[] = [];
  const note = text(d.note);
  const reason = text(d.reason);
  switch (e.type) {
    case 'incident-opened': {
      const level = text(d.level);
      if (level) parts.push(w.detail.level(ctx.levels.get(level) ?? same(level)));
      break;
    }
    case 'step-opened': {
      const owner = text(d.owner);
      if (owner) parts.push(w.detail.owner(role(owner, ctx)));
      const due = num(d.dueAt);
      if (due !== undefined) parts.push(w.detail.due(at(due, ctx)));
      break;
    }
    case 'step-done': {
      if (note) parts.push(w.detail.note(note));
      const link = text(d.link);
      if (link) parts.push(w.detail.link(link));
      const late = num(d.lateByMs);
      if (late !== undefined && late > 0) parts.push(w.detail.late(late));
      break;
    }
    case 'step-skipped': {
      const because =
        d.because === 'level' || d.because === 'flag' || d.because === 'subsided' || d.because === 'closed'
          ? d.because
          : undefined;
      if (because) parts.push(w.detail.skipped[because]);
      break;
    }
    case 'step-reopened':
    case 'incident-reopened':
    case 'incident-closed':
      if (reason) parts.push(w.detail.reason(reason));
      break;
    case 'approval-decided': {
      const stage = num(d.stage);
      if (stage !== undefined) parts.push(w.detail.stage(stage));
      if (d.decision === 'approve' || d.decision === 'reject') parts.push(w.decision[d.decision]);
      const comment = text(d.comment);
      if (comment) parts.push(w.detail.comment(comment));
      break;
    }
    case 'deadline-breached': {
      const milestone = text(d.milestoneId);
      if (milestone) parts.push(w.detail.milestone(milestone));
      const due = num(d.dueAt);
      if (due !== undefined) parts.push(w.detail.due(at(due, ctx)));
      const missed = num(d.missedReports);
      if (missed !== undefined && missed > 1) parts.push(w.missedReports(missed));
      const to = strings(d.escalatedTo);
      if (to.length > 0) parts.push(w.detail.escalatedTo(to.map((r) => role(r, ctx))));
      break;
    }
    case 'escalated': {
      const milestone = text(d.milestoneId);
      if (milestone) parts.push(w.detail.milestone(milestone));
      const to = text(d.role);
      if (to) parts.push(w.detail.escalatedTo([role(to, ctx)]));
      break;
    }
    case 'deadline-changed': {
      const from = num(d.from);
      const to = num(d.to);
      if (from !== undefined && to !== undefined) parts.push(w.detail.dueMoved(at(from, ctx), at(to, ctx)));
      break;
    }
    case 'level-changed': {
      const from = text(d.from);
      const to = text(d.to);
      if (from && to) {
        parts.push(w.detail.levelChange(ctx.levels.get(from) ?? same(from), ctx.levels.get(to) ?? same(to)));
      }
      if (reason) parts.push(w.detail.reason(reason));
      break;
    }
    case 'lead-changed': {
      const from = text(d.from);
      const to = text(d.to);
      if (from && to) parts.push(w.detail.leadChange(role(from, ctx), role(to, ctx)));
      if (reason) parts.push(w.detail.reason(reason));
      break;
    }
    case 'flag-set': {
      const name = d.name as Words | undefined;
      if (name?.zh !== undefined) parts.push(w.detail.flag(name));
      if (note) parts.push(w.detail.note(note));
      break;
    }
    case 'metrics-updated':
      for (const [name, value] of Object.entries(d)) {
        if (typeof value === 'number' || typeof value === 'string') {
          parts.push(w.detail.metric(name, String(value)));
        }
      }
      break;
    case 'follow-up-reported': {
      const n = num(d.number);
      if (n !== undefined) parts.push(w.detail.followUp(n));
      if (note) parts.push(w.detail.note(note));
      break;
    }
    case 'milestone-promised': {
      const title = text(d.title);
      if (title) parts.push(w.detail.milestone(title));
      const reason = text(d.reason);
      if (reason) parts.push(w.detail.reason(reason));
      const due = num(d.dueAt);
      if (due !== undefined) parts.push(w.detail.due(at(due, ctx)));
      break;
    }
    case 'milestone-done': {
      const id = text(d.milestoneId);
      if (id) parts.push(w.detail.milestone(id));
      if (note) parts.push(w.detail.note(note));
      const late = num(d.lateByMs);
      if (late !== undefined && late > 0) parts.push(w.detail.late(late));
      break;
    }
    case 'question-raised': {
      const id = text(d.questionId);
      const question = text(d.text);
      if (id && question) parts.push(w.detail.question(id, question));
      break;
    }
    case 'incident-subsided':
      if (note) parts.push(w.detail.note(note));
      break;
    case 'review-submitted':
      break;
    case 'link-resent': {
      const stage = num(d.stage);
      if (stage !== undefined) parts.push(w.detail.stage(stage));
      const r = text(d.role);
      if (r) parts.push(role(r, ctx));
      break;
    }
    case 'notification-sent':
    case 'notification-failed': {
      const to = strings(d.recipients);
      if (to.length > 0) parts.push(w.detail.recipients(to.map((r) => role(r, ctx))));
      const channel = text(d.channel);
      if (channel) parts.push(w.detail.channel(channel));
      if (reason) parts.push(w.detail.reason(reason));
      break;
    }
  }
  return joined(parts.filter((p): p is Words => p !== undefined));
}

/** How a deadline went: on time, how late, not done, withdrawn. */
export function deadlineOutcome(d: DeadlineRecord): Words {
  if (d.outcome === 'breached') {
    return d.lateByMs === undefined ? w.outcome.breached : w.lateBy(d.lateByMs);
  }
  if (d.outcome === 'dropped') return joined([w.outcome.dropped, w.droppedWhy], '', ' ');
  return w.outcome[d.outcome];
}

/** How a key time went; a late one says how late, counted from discovery as the figure is. */
export function figureOutcome(f: Figure, discoveredAt: number): Words {
  if (f.outcome === 'breached' && f.durationMs !== undefined && f.dueAt !== undefined) {
    return w.lateBy(Math.max(0, discoveredAt + f.durationMs - f.dueAt));
  }
  return w.outcome[f.outcome];
}

/** The messages of a breach, one phrase each: channel, attempts, result. */
export function deliveryWords(d: NonNullable<DeadlineRecord['breach']>['messages'][number]): Words {
  const line = w.deliveryLine(d.channel, d.attempts, w.delivery[d.result]);
  return d.reason ? joined([line, w.detail.reason(d.reason)]) : line;
}

/** Activities worth a line: retried, or not completed. */
export function troubledActivities(findings: Findings): Findings['execution']['activities'] {
  return findings.execution.activities.filter(
    (a) => a.result !== 'completed' || (a.attempts !== undefined && a.attempts > 1),
  );
}

/** Activities by name: how many of each, and how they ended. */
export function activityCounts(findings: Findings): { activity: string; count: number; failed: number }[] {
  const byName = new Map<string, { activity: string; count: number; failed: number }>();
  for (const a of findings.execution.activities) {
    const row = byName.get(a.activity) ?? { activity: a.activity, count: 0, failed: 0 };
    row.count += 1;
    if (a.result !== 'completed') row.failed += 1;
    byName.set(a.activity, row);
  }
  return [...byName.values()];
}

/** A timer's end: fired, canceled, or still waiting when the record ends. */
export function timerState(t: Findings['execution']['timers'][number]): 'fired' | 'canceled' | 'running' {
  return t.firedAt !== undefined ? 'fired' : t.canceledAt !== undefined ? 'canceled' : 'running';
}

/** The short form of the plan snapshot's hash, as people compare it by eye. */
export const shortHash = (hash: string): string => hash.slice(0, 12);
