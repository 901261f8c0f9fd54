import type { Calendar, Metrics, Plan, Step } from './plan-schema';

export type { Calendar, Metrics, Plan, Step };

/** Epoch milliseconds: JSON-safe across Temporal, unlike Date. */
export type EpochMs = number;

export type StepStatus = 'waiting' | 'open' | 'done' | 'skipped';

export interface Breach {
  dueAt: EpochMs;
  recordedAt: EpochMs;
  lateByMs: number;
  /** Roles notified: the owner and its reportsTo chain. */
  escalatedTo: string[];
  /** Follow-up cadence: how many reports (续报) were missed at once, e.g. after an outage. */
  missedReports?: number;
}

export interface ApprovalDecision {
  role: string;
  by: string;
  decision: 'approve' | 'reject';
  comment?: string;
  at: EpochMs;
}

export interface StepState {
  id: string;
  status: StepStatus;
  openedAt?: EpochMs;
  dueAt?: EpochMs;
  doneAt?: EpochMs;
  doneBy?: string;
  breaches: Breach[];
  /** Why a skipped step was skipped: a level change can bring a 'level' skip back. */
  skippedBecause?: 'level' | 'closed';
  /** When a level change made this step apply: its deadlines count from then, not from discovery. */
  appliesSince?: EpochMs;
  /** Approval steps: index into the approver chain, and every decision ever made (rounds included). */
  stage?: number;
  decisions?: ApprovalDecision[];
  /** Monitor steps: follow-up reports (续报) received. */
  followUps?: number;
  /** Review steps: the submitted form. */
  answers?: Record<string, string>;
}

/** A reply promised at run time (P4: a timetable of replies), held to its own deadline. */
export interface Milestone {
  id: string;
  title: string;
  owner: string;
  promisedBy: string;
  dueAt: EpochMs;
  status: 'open' | 'done';
  doneAt?: EpochMs;
  breaches: Breach[];
}

export type TimelineType =
  | 'incident-opened'
  | 'step-opened'
  | 'step-done'
  | 'step-skipped'
  | 'step-reopened'
  | 'approval-decided'
  | 'deadline-breached'
  | 'deadline-changed'
  | 'level-changed'
  | 'metrics-updated'
  | 'follow-up-reported'
  | 'milestone-promised'
  | 'milestone-done'
  | 'incident-subsided'
  | 'incident-reopened'
  | 'review-submitted'
  | 'notification-sent'
  | 'notification-failed'
  | 'incident-closed';

export interface TimelineEvent {
  seq: number;
  at: EpochMs;
  type: TimelineType;
  stepId?: string;
  actor?: string;
  data: Record<string, unknown>;
}

export interface IncidentFacts {
  id: string;
  title: string;
  summary: string;
  level: string;
  reporter: string;
  discoveredAt: EpochMs;
  metrics?: Metrics;
  /** Where it was found; carried for the record, never read by the plan. */
  source?: { platform: string; url?: string; account?: string };
}

/** open: responding; aftercare: subsided, still watched until the review (a relapse reopens); closed. */
export type IncidentStatus = 'open' | 'aftercare' | 'closed';

export interface IncidentState {
  incident: IncidentFacts;
  planId: string;
  planVersion: number;
  level: string;
  leadRole: string;
  status: IncidentStatus;
  metrics: Metrics;
  steps: Record<string, StepState>;
  milestones: Record<string, Milestone>;
  timeline: TimelineEvent[];
  /** Tell each step's owner when it must act (patch 'owner-notices'; unset on older incidents). */
  ownerNotices?: true;
  /**
   * The behaviour of patch 'engine-correctness' (unset on incidents before it): lateness recorded
   * whatever order timer and input arrive in, deadlines re-set on a level change, one breach per outage
   * for a follow-up cadence, notices sent beside the loop, repeated update ids answered across runs,
   * the stored part of the timeline dropped from memory, and continuing as new under steady load.
   */
  correctness?: true;
  /** How many events were stored and then dropped from `timeline`: the next seq follows them. */
  seqBase?: number;
  /** Accepted updates of the last day (at most RECENT_UPDATES_KEPT), carried across continue-as-new. */
  recentUpdates?: RecentUpdate[];
}

/** The state as queries answer it and the projection stores it: no timeline, no bookkeeping. */
export type IncidentView = Omit<IncidentState, 'timeline' | 'seqBase' | 'recentUpdates'> & {
  breached: boolean;
  nextDueAt: number | null;
  lastSeq: number;
};

/** Answer to an accepted human input; refused inputs fail the update with an InputRefused failure. */
export interface Verdict {
  accepted: true;
  /** Sequence number of the last timeline event the input caused (already stored when this returns). */
  seq: number;
  stepStatus?: StepStatus;
  incidentStatus: IncidentStatus;
  level: string;
}

/** An update id the workflow has answered, so a retry in a later run gets the same answer. */
export interface RecentUpdate {
  id: string;
  at: EpochMs;
  verdict: Verdict;
}

/** An actor as the workflow sees one: who (for the record) acting in which plan role. */
export interface Actor {
  id: string;
  role: string;
}

/** A side effect the engine asks the workflow to perform; the key makes its effect happen once. */
export interface NotificationRequest {
  key: string;
  incidentId: string;
  recipients: string[];
  subject: { zh: string; en: string };
  body: { zh: string; en: string };
  /** Timeline event that caused it. */
  causeSeq: number;
  /** What the message is about, for templates and links (set on notices made under 'owner-notices'). */
  context?: NotificationContext;
}

export interface NotificationContext {
  level: { id: string; names: { zh: string; en: string } };
  step?: { id: string; title: { zh: string; en: string }; dueAt?: EpochMs };
  /** Set when the recipients are asked to decide an approval stage: they get a signed link to decide it. */
  approval?: { stepId: string; stage: number; role: string };
}
