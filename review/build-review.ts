import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json';
import { isHumanEvent, type Breach, type Plan, type TimelineEvent } from '../domain/incident';
import { applies, ownersOf, roleName, severity, stepOf } from '../domain/plan-reading';
import { FigureId } from '../domain/plan-schema';
import { withQuestions } from '../domain/question-rounds';
import type { ActivityFact, InputFact, RunFacts } from './history-facts';
import type { RunTrace } from './replay-runs';
import type {
  ApprovalRecord,
  DeadlineRecord,
  Delivery,
  Execution,
  Figure,
  ReplayReport,
  Review,
  ReviewEvent,
  Who,
} from './review-schema';

// Turns a replayed incident into its review: the timeline the engine stored (from the trace sinks),
// read together with what Temporal recorded around it (from the raw history). Pure: the same replay
// gives the same review, from the live server or from a file.

export interface ReplayedIncident {
  workflowId: string;
  runs: RunFacts[];
  traces: RunTrace[];
  replay: ReplayReport;
  /** Today's catalog plan of the same id: its figure marks stand in for a snapshot that has none. */
  catalogPlan?: Plan;
}

type Findings = NonNullable<Review['findings']>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const epoch = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

export function buildReview(replayed: ReplayedIncident): Review {
  const first = replayed.runs[0]!;
  const { incident, plan } = first.input;
  const lastView = lastOf(replayed.traces, (t) => t.view !== undefined)?.view;
  const marked = plan.steps.some((s) => s.figure !== undefined);
  const catalogMarks = !marked && replayed.catalogPlan?.steps.some((s) => s.figure !== undefined);
  const review: Review = {
    replay: replayed.replay,
    incident: {
      id: incident.id,
      workflowId: replayed.workflowId,
      title: incident.title,
      summary: incident.summary,
      discoveredAt: incident.discoveredAt,
      openedAt: first.startedAt,
      openedBy: { reporter: incident.reporter, identity: first.startedBy },
      ...(incident.source ? { source: incident.source } : {}),
      status: lastView?.status ?? 'open',
    },
    plan: {
      id: plan.id,
      version: plan.version,
      title: plan.title,
      snapshotHash: createHash('sha256').update(canonicalJson(plan)).digest('hex'),
      figuresFrom: marked ? 'snapshot' : catalogMarks ? 'catalog' : 'none',
      roles: Object.fromEntries(plan.roles.map((r) => [r.id, r.names])),
    },
  };
  if (!replayed.replay.consistent) return review;
  // The steps the incident ran: its plan's, and a round for each question raised (q1-…).
  const ran = withQuestions(plan, lastView?.questions);
  const figurePlan = catalogMarks ? replayed.catalogPlan! : ran;
  return { ...review, findings: new Reading(ran, figurePlan, replayed).findings() };
}

/** One pass over the events, with what Temporal recorded at hand. */
class Reading {
  private readonly events: TimelineEvent[];
  private readonly inputs: InputFact[];
  private readonly activities: ActivityFact[];
  private readonly endAt: number;

  constructor(
    private readonly plan: Plan,
    private readonly figurePlan: Plan,
    private readonly replayed: ReplayedIncident,
  ) {
    this.events = replayed.traces.flatMap((t) => t.events);
    this.inputs = replayed.runs.flatMap((r) => r.inputs);
    this.activities = replayed.runs.flatMap((r) => r.activities);
    this.endAt = replayed.runs.at(-1)!.lastEventAt;
  }

  findings(): Findings {
    const deadlines = this.deadlines();
    const levels = this.levels();
    return {
      levels,
      timeline: {
        human: this.events.filter(isHumanEvent).map((e) => this.reviewEvent(e)),
        system: this.events.filter((e) => !isHumanEvent(e)).map((e) => this.reviewEvent(e)),
      },
      deadlines: deadlines.map(({ record }) => record),
      approvals: this.approvals(),
      milestones: this.milestones(),
      followUps: this.followUps(),
      figures: this.figures(deadlines, levels.at(-1)!.level),
      forms: this.forms(),
      lateReports: deadlines.flatMap(({ record, done }) =>
        record.subject === 'step' && done && record.lateByMs !== undefined && record.doneAt !== undefined
          ? [
              {
                seq: done.seq,
                stepId: record.id,
                title: record.title,
                dueAt: record.dueAt,
                doneAt: record.doneAt,
                lateByMs: record.lateByMs,
                ...this.by(done),
              },
            ]
          : [],
      ),
      execution: this.execution(),
    };
  }

