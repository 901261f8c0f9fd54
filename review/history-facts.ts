import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Actor, IncidentView, NotificationRequest, Verdict } from '../domain/incident';
import type { IncidentWorkflowInput } from '../workflows/messages';

// What Temporal recorded about a run that the engine does not know itself: when each timer fired, each
// activity's attempts and failure, which worker did what, and who sent each input under which update
// id. Read from the raw history events; pure.

export type History = temporal.api.history.v1.IHistory;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType } = temporal.api.enums.v1;

export interface TimerFact {
  timerId: string;
  startedAt: number;
  durationMs: number;
  firedAt?: number;
  canceledAt?: number;
}

export interface ActivityFact {
  activity: string;
  scheduledAt: number;
  /** The notice it sends, for sendNotification. */
  notice?: Pick<NotificationRequest, 'key' | 'causeSeq' | 'recipients'>;
  attempts?: number;
  worker?: string;
  result: 'completed' | 'failed' | 'timed-out' | 'canceled' | 'pending';
  failure?: string;
  endedAt?: number;
}

export interface InputFact {
  updateId: string;
  input: string;
  identity: string;
  actor?: Actor;
  at: number;
  outcome: 'accepted' | 'refused' | 'pending';
  seq?: number;
  reason?: string;
}

export interface RunFacts {
  runId: string;
  /** The run this one continues, if any. */
  continues?: string;
  input: IncidentWorkflowInput;
  startedAt: number;
  /** Who started it: the client identity for the first run, the worker's for a continued one. */
  startedBy: string;
  events: number;
  lastEventAt: number;
  ended: 'closed' | 'continued' | 'running';
  /** What the run returned when the incident closed. */
  result?: IncidentView;
  /** Workflow tasks completed per worker identity. */
  workflowTasks: Map<string, number>;
  timers: TimerFact[];
  activities: ActivityFact[];
  inputs: InputFact[];
}

const num = (value: number | { toNumber(): number } | null | undefined): number =>
  value === null || value === undefined ? 0 : typeof value === 'number' ? value : value.toNumber();

// Timestamps and durations by hand: the SDK's helpers expect its own copy of Long, and a history read
// from JSON may carry another.
const timeOf = (e: HistoryEvent): number =>
  e.eventTime ? num(e.eventTime.seconds) * 1000 + Math.floor((e.eventTime.nanos ?? 0) / 1e6) : 0;

const durationMsOf = (d: temporal.api.history.v1.ITimerStartedEventAttributes['startToFireTimeout']) =>
  d ? num(d.seconds) * 1000 + Math.round((d.nanos ?? 0) / 1e6) : 0;

function decode<T>(payloads: temporal.api.common.v1.IPayloads | null | undefined, index = 0): T | undefined {
  const payload = payloads?.payloads?.[index];
  return payload ? defaultPayloadConverter.fromPayload<T>(payload) : undefined;
}

const failureText = (f: temporal.api.failure.v1.IFailure | null | undefined): string | undefined => {
  if (!f) return undefined;
  const cause = f.cause?.message;
  return cause && cause !== f.message ? `${f.message ?? ''}: ${cause}` : (f.message ?? undefined);
};

/** The run id the history itself names: the one its sinks and the server knew it by. */
export function runIdOf(history: History): string | undefined {
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  return started?.originalExecutionRunId ?? undefined;
}

