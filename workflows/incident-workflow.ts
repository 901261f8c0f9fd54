import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  proxyLocalActivities,
  upsertSearchAttributes,
  workflowInfo,
  type RetryPolicy,
} from '@temporalio/workflow';
import type { StorageActivities } from '../activities/storage';
import type { IncidentView, NotificationRequest } from '../domain/incident';
import * as engine from '../engine/incident';
import { viewOf } from '../engine/view';
import { canSend, deliver, dispatchStored, idle } from './deliveries';
import { acceptInputs } from './input-handlers';
import type { IncidentWorkflowInput } from './messages';
import { beginRun, historyTooLong, planNow, takeUpCorrectness, unpersisted, type Run } from './run';
import { searchAttributesOf } from './search-attributes';
import { traceEnded, traceStored } from './trace';

// Storage must eventually succeed (the projection is how people find the incident), so it retries
// without a cap.
const storageRetry: RetryPolicy = {
  initialInterval: '1 second',
  maximumInterval: '1 minute',
  backoffCoefficient: 2,
};
const storage = proxyActivities<StorageActivities>({
  startToCloseTimeout: '30 seconds',
  retry: storageRetry,
});
// Under patch 'local-projection' the same write runs in the worker that applied the input: an answer
// waits for one workflow task, not for an activity's trip through the server as well.
const localStorage = proxyLocalActivities<StorageActivities>({
  startToCloseTimeout: '30 seconds',
  retry: storageRetry,
});

/** How long a run about to continue as new waits for notices in flight before carrying them over. */
export const NOTICES_AWAITED_BEFORE_CONTINUING = '5 seconds';

/**
 * One incident, from intake to close: handlers take human inputs into the state, and this loop records
 * breaches as deadlines pass, stores every event in the projection, sends the notices and continues as
 * new before the history grows too long.
 */
export async function incidentWorkflow(input: IncidentWorkflowInput): Promise<IncidentView> {
  const run = beginRun(input);
  const { state, outbox, inFlight } = run;
  // Set before the handlers: an update waiting for a new run is validated as its handler is set.
  acceptInputs(run);
  const keepListed = listing(input);
  let carryNotices = false;

  for (;;) {
    takeUpCorrectness(run);
    outbox.push(...engine.recordBreaches(state, planNow(run), Date.now()));
    keepListed(state);
    if (state.correctness) dispatchStored(run);
    if (unpersisted(run)) {
      // Awaited here, not in a helper: an extra await would let a notice coming back in the same
      // activation record its outcome before the loop goes round, and recorded histories would diverge.
      const progress = progressToStore(run);
      await (run.localProjection ? localStorage : storage).recordProgress(progress);
      stored(run, progress);
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
    if (state.status === 'closed' && idle(run)) break;
    if (historyTooLong(run)) {
      run.continuing = true;
      // An answer waits for its input to be stored, which only this loop does: new work goes round first.
      if (!state.correctness) {
        await condition(() => allHandlersFinished() || unpersisted(run) || outbox.length > 0);
        if (allHandlersFinished() && !unpersisted(run) && outbox.length === 0) await continueWith(run, []);
        continue;
      }
      await condition(() => allHandlersFinished() || unpersisted(run) || canSend(run));
      if (!allHandlersFinished() || unpersisted(run) || canSend(run)) continue;
      if (inFlight.size > 0 && !carryNotices) {
        // Notices out usually come back in moments; one a peer holds travels to the next run instead
        // of holding this one (inputs are turned away until it continues).
        carryNotices = !(await condition(() => inFlight.size === 0, NOTICES_AWAITED_BEFORE_CONTINUING));
        continue;
      }
      await continueWith(run, [...inFlight.values(), ...outbox]);
    }
    // A notice that comes back records its outcome, so its return wakes the loop as unstored work.
    const woken = () => unpersisted(run) || canSend(run);
    const due = state.status === 'closed' ? undefined : engine.nextDueAt(state);
    if (due === undefined) await condition(woken);
    else await condition(woken, due - Date.now());
  }
  await condition(allHandlersFinished);
  traceEnded(viewOf(state), 'closed');
  return viewOf(state);
}

/** The events not yet stored in the projection, with the state after them. */
function progressToStore({ state, persisted }: Run) {
  return {
    workflowId: workflowInfo().workflowId,
    incident: viewOf(state),
    events: state.timeline.filter((e) => e.seq > persisted),
  };
}

/** The projection holds these events now: the state lets them go (it keeps counting). */
function stored(run: Run, progress: ReturnType<typeof progressToStore>): void {
  traceStored(progress.events, progress.incident);
  run.persisted = progress.incident.lastSeq;
  if (run.state.correctness) engine.forgetStored(run.state, run.persisted);
}

/** Keeps the Incident* search attributes current, writing them only when they change. */
function listing(input: IncidentWorkflowInput): (state: Run['state']) => void {
  let listed = '';
  return (state) => {
    if (!input.searchAttributes) return;
    const attributes = searchAttributesOf(state, engine.isBreached(state));
    const key = JSON.stringify(attributes.map((a) => a.value));
    if (key === listed) return;
    upsertSearchAttributes(attributes);
    listed = key;
  };
}

async function continueWith(run: Run, pendingNotices: NotificationRequest[]): Promise<void> {
  const { input, state } = run;
  traceEnded(viewOf(state), 'continued');
  await continueAsNew<typeof incidentWorkflow>({
    incident: input.incident,
    plan: run.plan,
    resume: {
      state,
      persistedSeq: run.persisted,
      // Sent again by the next run under the same outbox key: a peer that got one drops the repeat.
      ...(pendingNotices.length > 0 ? { pendingNotices } : {}),
    },
    ...(input.searchAttributes ? { searchAttributes: true } : {}),
    ...(input.continueAsNewAfterEvents !== undefined
      ? { continueAsNewAfterEvents: input.continueAsNewAfterEvents }
      : {}),
  });
}