  private stepTitle(stepId: string) {
    return stepOf(this.plan, stepId)?.title ?? { zh: stepId, en: stepId };
  }

  private who(id: string, role: string | undefined): Who {
    return role === undefined ? { id } : { id, role, roleName: roleName(this.plan, role) };
  }

  private readonly causes = new Map<number, InputFact | undefined>();

  /**
   * The input that caused a human event: the first accepted one by its actor answered at or after it.
   * Asked for the same event more than once (its role, its sender), so found once.
   */
  private inputOf(e: TimelineEvent): InputFact | undefined {
    if (!this.causes.has(e.seq)) {
      const found = this.inputs.find(
        (i) => i.outcome === 'accepted' && i.seq !== undefined && i.seq >= e.seq && i.actor?.id === e.actor,
      );
      this.causes.set(e.seq, found);
    }
    return this.causes.get(e.seq);
  }

  /** `{ by }` for an event a person caused, with the role they acted in. */
  private by(e: TimelineEvent): { by?: Who } {
    if (!isHumanEvent(e)) return {};
    const role = text(e.data.role) ?? this.inputOf(e)?.actor?.role;
    return { by: this.who(e.actor!, role) };
  }

  private reviewEvent(e: TimelineEvent): ReviewEvent {
    const input = isHumanEvent(e) ? this.inputOf(e) : undefined;
    return {
      seq: e.seq,
      at: e.at,
      type: e.type,
      ...(e.stepId !== undefined ? { stepId: e.stepId, stepTitle: this.stepTitle(e.stepId) } : {}),
      ...this.by(e),
      ...(input ? { sender: { updateId: input.updateId, identity: input.identity } } : {}),
      data: e.data,
    };
  }

  private levels(): Findings['levels'] {
    const period = (from: number, level: string, leadRole: string) => {
      const l = this.plan.levels.find((x) => x.id === level);
      return {
        from,
        level,
        rank: severity(this.plan, level),
        levelName: l?.names ?? { zh: level, en: level },
        ...(l?.colour ? { colour: l.colour } : {}),
        leadRole,
        leadRoleName: roleName(this.plan, leadRole),
      };
    };
    const opened = this.events.find((e) => e.type === 'incident-opened');
    const level = text(opened?.data.level) ?? this.replayed.runs[0]!.input.incident.level;
    const periods: Findings['levels'] = [
      period(opened?.at ?? this.replayed.runs[0]!.startedAt, level, this.plan.leadRole[level] ?? ''),
    ];
    for (const e of this.events.filter((x) => x.type === 'level-changed' || x.type === 'lead-changed')) {
      // A lead change (P6) starts a period at the same level under another lead.
      const byLevel = e.type === 'level-changed';
      const to = byLevel ? (text(e.data.to) ?? '') : periods.at(-1)!.level;
      const lead = byLevel ? (text(e.data.leadRole) ?? this.plan.leadRole[to]) : text(e.data.to);
      const reason = text(e.data.reason);
      periods.push({
        ...period(e.at, to, lead ?? ''),
        ...this.by(e),
        ...(reason !== undefined ? { reason } : {}),
      });
    }
    return periods;
  }

