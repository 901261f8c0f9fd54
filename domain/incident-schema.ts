import { z } from 'zod';
import { Metrics } from './plan-schema';

// The incident as queries answer it and the API sends it, written once as zod schemas: the API parses
// and documents its answers with them, while the engine and the workflow take only the inferred types
// (through domain/incident.ts, with `import type`), so workflow code never loads zod.

/** Epoch milliseconds: JSON-safe across Temporal, unlike Date. */
export const EpochMs = z.number().int().describe('Epoch milliseconds');

export const StepStatus = z.enum(['waiting', 'open', 'done', 'skipped']);
export type StepStatus = z.infer<typeof StepStatus>;

export const Breach = z.strictObject({
  dueAt: EpochMs,
  recordedAt: EpochMs,
  lateByMs: z.number().int(),
  /** Roles notified: the owner and its reportsTo chain. */
  escalatedTo: z.array(z.string()),
  /** Follow-up cadence: how many reports (续报) were missed at once, e.g. after an outage. */
  missedReports: z.number().int().optional(),
});
export type Breach = z.infer<typeof Breach>;

/**
 * A missed deadline climbing the reportsTo chain one role at a time (patch 'stepwise-escalation'):
 * the chain from the owner up, how many of it have been told, and when the next one is.
 */
export const Escalation = z.strictObject({
  chain: z.array(z.string()),
  reached: z.number().int(),
  nextAt: EpochMs.optional(),
});
export type Escalation = z.infer<typeof Escalation>;

export const ApprovalDecision = z.strictObject({
  role: z.string(),
  by: z.string(),
  decision: z.enum(['approve', 'reject']),
  comment: z.string().optional(),
  at: EpochMs,
});
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

export const StepState = z.strictObject({
  id: z.string(),
  status: StepStatus,
  openedAt: EpochMs.optional(),
  dueAt: EpochMs.optional(),
  doneAt: EpochMs.optional(),
  doneBy: z.string().optional(),
  breaches: z.array(Breach),
  /** Why a skipped step was skipped: a level change can bring a 'level' skip back. */
  skippedBecause: z.enum(['level', 'flag', 'subsided', 'closed']).optional(),
  /** When a level change made this step apply: its deadlines count from then, not from discovery. */
  appliesSince: EpochMs.optional(),
  /** Approval steps: index into the approver chain, and every decision ever made (rounds included). */
  stage: z.number().int().optional(),
  decisions: z.array(ApprovalDecision).optional(),
  /** Monitor steps: follow-up reports (续报) received. */
  followUps: z.number().int().optional(),
  escalation: Escalation.optional(),
  /** Review steps: the submitted form. */
  answers: z.record(z.string(), z.string()).optional(),
});
export type StepState = z.infer<typeof StepState>;

/** A reply promised at run time (P4: a timetable of replies), held to its own deadline. */
export const Milestone = z.strictObject({
  id: z.string(),
  title: z.string(),
  /** Why the reply is not ready yet; promises made before it was asked for have none. */
  reason: z.string().optional(),
  owner: z.string(),
  promisedBy: z.string(),
  dueAt: EpochMs,
  status: z.enum(['open', 'done']),
  doneAt: EpochMs.optional(),
  breaches: z.array(Breach),
  escalation: Escalation.optional(),
});
export type Milestone = z.infer<typeof Milestone>;

/** A question raised while monitoring, answered by its own round of steps (q1-consult, q1-reply…). */
export const Question = z.strictObject({
  id: z.string(),
  text: z.string(),
  role: z.string(),
  raisedBy: z.string(),
  raisedAt: EpochMs,
});
export type Question = z.infer<typeof Question>;

export const TimelineType = z.enum([
  'incident-opened',
  'step-opened',
  'step-done',
  'step-skipped',
  'step-reopened',
  'approval-decided',
  'deadline-breached',
  'escalated',
  'deadline-changed',
  'level-changed',
  'lead-changed',
  'flag-set',
  'metrics-updated',
  'follow-up-reported',
  'milestone-promised',
  'milestone-done',
  'question-raised',
  'incident-subsided',
  'incident-reopened',
  'review-submitted',
  'link-resent',
  'notification-sent',
  'notification-failed',
  'incident-closed',
]);
export type TimelineType = z.infer<typeof TimelineType>;

export const TimelineEvent = z.strictObject({
  seq: z.number().int(),
  at: EpochMs,
  type: TimelineType,
  stepId: z.string().optional(),
  actor: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/** Where an incident was found; carried for the record, never read by the plan. */
export const IncidentSource = z.strictObject({
  platform: z.string(),
  url: z.string().optional(),
  account: z.string().optional(),
});

export const IncidentFacts = z.strictObject({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  level: z.string(),
  reporter: z.string(),
  discoveredAt: EpochMs,
  /** When it happened (事发), if known: never after discoveredAt. */
  occurredAt: EpochMs.optional(),
  metrics: Metrics.optional(),
  source: IncidentSource.optional(),
  /** The plan's flags that hold from intake (P3: accident). */
  flags: z.array(z.string()).optional(),
});
export type IncidentFacts = z.infer<typeof IncidentFacts>;

/** open: responding; aftercare: subsided, still watched until the review (a relapse reopens); closed. */
export const IncidentStatus = z.enum(['open', 'aftercare', 'closed']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** What the engine's state and its view share: the state without its timeline and bookkeeping. */
export const IncidentCore = z.strictObject({
  incident: IncidentFacts,
  planId: z.string(),
  planVersion: z.number().int(),
  level: z.string(),
  leadRole: z.string(),
  status: IncidentStatus,
  metrics: Metrics,
  steps: z.record(z.string(), StepState),
  milestones: z.record(z.string(), Milestone),
  /** Questions raised for a round of their own, in order; unset until the first. */
  questions: z.array(Question).optional(),
  /** The plan's flags set on the incident, each with when it was set; unset on incidents without any. */
  flags: z.record(z.string(), EpochMs).optional(),
  /** Tell each step's owner when it must act (patch 'owner-notices'; unset on older incidents). */
  ownerNotices: z.literal(true).optional(),
  /**
   * The behaviour of patch 'engine-correctness' (unset on incidents before it): lateness recorded
   * whatever order timer and input arrive in, deadlines re-set on a level change, one breach per outage
   * for a follow-up cadence, notices sent beside the loop, repeated update ids answered across runs,
   * the stored part of the timeline dropped from memory, and continuing as new under steady load.
   */
  correctness: z.literal(true).optional(),
  /** A missed deadline climbs the chain a role at a time (patch 'stepwise-escalation'; unset on older incidents). */
  stepwise: z.literal(true).optional(),
});
export type IncidentCore = z.infer<typeof IncidentCore>;

/** The state as queries answer it and the projection stores it: no timeline, no bookkeeping. */
export const IncidentView = IncidentCore.extend({
  breached: z.boolean(),
  nextDueAt: EpochMs.nullable(),
  lastSeq: z.number().int(),
});
export type IncidentView = z.infer<typeof IncidentView>;

/** Answer to an accepted human input; refused inputs fail the update with an InputRefused failure. */
export const Verdict = z.strictObject({
  accepted: z.literal(true),
  /** Sequence number of the last timeline event the input caused (already stored when this returns). */
  seq: z.number().int(),
  stepStatus: StepStatus.optional(),
  incidentStatus: IncidentStatus,
  level: z.string(),
});
export type Verdict = z.infer<typeof Verdict>;

/** An actor as the workflow sees one: who (for the record) acting in which plan role. */
export const Actor = z.strictObject({ id: z.string(), role: z.string() });
export type Actor = z.infer<typeof Actor>;
