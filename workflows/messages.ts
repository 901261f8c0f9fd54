import { defineQuery } from '@temporalio/workflow';
import type {
  IncidentFacts,
  IncidentState,
  IncidentView,
  NotificationRequest,
  Plan,
  TimelineEvent,
} from '../domain/incident';

// The one place that names the incident workflow, its input, its queries and its failures; its updates
// are the human inputs (inputs/). API, worker and tests import these objects; nobody types a message
// name as a string.

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

/** ApplicationFailure type of a refused input; its details[0] is a Refusal. */
export const INPUT_REFUSED = 'InputRefused';

export const getStateQuery = defineQuery<IncidentView>('getState');
export const getTimelineQuery = defineQuery<TimelineEvent[], [{ afterSeq?: number }?]>('getTimeline');
/**
 * The state and the events after `afterSeq` in one answer, one snapshot: the server holds at most one
 * query for a workflow in the middle of a task, so a second query sent beside it waits seconds.
 */
export const getIncidentQuery = defineQuery<
  { state: IncidentView; timeline: TimelineEvent[] },
  [{ afterSeq?: number }?]
>('getIncident');

/** The plan snapshot the incident runs under (pages draw and offer what the incident will accept). */
export const getPlanQuery = defineQuery<Plan>('getPlan');

export const incidentWorkflowId = (incidentId: string): string => `incident-${incidentId}`;