  /** Every message a timeline event caused, by its outbox key: what Temporal tried, what came of it. */
  private deliveriesOf(causeSeq: number): Delivery[] {
    const byKey = new Map<string, Delivery>();
    const of = (key: string, recipients: string[]) => {
      let d = byKey.get(key);
      if (!d) byKey.set(key, (d = { key, recipients, result: 'in-flight', workers: [] }));
      return d;
    };
    for (const a of this.activities) {
      if (a.notice?.causeSeq !== causeSeq) continue;
      const d = of(a.notice.key, a.notice.recipients);
      if (a.attempts !== undefined) d.attempts = (d.attempts ?? 0) + a.attempts;
      if (a.worker && !d.workers.includes(a.worker)) d.workers.push(a.worker);
      if (a.result === 'completed') d.result = 'sent';
      else if (a.result !== 'pending' && d.result !== 'sent') {
        d.result = 'failed';
        if (a.failure) d.reason = a.failure;
      }
    }
    for (const e of this.events) {
      if (e.data.causeSeq !== causeSeq) continue;
      const key = text(e.data.key) ?? '';
      const recipients = Array.isArray(e.data.recipients) ? (e.data.recipients as string[]) : [];
      if (e.type === 'notification-sent') {
        const d = of(key, recipients);
        d.result = 'sent';
        const channel = text(e.data.channel);
        if (channel) d.channel = channel;
      } else if (e.type === 'notification-failed') {
        const d = of(key, recipients);
        d.result = 'failed';
        const reason = text(e.data.reason);
        if (reason) d.reason = reason;
      }
    }
    return [...byKey.values()];
  }

  /** The deadline timer that fired for a due time: its target is the due time, give or take processing. */
  private timerFiredFor(dueAt: number): number | undefined {
    const fired = this.replayed.runs
      .flatMap((r) => r.timers)
      .filter((t) => t.firedAt !== undefined && Math.abs(t.startedAt + t.durationMs - dueAt) <= 2_000)
      .map((t) => t.firedAt!);
    return fired.length > 0 ? Math.min(...fired) : undefined;
  }

  private breachOf(e: TimelineEvent): NonNullable<DeadlineRecord['breach']> {
    const b = e.data as unknown as Breach;
    const firedAt = this.timerFiredFor(b.dueAt);
    return {
      recordedAt: b.recordedAt,
      ...(firedAt !== undefined ? { timerFiredAt: firedAt } : {}),
      escalatedTo: (b.escalatedTo ?? []).map((role) => ({ role, roleName: roleName(this.plan, role) })),
      ...(b.missedReports !== undefined ? { missedReports: b.missedReports } : {}),
      messages: this.deliveriesOf(e.seq),
    };
  }

