import { patched, workflowInfo } from '@temporalio/workflow';
import type { IncidentState, NotificationRequest, Plan } from '../domain/incident';
import { withQuestions } from '../domain/question-rounds';
import * as engine from '../engine/incident';
import type { IncidentWorkflowInput } from './messages';
import {
  ENGINE_CORRECTNESS_PATCH,
  LOCAL_PROJECTION_PATCH,
  OWNER_NOTICES_PATCH,
  STEPWISE_ESCALATION_PATCH,
} from './patches';

/** Inputs one run takes before it continues as new (the server refuses updates past 2,000 per run). */
export const UPDATES_PER_RUN = 1_000;

/** One run of an incident's workflow: what its handlers and its loop share between activations. */
export interface Run {
  readonly input: IncidentWorkflowInput;
  readonly plan: Plan;
  readonly state: IncidentState;
  /** The seq of the last event stored in the projection. */
  persisted: number;
  /** Notices waiting to leave. */
  readonly outbox: NotificationRequest[];
  /** Notices sent beside the loop and not back yet. */
  readonly inFlight: Set<NotificationRequest>;
  /** Inputs accepted by this run: the server caps updates per run, so the run continues as new first. */
  acceptedThisRun: number;
  /** The loop is finishing this run to continue as new: new inputs are turned away meanwhile. */
  continuing: boolean;
  /** Patch 'local-projection': this run writes the projection with a local activity. */
  readonly localProjection: boolean;
  /** planNow's last answer, and the questions it was made for. */
  expanded?: { questions: IncidentState['questions']; plan: Plan };
}

/**
 * The plan the incident runs now: its snapshot, with a round of steps for each question raised so far.
 * Made again only when a question is raised; without questions it is the snapshot itself.
 */
export function planNow(run: Run): Plan {
  const questions = run.state.questions;
  if (run.expanded === undefined || run.expanded.questions !== questions) {
    run.expanded = { questions, plan: withQuestions(run.plan, questions) };
  }
  return run.expanded.plan;
}

/** The run that carries on from the one before, or the incident's first, which opens it. */
export function beginRun(input: IncidentWorkflowInput): Run {
  const run = {
    input,
    plan: input.plan,
    inFlight: new Set<NotificationRequest>(),
    acceptedThisRun: 0,
    continuing: false,
    // Asked once per run, first thing: a run already under way when it was deployed keeps its activity.
    localProjection: patched(LOCAL_PROJECTION_PATCH),
  };
  if (input.resume) {
    const { state, persistedSeq, pendingNotices } = input.resume;
    return { ...run, state, persisted: persistedSeq, outbox: [...(pendingNotices ?? [])] };
  }
  // Incidents started by older code did not tell step owners; their histories must replay unchanged.
  const ownerNotices = patched(OWNER_NOTICES_PATCH);
  const correctness = patched(ENGINE_CORRECTNESS_PATCH);
  const stepwise = patched(STEPWISE_ESCALATION_PATCH);
  const opened = engine.openIncident(input.incident, input.plan, Date.now(), {
    ownerNotices,
    correctness,
    stepwise,
  });
  return { ...run, state: opened.state, persisted: 0, outbox: [...opened.notifications] };
}

/**
 * An incident started before 'engine-correctness' takes it up from its next workflow task; replaying the
 * older part of its history, patched() answers false there, so that part replays as it ran.
 */
export function takeUpCorrectness({ state }: Run): void {
  if (!state.correctness && patched(ENGINE_CORRECTNESS_PATCH)) state.correctness = true;
}

export const unpersisted = (run: Run): boolean => run.persisted < engine.lastSeq(run.state);

/** The run should continue as new: the server suggests it, a test's limit is reached, or inputs are. */
export function historyTooLong(run: Run): boolean {
  const info = workflowInfo();
  const limit = run.input.continueAsNewAfterEvents;
  return (
    info.continueAsNewSuggested ||
    (limit !== undefined && info.historyLength >= limit) ||
    (run.state.correctness === true && run.acceptedThisRun >= UPDATES_PER_RUN)
  );
}
