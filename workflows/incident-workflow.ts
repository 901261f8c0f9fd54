import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  currentUpdateInfo,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { NotifyActivities } from '../activities/notify';
import type { StorageActivities } from '../activities/storage';
import type { IncidentState, IncidentView, NotificationRequest, Verdict } from '../domain/incident';
import type { Refusal } from '../domain/refusal';
import * as engine from '../engine/incident';
import { viewOf } from '../engine/view';
import { inputs } from '../inputs';
import type { AnyInput } from '../inputs/define-input';
import * as msg from './messages';
import type { IncidentWorkflowInput } from './messages';
import { searchAttributesOf } from './search-attributes';
import { traceEnded, traceStored } from './trace';

// Storage must eventually succeed (the projection is how people find the incident), so it retries
// without a cap; notifications give up after a few tries and are reported on the timeline instead.
const storage = proxyActivities<StorageActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
const notify = proxyActivities<NotifyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '30 seconds', maximumAttempts: 5 },
});

export const OWNER_NOTICES_PATCH = 'owner-notices';
/** What it changes: see IncidentState.correctness. */
export const ENGINE_CORRECTNESS_PATCH = 'engine-correctness';

function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: msg.INPUT_REFUSED,
    message: refusal.message,
    details: [refusal],
    nonRetryable: true,
  });
}

/** Notices in flight at once beside the main loop (patch 'engine-correctness'); more wait their turn. */
export const DELIVERIES_IN_FLIGHT = 8;
/** How long a run about to continue as new waits for notices in flight before carrying them over. */
export const NOTICES_AWAITED_BEFORE_CONTINUING = '5 seconds';
/** Inputs one run takes before it continues as new (the server refuses updates past 2,000 per run). */
export const UPDATES_PER_RUN = 1_000;