export function historyFacts(history: History): RunFacts {
  const events = history.events ?? [];
  const first = events[0];
  const started = first?.workflowExecutionStartedEventAttributes;
  if (!first || !started) throw new Error('the history does not begin with the workflow starting');
  const input = decode<IncidentWorkflowInput>(started.input);
  if (!input?.incident || !input.plan) throw new Error('the first event carries no incident workflow input');

  const facts: RunFacts = {
    runId: started.originalExecutionRunId ?? '',
    ...(started.continuedExecutionRunId ? { continues: started.continuedExecutionRunId } : {}),
    input,
    startedAt: timeOf(first),
    startedBy: started.identity ?? '',
    events: events.length,
    lastEventAt: timeOf(events.at(-1)!),
    ended: 'running',
    workflowTasks: new Map(),
    timers: [],
    activities: [],
    inputs: [],
  };
  const timers = new Map<string, TimerFact>();
  const activities = new Map<number, ActivityFact>();
  const inputs = new Map<string, InputFact>();

  for (const e of events) {
    const at = timeOf(e);
    // The attributes present say what the event is (a oneof), which reads more plainly than its type enum.
    if (e.workflowTaskCompletedEventAttributes) {
      const who = e.workflowTaskCompletedEventAttributes.identity ?? '';
      facts.workflowTasks.set(who, (facts.workflowTasks.get(who) ?? 0) + 1);
    } else if (e.timerStartedEventAttributes) {
      const a = e.timerStartedEventAttributes;
      const timer = {
        timerId: a.timerId ?? '',
        startedAt: at,
        durationMs: durationMsOf(a.startToFireTimeout),
      };
      timers.set(timer.timerId, timer);
      facts.timers.push(timer);
    } else if (e.timerFiredEventAttributes) {
      const timer = timers.get(e.timerFiredEventAttributes.timerId ?? '');
      if (timer) timer.firedAt = at;
    } else if (e.timerCanceledEventAttributes) {
      const timer = timers.get(e.timerCanceledEventAttributes.timerId ?? '');
      if (timer) timer.canceledAt = at;
    } else if (e.activityTaskScheduledEventAttributes) {
      const a = e.activityTaskScheduledEventAttributes;
      const activity: ActivityFact = {
        activity: a.activityType?.name ?? '',
        scheduledAt: at,
        result: 'pending',
      };
      if (activity.activity === 'sendNotification') {
        const request = decode<NotificationRequest>(a.input);
        if (request) {
          activity.notice = {
            key: request.key,
            causeSeq: request.causeSeq,
            recipients: request.recipients,
          };
        }
      }
      activities.set(num(e.eventId), activity);
      facts.activities.push(activity);
    } else if (e.activityTaskStartedEventAttributes) {
      // Written when the activity finishes: it carries the last attempt's number and the failure before it.
      const a = e.activityTaskStartedEventAttributes;
      const activity = activities.get(num(a.scheduledEventId));
      if (activity) {
        activity.attempts = a.attempt ?? 1;
        activity.worker = a.identity ?? '';
        const last = failureText(a.lastFailure);
        if (last) activity.failure = last;
      }
    } else if (e.activityTaskCompletedEventAttributes) {
      finish(activities.get(num(e.activityTaskCompletedEventAttributes.scheduledEventId)), 'completed', at);
    } else if (e.activityTaskFailedEventAttributes) {
      finish(
        activities.get(num(e.activityTaskFailedEventAttributes.scheduledEventId)),
        'failed',
        at,
        failureText(e.activityTaskFailedEventAttributes.failure),
      );
    } else if (e.activityTaskTimedOutEventAttributes) {
      finish(
        activities.get(num(e.activityTaskTimedOutEventAttributes.scheduledEventId)),
        'timed-out',
        at,
        failureText(e.activityTaskTimedOutEventAttributes.failure),
      );
    } else if (e.activityTaskCanceledEventAttributes) {
      finish(activities.get(num(e.activityTaskCanceledEventAttributes.scheduledEventId)), 'canceled', at);
    } else if (e.workflowExecutionUpdateAcceptedEventAttributes) {
      const request = e.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest;
      const updateId = request?.meta?.updateId ?? '';
      const args = decode<{ actor?: Actor }>(request?.input?.args);
      const fact: InputFact = {
        updateId,
        input: request?.input?.name ?? '',
        identity: request?.meta?.identity ?? '',
        ...(args?.actor ? { actor: { id: args.actor.id, role: args.actor.role } } : {}),
        at,
        outcome: 'pending',
      };
      inputs.set(updateId, fact);
      facts.inputs.push(fact);
    } else if (e.workflowExecutionUpdateCompletedEventAttributes) {
      const a = e.workflowExecutionUpdateCompletedEventAttributes;
      const fact = inputs.get(a.meta?.updateId ?? '');
      if (fact && a.outcome?.failure) {
        fact.outcome = 'refused';
        const reason = failureText(a.outcome.failure);
        if (reason) fact.reason = reason;
      } else if (fact) {
        fact.outcome = 'accepted';
        const verdict = decode<Verdict>(a.outcome?.success);
        if (verdict) fact.seq = verdict.seq;
      }
    } else if (e.workflowExecutionCompletedEventAttributes) {
      facts.ended = 'closed';
      const result = decode<IncidentView>(e.workflowExecutionCompletedEventAttributes.result);
      if (result) facts.result = result;
    } else if (e.workflowExecutionContinuedAsNewEventAttributes) {
      facts.ended = 'continued';
    }
  }
  return facts;
}

function finish(
  activity: ActivityFact | undefined,
  result: ActivityFact['result'],
  at: number,
  failure?: string,
): void {
  if (!activity) return;
  activity.result = result;
  activity.endedAt = at;
  if (failure) activity.failure = failure;
}

/** The type of the history event with this id, for naming where a replay diverged. */
export function eventTypeOf(history: History, eventId: number): string | undefined {
  const event = history.events?.find((e) => num(e.eventId) === eventId);
  if (!event || event.eventType === null || event.eventType === undefined) return undefined;
  return EventType[event.eventType]?.replace(/^EVENT_TYPE_/, '');
}