  /**
   * Every deadline as it stood: a step's from its opening (or reopening) to its end, a missed follow-up
   * report, a promised reply. Each with the event that finished it, if any.
   */
  private deadlines(): { record: DeadlineRecord; done?: TimelineEvent }[] {
    const out: { record: DeadlineRecord; done?: TimelineEvent }[] = [];
    const current = new Map<string, { record: DeadlineRecord; done?: TimelineEvent }>();
    const milestones = new Map<string, { record: DeadlineRecord; done?: TimelineEvent }>();
    const owner = (role: string | undefined) =>
      role === undefined ? {} : { owner: role, ownerName: roleName(this.plan, role) };
    const drop = (stepId: string) => {
      const open = current.get(stepId);
      if (open && open.record.outcome === 'open') open.record.outcome = 'dropped';
      current.delete(stepId);
    };
    const start = (stepId: string, dueAt: number | undefined, role: string | undefined) => {
      drop(stepId);
      if (dueAt === undefined) return;
      const entry = {
        record: {
          subject: 'step' as const,
          id: stepId,
          title: this.stepTitle(stepId),
          ...owner(role),
          dueAt,
          outcome: 'open' as const,
        } satisfies DeadlineRecord,
      };
      current.set(stepId, entry);
      out.push(entry);
    };
    const isMonitor = (stepId: string | undefined) =>
      stepId !== undefined && stepOf(this.plan, stepId)?.kind === 'monitor';

    // Who owned each step when it last opened: an owner may depend on the level (P4's spokesperson).
    const openedBy = new Map<string, string>();
    for (const e of this.events) {
      const stepId = e.stepId;
      if (e.type === 'step-opened') {
        const by = text(e.data.owner);
        if (by !== undefined) openedBy.set(stepId!, by);
        if (!isMonitor(stepId)) start(stepId!, epoch(e.data.dueAt), by);
      } else if (e.type === 'step-reopened') {
        start(
          stepId!,
          epoch(e.data.dueAt),
          stepOf(this.plan, stepId!)?.kind === 'approval'
            ? undefined
            : (openedBy.get(stepId!) ?? ownerOf(this.plan, stepId!)),
        );
      } else if (e.type === 'deadline-changed') {
        const entry = current.get(stepId!);
        const to = epoch(e.data.to);
        if (entry && entry.record.outcome === 'open' && to !== undefined) entry.record.dueAt = to;
        else if (entry?.record.outcome === 'breached' && to !== undefined)
          start(stepId!, to, entry.record.owner);
      } else if (e.type === 'escalated') {
        // A hop up the chain after the breach (patch 'stepwise-escalation'): its breach told one more role.
        const role = text(e.data.role);
        const milestoneId = text(e.data.milestoneId);
        const record =
          milestoneId !== undefined
            ? milestones.get(milestoneId)?.record
            : isMonitor(stepId)
              ? [...out].reverse().find((o) => o.record.subject === 'follow-up' && o.record.id === stepId)
                  ?.record
              : current.get(stepId!)?.record;
        if (record?.breach && role !== undefined) {
          record.breach.escalatedTo.push({ role, roleName: roleName(this.plan, role) });
          record.breach.messages.push(...this.deliveriesOf(e.seq));
        }
      } else if (e.type === 'deadline-breached') {
        const milestoneId = text(e.data.milestoneId);
        const breach = this.breachOf(e);
        const lateByMs = epoch(e.data.lateByMs) ?? 0;
        if (milestoneId !== undefined) {
          const m = milestones.get(milestoneId);
          if (m) Object.assign(m.record, { outcome: 'breached', lateByMs, breach });
        } else if (isMonitor(stepId)) {
          const step = stepOf(this.plan, stepId!)!;
          out.push({
            record: {
              subject: 'follow-up',
              id: stepId!,
              title: step.title,
              ...owner(openedBy.get(stepId!) ?? ownersOf(step)[0]),
              dueAt: epoch(e.data.dueAt) ?? e.at,
              outcome: 'breached',
              lateByMs,
              breach,
            },
          });
        } else {
          const entry = current.get(stepId!);
          if (entry) Object.assign(entry.record, { outcome: 'breached', lateByMs, breach });
        }
      } else if (e.type === 'step-done') {
        const entry = current.get(stepId!);
        if (entry) finishDeadline(entry, e);
        current.delete(stepId!);
      } else if (e.type === 'step-skipped') {
        drop(stepId!);
      } else if (e.type === 'milestone-promised') {
        const id = text(e.data.milestoneId) ?? '';
        const title = text(e.data.title) ?? id;
        const entry = {
          record: {
            subject: 'milestone' as const,
            id,
            title: { zh: title, en: title },
            ...owner(text(e.data.owner)),
            dueAt: epoch(e.data.dueAt) ?? e.at,
            outcome: 'open' as const,
          } satisfies DeadlineRecord,
        };
        milestones.set(id, entry);
        out.push(entry);
      } else if (e.type === 'milestone-done') {
        const entry = milestones.get(text(e.data.milestoneId) ?? '');
        if (entry) finishDeadline(entry, e);
      }
    }
    return out;
  }

