import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { NotifyActivities } from '../activities/notify';
import type { CompleteStepInput, DecideApprovalInput } from '../contracts/schemas';
import type { StorageActivities } from '../activities/storage';
import {
  completeStep,
  decideApproval,
  isBreached,
  nextDueAt,
  openIncident,
  record,
  recordBreaches,
  validateCompleteStep,
  validateDecision,
  type NotificationRequest,
} from './engine/incident';
import type { Refusal } from './engine/refusal';
import type { IncidentState } from './engine/types';
import {
  completeStepUpdate,
  decideApprovalUpdate,
  getStateQuery,
  getTimelineQuery,
  INPUT_REFUSED,
  type IncidentView,
  type IncidentWorkflowInput,
  type Verdict,
} from './messages';

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

function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: INPUT_REFUSED,
    message: refusal.message,
    details: [refusal],
    nonRetryable: true,
  });
}

export function viewOf(state: IncidentState): IncidentView {
  const { timeline, ...rest } = state;
  return {
    ...rest,
    breached: isBreached(state),
    nextDueAt: nextDueAt(state) ?? null,
    lastSeq: timeline.length,
  };
}

export async function incidentWorkflow(input: IncidentWorkflowInput): Promise<IncidentView> {
  const { plan } = input;
  const opened = openIncident(input.incident, plan, Date.now());
  const state = opened.state;
  const outbox: NotificationRequest[] = [...opened.notifications];
  let persisted = 0;

  const unpersisted = () => persisted < state.timeline.length;
  const verdictFor = async (stepId: string): Promise<Verdict> => {
    const seq = state.timeline.length;
    // Answer only once the input is stored, so an accepted answer is never ahead of the record.
    await condition(() => persisted >= seq);
    return { accepted: true, seq, stepStatus: state.steps[stepId]!.status, incidentStatus: state.status };
  };

  setHandler(getStateQuery, () => viewOf(state));
  setHandler(getTimelineQuery, (opts) => state.timeline.filter((e) => e.seq > (opts?.afterSeq ?? 0)));
  setHandler(
    completeStepUpdate,
    (cmd: CompleteStepInput) => {
      outbox.push(...completeStep(state, plan, cmd, Date.now()));
      return verdictFor(cmd.stepId);
    },
    {
      validator: (cmd: CompleteStepInput) => {
        const refusal = validateCompleteStep(state, plan, cmd);
        if (refusal) throw refusalFailure(refusal);
      },
    },
  );
  setHandler(
    decideApprovalUpdate,
    (cmd: DecideApprovalInput) => {
      outbox.push(...decideApproval(state, plan, cmd, Date.now()));
      return verdictFor(cmd.stepId);
    },
    {
      validator: (cmd: DecideApprovalInput) => {
        const refusal = validateDecision(state, plan, cmd);
        if (refusal) throw refusalFailure(refusal);
      },
    },
  );

  for (;;) {
    outbox.push(...recordBreaches(state, plan, Date.now()));
    if (unpersisted()) {
      const upTo = state.timeline.length;
      await storage.recordProgress({
        workflowId: workflowInfo().workflowId,
        incident: viewOf(state),
        events: state.timeline.slice(persisted),
      });
      persisted = upTo;
      continue;
    }
    const next = outbox.shift();
    if (next) {
      await deliver(state, next);
      continue;
    }
    if (state.status === 'closed') break;
    const due = nextDueAt(state);
    const woken = () => unpersisted() || outbox.length > 0;
    if (due === undefined) await condition(woken);
    else await condition(woken, due - Date.now());
  }
  await condition(allHandlersFinished);
  return viewOf(state);
}

async function deliver(state: IncidentState, request: NotificationRequest): Promise<void> {
  try {
    const receipt = await notify.sendNotification(request);
    record(state, Date.now(), {
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
    record(state, Date.now(), {
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
