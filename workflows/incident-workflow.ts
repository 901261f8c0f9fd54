import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { NotifyActivities } from '../activities/notify';
import type { StorageActivities } from '../activities/storage';
import * as engine from './engine/incident';
import { viewOf } from './engine/view';
import type { Refusal } from './engine/refusal';
import type { EpochMs, IncidentState, NotificationRequest, Plan } from './engine/types';
import * as msg from './messages';
import type { IncidentView, IncidentWorkflowInput, Verdict } from './messages';
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

function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: msg.INPUT_REFUSED,
    message: refusal.message,
    details: [refusal],
    nonRetryable: true,
  });
}

type Validate<I> = (state: IncidentState, plan: Plan, input: I, now: EpochMs) => Refusal | undefined;
type Apply<I> = (state: IncidentState, plan: Plan, input: I, now: EpochMs) => NotificationRequest[];

export async function incidentWorkflow(input: IncidentWorkflowInput): Promise<IncidentView> {
  const { plan } = input;
  const outbox: NotificationRequest[] = [];
  let state: IncidentState;
  let persisted: number;
  if (input.resume) {
    state = input.resume.state;
    persisted = input.resume.persistedSeq;
  } else {
    // Incidents started by older code did not tell step owners; their histories must replay unchanged.
    const ownerNotices = patched(OWNER_NOTICES_PATCH);
    const opened = engine.openIncident(input.incident, plan, Date.now(), { ownerNotices });
    state = opened.state;
    outbox.push(...opened.notifications);
    persisted = 0;
  }

  const unpersisted = () => persisted < state.timeline.length;

  /** Handlers change state; the main loop stores and notifies. Answers wait until the input is stored. */
  function accept<I extends { actor: { id: string; role: string } }>(
    update: UpdateDefinition<Verdict, [I]>,
    validate: Validate<I>,
    apply: Apply<I>,
  ): void {
    setHandler(
      update,
      async (cmd: I): Promise<Verdict> => {
        outbox.push(...apply(state, plan, cmd, Date.now()));
        const seq = state.timeline.length;
        await condition(() => persisted >= seq);
        const stepId = 'stepId' in cmd && typeof cmd.stepId === 'string' ? cmd.stepId : undefined;
        return {
          accepted: true,
          seq,
          incidentStatus: state.status,
          level: state.level,
          ...(stepId !== undefined ? { stepStatus: state.steps[stepId]!.status } : {}),
        };
      },
      {
        validator: (cmd: I) => {
          const refusal = validate(state, plan, cmd, Date.now());
          if (refusal) throw refusalFailure(refusal);
        },
      },
    );
  }

  setHandler(msg.getStateQuery, () => viewOf(state));
  setHandler(msg.getTimelineQuery, (opts) => state.timeline.filter((e) => e.seq > (opts?.afterSeq ?? 0)));
  accept(msg.completeStepUpdate, engine.validateCompleteStep, engine.completeStep);
  accept(msg.decideApprovalUpdate, engine.validateDecision, engine.decideApproval);
  accept(msg.reportFollowUpUpdate, engine.validateFollowUp, engine.reportFollowUp);
  accept(msg.submitReviewUpdate, engine.validateReview, engine.submitReview);
  accept(msg.reclassifyUpdate, engine.validateReclassify, engine.reclassify);
  accept(msg.updateMetricsUpdate, engine.validateMetrics, engine.updateMetrics);
  accept(msg.promiseMilestoneUpdate, engine.validatePromise, engine.promiseMilestone);
  accept(msg.completeMilestoneUpdate, engine.validateMilestoneDone, engine.completeMilestone);
  accept(msg.subsideUpdate, engine.validateSubside, engine.subside);
  accept(msg.reopenUpdate, engine.validateReopen, engine.reopen);
  accept(msg.closeUpdate, engine.validateClose, engine.close);

  const historyTooLong = () => {
    const info = workflowInfo();
    const limit = input.continueAsNewAfterEvents;
    return info.continueAsNewSuggested || (limit !== undefined && info.historyLength >= limit);
  };

  let listed = '';
  const keepListed = () => {
    if (!input.searchAttributes) return;
    const attributes = searchAttributesOf(state, engine.isBreached(state));
    const key = JSON.stringify(attributes.map((a) => a.value));
    if (key === listed) return;
    upsertSearchAttributes(attributes);
    listed = key;
  };

  for (;;) {
    outbox.push(...engine.recordBreaches(state, plan, Date.now()));
    keepListed();
    if (unpersisted()) {
      const upTo = state.timeline.length;
      const progress = {
        workflowId: workflowInfo().workflowId,
        incident: viewOf(state),
        events: state.timeline.slice(persisted),
      };
      await storage.recordProgress(progress);
      traceStored(progress.events, progress.incident);
      persisted = upTo;
      continue;
    }
    const next = outbox.shift();
    if (next) {
      if (!engine.noticeStillDue(state, next)) continue;
      await deliver(state, next);
      continue;
    }
    if (state.status === 'closed') break;
    if (historyTooLong()) {
      // Carry the whole state over once everything is stored and sent and no answer is pending. An
      // answer waits for its input to be stored, which only this loop does: new work goes round first.
      await condition(() => allHandlersFinished() || unpersisted() || outbox.length > 0);
      if (allHandlersFinished() && !unpersisted() && outbox.length === 0) {
        traceEnded(viewOf(state), 'continued');
        await continueAsNew<typeof incidentWorkflow>({
          incident: input.incident,
          plan,
          resume: { state, persistedSeq: persisted },
          ...(input.searchAttributes ? { searchAttributes: true } : {}),
          ...(input.continueAsNewAfterEvents !== undefined
            ? { continueAsNewAfterEvents: input.continueAsNewAfterEvents }
            : {}),
        });
      }
      continue;
    }
    const due = engine.nextDueAt(state);
    const woken = () => unpersisted() || outbox.length > 0;
    if (due === undefined) await condition(woken);
    else await condition(woken, due - Date.now());
  }
  await condition(allHandlersFinished);
  traceEnded(viewOf(state), 'closed');
  return viewOf(state);
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