  private approvals(): ApprovalRecord[] {
    const records: ApprovalRecord[] = [];
    for (const step of this.plan.steps) {
      if (step.kind !== 'approval') continue;
      const rounds: ApprovalRecord['rounds'] = [];
      const asked = (stage: number, at: number) => {
        const role = step.approvers[stage] ?? '';
        return { stage, role, roleName: roleName(this.plan, role), askedAt: at };
      };
      for (const e of this.events) {
        if (e.stepId !== step.id) continue;
        const round = rounds.at(-1);
        if (e.type === 'step-opened') {
          rounds.push({
            round: rounds.length + 1,
            submittedAt: e.at,
            outcome: 'pending',
            stages: [asked(0, e.at)],
          });
        } else if (e.type === 'approval-decided' && round) {
          const stage = epoch(e.data.stage) ?? round.stages.length - 1;
          let record = round.stages.find((s) => s.stage === stage);
          if (!record) round.stages.push((record = asked(stage, e.at)));
          const decision = e.data.decision === 'reject' ? 'reject' : 'approve';
          const comment = text(e.data.comment);
          record.decision = { by: e.actor ?? '', decision, at: e.at, ...(comment ? { comment } : {}) };
          record.waitedMs = Math.max(0, e.at - record.askedAt);
          if (decision === 'reject') round.outcome = 'rejected';
          else if (stage + 1 < step.approvers.length) round.stages.push(asked(stage + 1, e.at));
        } else if (e.type === 'step-done' && round) {
          round.outcome = 'approved';
        }
      }
      if (rounds.length > 0) {
        records.push({ stepId: step.id, title: step.title, stages: step.approvers.length, rounds });
      }
    }
    return records;
  }

  private milestones(): Findings['milestones'] {
    return this.events
      .filter((e) => e.type === 'milestone-promised')
      .map((e) => {
        const id = text(e.data.milestoneId) ?? '';
        const dueAt = epoch(e.data.dueAt) ?? e.at;
        const done = this.events.find((d) => d.type === 'milestone-done' && d.data.milestoneId === id);
        const breached = this.events.some((b) => b.type === 'deadline-breached' && b.data.milestoneId === id);
        const reason = text(e.data.reason);
        return {
          id,
          title: text(e.data.title) ?? id,
          ...(reason ? { reason } : {}),
          owner: text(e.data.owner) ?? '',
          promisedBy: this.by(e).by ?? { id: e.actor ?? '' },
          promisedAt: e.at,
          dueAt,
          ...(done ? { doneAt: done.at } : {}),
          outcome: breached ? 'breached' : !done ? 'open' : done.at > dueAt ? 'late' : 'met',
        };
      });
  }

  private followUps(): Findings['followUps'] {
    return this.plan.steps.flatMap((step) => {
      if (step.kind !== 'monitor') return [];
      const mine = this.events.filter((e) => e.stepId === step.id);
      const opened = mine.find((e) => e.type === 'step-opened');
      if (!opened) return [];
      const reports = mine.filter((e) => e.type === 'follow-up-reported');
      const ended = lastOf(mine, (e) => e.type === 'step-done' || e.type === 'step-skipped');
      const marks = [opened.at, ...reports.map((r) => r.at), ended?.at ?? this.endAt];
      const gaps = marks.slice(1).map((at, i) => at - marks[i]!);
      const missed = mine
        .filter((e) => e.type === 'deadline-breached')
        .reduce((n, e) => n + (epoch(e.data.missedReports) ?? 1), 0);
      return [
        {
          stepId: step.id,
          title: step.title,
          ...(step.followUpEvery !== undefined ? { every: step.followUpEvery } : {}),
          reports: reports.map((r) => ({ at: r.at, ...this.by(r) })),
          ...(gaps.length > 0 ? { longestGapMs: Math.max(0, ...gaps) } : {}),
          missedReports: missed,
        },
      ];
    });
  }

