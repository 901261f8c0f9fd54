import type { Calendar, Metrics, Plan, Step } from './plan-schema';
import type { IncidentCore, TimelineEvent, Verdict } from './incident-schema';

// The incident's types. Those the API also answers are inferred from domain/incident-schema.ts, taken
// here as types only: the engine and the workflow import this module and never load zod.

export type { Calendar, Metrics, Plan, Step };
export type {
  Actor,
  ApprovalDecision,
  Breach,
  Escalation,
  IncidentFacts,
  IncidentStatus,
  IncidentView,
  Milestone,
  Question,
  StepState,
  StepStatus,
  TimelineEvent,
  TimelineType,
  Verdict,
} from './incident-schema';

/** Epoch milliseconds: JSON-safe across Temporal, unlike Date. */
export type EpochMs = number;

/** The whole state the engine carries: what the view shows, the timeline, and what carries it across runs. */
export interface IncidentState extends IncidentCore {
  timeline: TimelineEvent[];
  /** How many events were stored and then dropped from `timeline`: the next seq follows them. */
  seqBase?: number;
  /** Accepted updates of the last day (at most RECENT_UPDATES_KEPT), carried across continue-as-new. */
  recentUpdates?: RecentUpdate[];
}

/** An update id the workflow has answered, so a retry in a later run gets the same answer. */
export interface RecentUpdate {
  id: string;
  at: EpochMs;
  verdict: Verdict;
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

/** An event a person caused, as against one the service recorded by itself. */
export const isHumanEvent = (e: TimelineEvent): boolean => e.actor !== undefined && e.actor !== 'system';
