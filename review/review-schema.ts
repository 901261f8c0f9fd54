import { z } from 'zod';
import {
  ApprovalDecision,
  EpochMs,
  IncidentSource,
  IncidentStatus,
  TimelineType,
} from '../domain/incident-schema';
import { Bilingual, FigureId } from '../domain/plan-schema';

// The after-action review as one schema: the API answers it, `npm run review -- --format json` writes
// it, and the page and the Markdown are drawn from it. It holds facts, not prose; the words are added
// when it is drawn. Nothing in it depends on when or where it was made, so a review made from the live
// server equals one made from the exported file.

const Duration = z.number().int().nonnegative().describe('Milliseconds');

/** A person as the record shows them: their id, and the plan role they acted in when it is known. */
export const Who = z.strictObject({
  id: z.string(),
  role: z.string().optional(),
  roleName: Bilingual.optional(),
});
export type Who = z.infer<typeof Who>;

/** Who sent an input, as Temporal recorded it: the update's id and the client identity. */
export const Sender = z.strictObject({ updateId: z.string(), identity: z.string() });
export type Sender = z.infer<typeof Sender>;

/** One run of the continue-as-new chain, as replayed. */
export const ReplayedRun = z.strictObject({
  runId: z.string(),
  events: z.number().int(),
  startedAt: EpochMs,
  lastEventAt: EpochMs,
  /** closed: the incident ended in this run; continued: as new; running: the history stops here. */
  ended: z.enum(['closed', 'continued', 'running']),
});

/** Where a history stopped agreeing with the code that replayed it. */
export const Divergence = z.strictObject({
  runId: z.string(),
  /** 1-based position of the run in the chain. */
  run: z.number().int().positive(),
  /** The history event it diverged at, when the replay says. */
  eventId: z.number().int().positive().optional(),
  eventType: z.string().optional(),
  reason: z.string(),
});
export type Divergence = z.infer<typeof Divergence>;

export const ReplayReport = z.strictObject({
  /** The workflow code that replayed the history: package version and a hash of the workflow bundle. */
  codeVersion: z.string(),
  consistent: z.boolean(),
  runs: z.array(ReplayedRun),
  divergence: Divergence.optional(),
});
export type ReplayReport = z.infer<typeof ReplayReport>;

export const LevelPeriod = z.strictObject({
  from: EpochMs,
  level: z.string(),
  /** 0 for the plan's most severe level. */
  rank: z.number().int().nonnegative(),
  levelName: Bilingual,
  colour: z.string().optional(),
  leadRole: z.string(),
  leadRoleName: Bilingual,
  /** Who changed it (absent for the level set at intake) and why. */
  by: Who.optional(),
  reason: z.string().optional(),
});

export const ReviewEvent = z.strictObject({
  seq: z.number().int(),
  at: EpochMs,
  type: TimelineType,
  stepId: z.string().optional(),
  stepTitle: Bilingual.optional(),
  by: Who.optional(),
  sender: Sender.optional(),
  data: z.record(z.string(), z.unknown()),
});
export type ReviewEvent = z.infer<typeof ReviewEvent>;

