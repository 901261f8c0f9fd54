import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CompleteStepInput, DecideApprovalInput } from '../contracts/schemas';
import type { RefusalCode } from './engine/refusal';
import type { IncidentFacts, IncidentState, Plan, StepStatus, TimelineEvent } from './engine/types';

// The one place that names the incident workflow's messages. API, worker and tests import these
// objects; nobody types a message name as a string.

export interface IncidentWorkflowInput {
  incident: IncidentFacts;
  /** Snapshot of the plan as it was at intake: catalog edits never change a running incident. */
  plan: Plan;
}

export type IncidentView = Omit<IncidentState, 'timeline'> & {
  breached: boolean;
  nextDueAt: number | null;
  lastSeq: number;
};

/** Answer to an accepted human input; refused inputs fail the update with an InputRefused failure. */
export interface Verdict {
  accepted: true;
  /** Sequence number of the timeline event that records the input (already stored when this returns). */
  seq: number;
  stepStatus: StepStatus;
  incidentStatus: IncidentState['status'];
}

/** ApplicationFailure type of a refused input; its details[0] is a Refusal. */
export const INPUT_REFUSED = 'InputRefused';
export type { RefusalCode };

// Updates rather than signals: the caller (an approver's browser, the API) needs a truthful answer —
// accepted, or refused and why — and a signal cannot carry one back.
export const completeStepUpdate = defineUpdate<Verdict, [CompleteStepInput]>('completeStep');
export const decideApprovalUpdate = defineUpdate<Verdict, [DecideApprovalInput]>('decideApproval');

export const getStateQuery = defineQuery<IncidentView>('getState');
export const getTimelineQuery = defineQuery<TimelineEvent[], [{ afterSeq?: number }?]>('getTimeline');

export const incidentWorkflowId = (incidentId: string): string => `incident-${incidentId}`;