  private figures(
    deadlines: { record: DeadlineRecord; done?: TimelineEvent }[],
    finalLevel: string,
  ): Figure[] {
    const discoveredAt = this.replayed.runs[0]!.input.incident.discoveredAt;
    const opened = new Set(this.events.filter((e) => e.type === 'step-opened').map((e) => e.stepId));
    const figures: Figure[] = [];
    for (const id of FigureId.options) {
      const steps = this.figurePlan.steps
        .filter((s) => s.figure === id)
        .map((s) => s.id)
        .filter((s) => opened.has(s) || applies(stepOf(this.figurePlan, s)!, finalLevel));
      if (steps.length === 0) continue;
      const done = this.events.find((e) => e.type === 'step-done' && steps.includes(e.stepId!));
      const deadline = done
        ? deadlines.find((d) => d.done === done)?.record
        : deadlines.find(
            (d) =>
              d.record.subject === 'step' && steps.includes(d.record.id) && d.record.outcome !== 'dropped',
          )?.record;
      figures.push({
        id,
        stepId: done?.stepId ?? steps[0]!,
        ...(done ? { durationMs: Math.max(0, done.at - discoveredAt) } : {}),
        ...(deadline ? { dueAt: deadline.dueAt } : {}),
        outcome:
          deadline?.outcome === 'breached'
            ? 'breached'
            : !done
              ? 'not-reached'
              : deadline
                ? 'met'
                : 'no-deadline',
      });
    }
    const moment = (type: TimelineEvent['type']) => this.events.find((e) => e.type === type);
    if (this.plan.steps.some((s) => s.kind === 'monitor')) {
      const subsided = moment('incident-subsided');
      figures.push({
        id: 'subsided',
        ...(subsided ? { durationMs: Math.max(0, subsided.at - discoveredAt) } : {}),
        outcome: subsided ? 'no-deadline' : 'not-reached',
      });
    }
    const closed = moment('incident-closed');
    figures.push({
      id: 'closed',
      ...(closed ? { durationMs: Math.max(0, closed.at - discoveredAt) } : {}),
      outcome: closed ? 'no-deadline' : 'not-reached',
    });
    return figures;
  }

  private forms(): Findings['forms'] {
    return this.plan.steps.flatMap((step) => {
      if (step.kind !== 'review') return [];
      const submitted = lastOf(this.events, (e) => e.type === 'review-submitted' && e.stepId === step.id);
      const opened = this.events.some((e) => e.type === 'step-opened' && e.stepId === step.id);
      if (!submitted && !opened) return [];
      const answers = (submitted?.data.answers ?? {}) as Record<string, unknown>;
      return [
        {
          stepId: step.id,
          title: step.title,
          fields: step.form.map((f) => {
            const answer = text(answers[f.id]);
            return { id: f.id, label: f.label, ...(answer !== undefined ? { answer } : {}) };
          }),
          ...(submitted ? { submittedBy: this.by(submitted).by, submittedAt: submitted.at } : {}),
        },
      ];
    });
  }

  private execution(): Execution {
    const workers = new Map<string, { identity: string; workflowTasks: number; activities: number }>();
    const worker = (identity: string) => {
      let w = workers.get(identity);
      if (!w) workers.set(identity, (w = { identity, workflowTasks: 0, activities: 0 }));
      return w;
    };
    for (const run of this.replayed.runs) {
      for (const [identity, n] of run.workflowTasks) worker(identity).workflowTasks += n;
    }
    for (const a of this.activities) if (a.worker) worker(a.worker).activities += 1;
    return {
      workers: [...workers.values()],
      timers: this.replayed.runs.flatMap((run, i) =>
        run.timers.map((t) => ({ ...t, timerId: `${i + 1}:${t.timerId}` })),
      ),
      activities: this.activities.map(({ notice: _notice, ...a }) => a),
      inputs: this.inputs.map((i) => ({
        updateId: i.updateId,
        input: i.input,
        identity: i.identity,
        ...(i.actor ? { by: this.who(i.actor.id, i.actor.role) } : {}),
        at: i.at,
        outcome: i.outcome,
        ...(i.seq !== undefined ? { seq: i.seq } : {}),
        ...(i.reason !== undefined ? { reason: i.reason } : {}),
      })),
    };
  }
}

/** Work done: on time, or late by how much (a breach already recorded stays one). */
function finishDeadline(entry: { record: DeadlineRecord; done?: TimelineEvent }, e: TimelineEvent): void {
  entry.done = e;
  entry.record.doneAt = e.at;
  if (e.at > entry.record.dueAt) {
    entry.record.outcome = 'breached';
    entry.record.lateByMs = e.at - entry.record.dueAt;
  } else if (entry.record.outcome === 'open') entry.record.outcome = 'met';
}

function lastOf<T>(items: readonly T[], match: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (match(items[i]!)) return items[i];
  return undefined;
}

function ownerOf(plan: Plan, stepId: string): string | undefined {
  const step = stepOf(plan, stepId);
  return step ? ownersOf(step)[0] : undefined;
}