export async function incidentWorkflow(input: IncidentWorkflowInput): Promise<IncidentView> {
  const { plan } = input;
  const outbox: NotificationRequest[] = [];
  let state: IncidentState;
  let persisted: number;
  if (input.resume) {
    state = input.resume.state;
    persisted = input.resume.persistedSeq;
    outbox.push(...(input.resume.pendingNotices ?? []));
  } else {
    // Incidents started by older code did not tell step owners; their histories must replay unchanged.
    const ownerNotices = patched(OWNER_NOTICES_PATCH);
    const correctness = patched(ENGINE_CORRECTNESS_PATCH);
    const opened = engine.openIncident(input.incident, plan, Date.now(), { ownerNotices, correctness });
    state = opened.state;
    outbox.push(...opened.notifications);
    persisted = 0;
  }

  // An incident started before 'engine-correctness' takes it up from its next workflow task; replaying
  // the older part of its history, patched() answers false there, so that part replays as it ran.
  const takeUpCorrectness = () => {
    if (!state.correctness && patched(ENGINE_CORRECTNESS_PATCH)) state.correctness = true;
  };

  const unpersisted = () => persisted < engine.lastSeq(state);
  /** Notices sent beside the loop and not back yet. */
  const inFlight = new Set<NotificationRequest>();
  /** Inputs accepted by this run: the server caps updates per run, so the run continues as new first. */
  let acceptedThisRun = 0;

  // Defined before the handlers: an update waiting for a new run is validated as its handler is set.
  const historyTooLong = () => {
    const info = workflowInfo();
    const limit = input.continueAsNewAfterEvents;
    return (
      info.continueAsNewSuggested ||
      (limit !== undefined && info.historyLength >= limit) ||
      (state.correctness === true && acceptedThisRun >= UPDATES_PER_RUN)
    );
  };

  /** Handlers change state; the main loop stores and notifies. Answers wait until the input is stored. */
  function accept({ update, validate, apply }: AnyInput): void {
    setHandler(
      update,
      async (cmd: unknown): Promise<Verdict> => {
        const now = Date.now();
        const updateId = currentUpdateInfo()?.id;
        const repeat = state.correctness && updateId ? engine.recentVerdict(state, updateId, now) : undefined;
        if (repeat) return repeat;
        acceptedThisRun += 1;
        // Time first, then the input: a deadline that passed before this input arrived is a breach even
        // when its timer and the input reach the worker together (after an outage, in a backlog).
        if (state.correctness) outbox.push(...engine.recordBreaches(state, plan, now));
        outbox.push(...apply(state, plan, cmd as never, now));
        const seq = engine.lastSeq(state);
        await condition(() => persisted >= seq);
        const stepId = stepIdOf(cmd);
        const verdict: Verdict = {
          accepted: true,
          seq,
          incidentStatus: state.status,
          level: state.level,
          ...(stepId !== undefined ? { stepStatus: state.steps[stepId]!.status } : {}),
        };
        if (state.correctness && updateId) engine.rememberVerdict(state, updateId, verdict, Date.now());
        return verdict;
      },
      {
        validator: (cmd: unknown) => {
          const now = Date.now();
          // A steady stream of inputs would keep the run from ever finishing its handlers and continuing
          // as new; while it does, new inputs are turned away to be sent again (the API does) to the next run.
          if (state.correctness && historyTooLong()) {
            throw refusalFailure({
              code: 'incident-continuing',
              message: 'the incident is continuing as new; send the input again',
            });
          }
          const updateId = currentUpdateInfo()?.id;
          // A repeat of an accepted update is answered as before, even if the state has moved on since.
          if (state.correctness && updateId && engine.recentVerdict(state, updateId, now)) return;
          const refusal = validate(state, plan, cmd as never, now);
          if (refusal) throw refusalFailure(refusal);
        },
      },
    );
  }

  setHandler(msg.getStateQuery, () => viewOf(state));
  setHandler(msg.getTimelineQuery, (opts) => state.timeline.filter((e) => e.seq > (opts?.afterSeq ?? 0)));
  for (const input of inputs) accept(input);

  let listed = '';
  const keepListed = () => {
    if (!input.searchAttributes) return;
    const attributes = searchAttributesOf(state, engine.isBreached(state));
    const key = JSON.stringify(attributes.map((a) => a.value));
    if (key === listed) return;
    upsertSearchAttributes(attributes);
    listed = key;
  };

  /**
   * Under 'engine-correctness' a notice is sent beside the loop: storing and answering never wait for a
   * peer that is slow or hangs. Its outcome is recorded on the timeline when it comes back.
   */
  const sendBeside = (request: NotificationRequest) => {
    inFlight.add(request);
    void deliver(state, request).finally(() => {
      inFlight.delete(request);
    });
  };
  const idle = () => outbox.length === 0 && inFlight.size === 0;
  const canSend = () => outbox.length > 0 && inFlight.size < DELIVERIES_IN_FLIGHT;
  let carryNotices = false;
  const continueWith = async (pendingNotices: NotificationRequest[]) => {
    traceEnded(viewOf(state), 'continued');
    await continueAsNew<typeof incidentWorkflow>({
      incident: input.incident,
      plan,
      resume: {
        state,
        persistedSeq: persisted,
        // Sent again by the next run under the same outbox key: a peer that got one drops the repeat.
        ...(pendingNotices.length > 0 ? { pendingNotices } : {}),
      },
      ...(input.searchAttributes ? { searchAttributes: true } : {}),
      ...(input.continueAsNewAfterEvents !== undefined
        ? { continueAsNewAfterEvents: input.continueAsNewAfterEvents }
        : {}),
    });
  };

  /**
   * Notices whose cause is stored leave now, before the loop stores anything else: the input that
   * caused them is answered once stored, and a notice still waiting then could be overtaken by the
   * next input and dropped. A notice overtaken before it leaves is dropped: it would ask for what is done.
   */
  const dispatchStored = () => {
    const waiting: NotificationRequest[] = [];
    for (const next of outbox.splice(0)) {
      if (next.causeSeq > persisted || inFlight.size >= DELIVERIES_IN_FLIGHT) waiting.push(next);
      else if (engine.noticeStillDue(state, next)) sendBeside(next);
    }
    outbox.push(...waiting);
  };

  for (;;) {
    takeUpCorrectness();
    outbox.push(...engine.recordBreaches(state, plan, Date.now()));
    keepListed();
    if (state.correctness) dispatchStored();
    if (unpersisted()) {
      const upTo = engine.lastSeq(state);
      const progress = {
        workflowId: workflowInfo().workflowId,
        incident: viewOf(state),
        events: state.timeline.filter((e) => e.seq > persisted),
      };
      await storage.recordProgress(progress);
      traceStored(progress.events, progress.incident);
      persisted = upTo;
      if (state.correctness) engine.forgetStored(state, persisted);
      continue;
    }
    if (!state.correctness) {
      const next = outbox.shift();
      if (next) {
        if (!engine.noticeStillDue(state, next)) continue;
        await deliver(state, next);
        continue;
      }
    }
    if (state.status === 'closed' && idle()) break;
    if (historyTooLong()) {
      // An answer waits for its input to be stored, which only this loop does: new work goes round first.
      if (!state.correctness) {
        await condition(() => allHandlersFinished() || unpersisted() || outbox.length > 0);
        if (allHandlersFinished() && !unpersisted() && outbox.length === 0) await continueWith([]);
        continue;
      }
      await condition(() => allHandlersFinished() || unpersisted() || canSend());
      if (!allHandlersFinished() || unpersisted() || canSend()) continue;
      if (inFlight.size > 0 && !carryNotices) {
        // Notices out usually come back in moments; one a peer holds travels to the next run instead
        // of holding this one (inputs are turned away until it continues).
        carryNotices = !(await condition(() => inFlight.size === 0, NOTICES_AWAITED_BEFORE_CONTINUING));
        continue;
      }
      await continueWith([...inFlight.values(), ...outbox]);
    }
    // A notice that comes back records its outcome, so its return wakes the loop as unstored work.
    const woken = () => unpersisted() || canSend();
    const due = state.status === 'closed' ? undefined : engine.nextDueAt(state);
    if (due === undefined) await condition(woken);
    else await condition(woken, due - Date.now());
  }
  await condition(allHandlersFinished);
  traceEnded(viewOf(state), 'closed');
  return viewOf(state);
}

/** The step an input names, if it names one: its verdict says what became of the step. */
function stepIdOf(input: unknown): string | undefined {
  const stepId = (input as { stepId?: unknown }).stepId;
  return typeof stepId === 'string' ? stepId : undefined;
}

async function deliver(state: IncidentState, request: NotificationRequest): Promise<void> {
  try {
    const receipt = await notify.sendNotification(request);
    engine.record(state, Date.now(), {
      type: 'notification-sent',
      data: {
        key: request.key,
        recipients: request.recipients,
        channel: receipt.channel,
        causeSeq: request.causeSeq,
      },
    });
  } catch (err) {
    // A notification that cannot be delivered is reported, never a reason to fail the incident.
    engine.record(state, Date.now(), {
      type: 'notification-failed',
      data: {
        key: request.key,
        recipients: request.recipients,
        causeSeq: request.causeSeq,
        reason:
          err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err),
      },
    });
  }
}