/** One message about a deadline or a decision, and whether it arrived. */
export const Delivery = z.strictObject({
  key: z.string(),
  recipients: z.array(z.string()),
  channel: z.string().optional(),
  /** Activity attempts Temporal made (each retry counted); absent when the history does not say. */
  attempts: z.number().int().optional(),
  result: z.enum(['sent', 'failed', 'in-flight']),
  reason: z.string().optional(),
  /** The workers that tried it. */
  workers: z.array(z.string()),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeadlineRecord = z.strictObject({
  subject: z.enum(['step', 'follow-up', 'milestone']),
  id: z.string(),
  title: Bilingual,
  owner: z.string().optional(),
  ownerName: Bilingual.optional(),
  dueAt: EpochMs,
  outcome: z.enum(['met', 'breached', 'open', 'dropped']),
  doneAt: EpochMs.optional(),
  /** How late: when the work was done late, else when the breach was recorded. */
  lateByMs: Duration.optional(),
  breach: z
    .strictObject({
      recordedAt: EpochMs,
      /** When the deadline timer fired, from the history; differs from recordedAt only by processing. */
      timerFiredAt: EpochMs.optional(),
      escalatedTo: z.array(z.strictObject({ role: z.string(), roleName: Bilingual })),
      missedReports: z.number().int().optional(),
      messages: z.array(Delivery),
    })
    .optional(),
});
export type DeadlineRecord = z.infer<typeof DeadlineRecord>;

export const ApprovalStageRecord = z.strictObject({
  stage: z.number().int(),
  role: z.string(),
  roleName: Bilingual,
  /** When the stage reached its approver. */
  askedAt: EpochMs,
  decision: ApprovalDecision.omit({ role: true }).optional(),
  /** From askedAt to the decision. */
  waitedMs: Duration.optional(),
});

export const ApprovalRecord = z.strictObject({
  stepId: z.string(),
  title: Bilingual,
  stages: z.number().int(),
  rounds: z.array(
    z.strictObject({
      round: z.number().int().positive(),
      submittedAt: EpochMs,
      outcome: z.enum(['approved', 'rejected', 'pending']),
      stages: z.array(ApprovalStageRecord),
    }),
  ),
});
export type ApprovalRecord = z.infer<typeof ApprovalRecord>;

export const MilestoneRecord = z.strictObject({
  id: z.string(),
  title: z.string(),
  /** Why the reply was not ready when promised (P4: 说明原因，给出时间表); older promises have none. */
  reason: z.string().optional(),
  owner: z.string(),
  promisedBy: Who,
  promisedAt: EpochMs,
  dueAt: EpochMs,
  doneAt: EpochMs.optional(),
  outcome: z.enum(['met', 'late', 'breached', 'open']),
});

export const FollowUpRecord = z.strictObject({
  stepId: z.string(),
  title: Bilingual,
  every: z.string().optional(),
  reports: z.array(z.strictObject({ at: EpochMs, by: Who.optional() })),
  /** The longest time without a report, from the step opening to the last report (or the step's end). */
  longestGapMs: Duration.optional(),
  missedReports: z.number().int(),
});

export const Figure = z.strictObject({
  id: z.enum([...FigureId.options, 'subsided', 'closed']),
  stepId: z.string().optional(),
  /** From discovery; absent when it was never reached. */
  durationMs: Duration.optional(),
  dueAt: EpochMs.optional(),
  outcome: z.enum(['met', 'breached', 'no-deadline', 'not-reached']),
});
export type Figure = z.infer<typeof Figure>;

export const ReviewForm = z.strictObject({
  stepId: z.string(),
  title: Bilingual,
  fields: z.array(z.strictObject({ id: z.string(), label: Bilingual, answer: z.string().optional() })),
  submittedBy: Who.optional(),
  submittedAt: EpochMs.optional(),
});

/** 缓报: work that reports upwards (or any step) done after its deadline. */
export const LateReport = z.strictObject({
  seq: z.number().int(),
  stepId: z.string(),
  title: Bilingual,
  dueAt: EpochMs,
  doneAt: EpochMs,
  lateByMs: Duration,
  by: Who.optional(),
});

/** What Temporal recorded that the engine does not know itself. */
export const Execution = z.strictObject({
  workers: z.array(
    z.strictObject({ identity: z.string(), workflowTasks: z.number().int(), activities: z.number().int() }),
  ),
  timers: z.array(
    z.strictObject({
      timerId: z.string(),
      startedAt: EpochMs,
      /** The duration asked for. */
      durationMs: Duration,
      firedAt: EpochMs.optional(),
      canceledAt: EpochMs.optional(),
    }),
  ),
  activities: z.array(
    z.strictObject({
      activity: z.string(),
      scheduledAt: EpochMs,
      attempts: z.number().int().optional(),
      worker: z.string().optional(),
      result: z.enum(['completed', 'failed', 'timed-out', 'canceled', 'pending']),
      failure: z.string().optional(),
      endedAt: EpochMs.optional(),
    }),
  ),
  inputs: z.array(
    z.strictObject({
      updateId: z.string(),
      input: z.string(),
      identity: z.string(),
      by: Who.optional(),
      at: EpochMs,
      outcome: z.enum(['accepted', 'refused', 'turned-away', 'pending']),
      /** The last timeline event it caused (accepted), or why it was refused. */
      seq: z.number().int().optional(),
      reason: z.string().optional(),
    }),
  ),
});
export type Execution = z.infer<typeof Execution>;

export const Review = z.strictObject({
  replay: ReplayReport,
  incident: z.strictObject({
    id: z.string(),
    workflowId: z.string(),
    title: z.string(),
    summary: z.string(),
    discoveredAt: EpochMs,
    openedAt: EpochMs,
    openedBy: z.strictObject({ reporter: z.string(), identity: z.string() }),
    source: IncidentSource.optional(),
    status: IncidentStatus,
  }),
  plan: z.strictObject({
    id: z.string(),
    version: z.number().int(),
    title: Bilingual,
    /** sha256 (hex) of the canonical JSON of the plan snapshot the incident ran under. */
    snapshotHash: z.string(),
    /** Where the review's figure marks came from: the snapshot, or (older snapshots) today's catalog. */
    figuresFrom: z.enum(['snapshot', 'catalog', 'none']),
    /** Every role of the snapshot by id, so a bare role id (a message's recipients) reads as a name. */
    roles: z.record(z.string(), Bilingual),
  }),
  /** Absent when the replay was not consistent: a history the code cannot explain is not explained. */
  findings: z
    .strictObject({
      levels: z.array(LevelPeriod),
      timeline: z.strictObject({ human: z.array(ReviewEvent), system: z.array(ReviewEvent) }),
      deadlines: z.array(DeadlineRecord),
      approvals: z.array(ApprovalRecord),
      milestones: z.array(MilestoneRecord),
      followUps: z.array(FollowUpRecord),
      figures: z.array(Figure),
      forms: z.array(ReviewForm),
      lateReports: z.array(LateReport),
      execution: Execution,
    })
    .optional(),
});
export type Review = z.infer<typeof Review>;
