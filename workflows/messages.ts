import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  CloseInput,
  CompleteMilestoneInput,
  CompleteStepInput,
  DecideApprovalInput,
  PromiseMilestoneInput,
  ReclassifyInput,
  ReopenInput,
  ReportFollowUpInput,
  SubmitReviewInput,
  SubsideInput,
  UpdateMetricsInput,
} from '../contracts/schemas';
import type { RefusalCode } from './engine/refusal';
import type {
  IncidentFacts,
  IncidentState,
  NotificationRequest,
  Plan,
  TimelineEvent,
  Verdict,
} from './engine/types';

// The one place that names the incident workflow's messages. API, worker and tests import these
// objects; nobody types a message name as a string.

export interface IncidentWorkflowInput {
  incident: IncidentFacts;
  /** Snapshot of the plan as it was at intake: catalog edits never change a running incident. */
  plan: Plan;
  /** Set by continue-as-new: the state of the run before (under 'engine-correctness' without the stored timeline). */
  resume?: {
    state: IncidentState;
    persistedSeq: number;
    /** Notices not yet sent, or in flight when the run ended (the outbox key makes a resend harmless). */
    pendingNotices?: NotificationRequest[];
  };
  /** Continue as new after this many history events even if the server does not suggest it (tests). */
  continueAsNewAfterEvents?: number;
  /** Keep the Incident* search attributes current (the server must have them registered). */
  searchAttributes?: boolean;
}

/** The state as queries answer it and the projection stores it: no timeline, no bookkeeping. */
export type IncidentView = Omit<IncidentState, 'timeline' | 'seqBase' | 'recentUpdates'> & {
  breached: boolean;
  nextDueAt: number | null;
  lastSeq: number;
};

export type { Verdict };

/** ApplicationFailure type of a refused input; its details[0] is a Refusal. */
export const INPUT_REFUSED = 'InputRefused';
export type { RefusalCode };

// Updates rather than signals: the caller (an approver's browser, the API) needs a truthful answer —
// accepted, or refused and why — and a signal cannot carry one back.
export const completeStepUpdate = defineUpdate<Verdict, [CompleteStepInput]>('completeStep');
export const decideApprovalUpdate = defineUpdate<Verdict, [DecideApprovalInput]>('decideApproval');
export const reportFollowUpUpdate = defineUpdate<Verdict, [ReportFollowUpInput]>('reportFollowUp');
export const submitReviewUpdate = defineUpdate<Verdict, [SubmitReviewInput]>('submitReview');
export const reclassifyUpdate = defineUpdate<Verdict, [ReclassifyInput]>('reclassify');
export const updateMetricsUpdate = defineUpdate<Verdict, [UpdateMetricsInput]>('updateMetrics');
export const promiseMilestoneUpdate = defineUpdate<Verdict, [PromiseMilestoneInput]>('promiseMilestone');
export const completeMilestoneUpdate = defineUpdate<Verdict, [CompleteMilestoneInput]>('completeMilestone');
export const subsideUpdate = defineUpdate<Verdict, [SubsideInput]>('subside');
export const reopenUpdate = defineUpdate<Verdict, [ReopenInput]>('reopen');
export const closeUpdate = defineUpdate<Verdict, [CloseInput]>('close');

export const getStateQuery = defineQuery<IncidentView>('getState');
export const getTimelineQuery = defineQuery<TimelineEvent[], [{ afterSeq?: number }?]>('getTimeline');

export const incidentWorkflowId = (incidentId: string): string => `incident-${incidentId}`;
