import { z } from 'zod';
import {
  EpochMs,
  IncidentFacts,
  IncidentSource,
  IncidentStatus,
  IncidentView,
  TimelineEvent,
} from '../domain/incident-schema';
import { Bilingual, Level, Plan, Step } from '../domain/plan-schema';
import { RoleAssignment, Webhook } from './people-schemas';

// The API's success bodies. Routes type what they answer with the inferred types, the OpenAPI document
// describes each response with its schema, and the integration tests parse real answers with them.

/** Times the API reads from the database are answered as ISO 8601 (UTC); the incident's own as EpochMs. */
const IsoTime = z.iso.datetime();

/** GET /api/incidents/:id embeds the latest events and says where the rest can be paged from. */
export const TimelineFields = z.strictObject({
  timeline: z.array(TimelineEvent),
  timelineTruncated: z.boolean(),
  /** The /timeline URL when timelineTruncated, else null. */
  timelineNext: z.string().nullable(),
});
export type TimelineFields = z.infer<typeof TimelineFields>;

/** GET /api/incidents/:id while the workflow runs (or is kept): its live state. */
export const IncidentFromWorkflow = IncidentView.extend({
  ...TimelineFields.shape,
  source: z.literal('workflow'),
});

/**
 * GET /api/incidents/:id once the workflow is gone, or while Temporal cannot be reached: what the
 * projection stores, which is less than the live state (no steps, milestones or metrics; the row's
 * workflowId and updatedAt instead) and, in the second case, may be a moment behind it.
 */
export const IncidentFromProjection = z.strictObject({
  incident: IncidentFacts.pick({
    id: true,
    title: true,
    summary: true,
    reporter: true,
    discoveredAt: true,
  }).extend({ source: IncidentSource.omit({ account: true }).optional() }),
  workflowId: z.string(),
  planId: z.string(),
  planVersion: z.number().int(),
  level: z.string(),
  leadRole: z.string(),
  status: IncidentStatus,
  breached: z.boolean(),
  lastSeq: z.number().int(),
  updatedAt: EpochMs,
  ...TimelineFields.shape,
  source: z.literal('projection'),
  /** Why the projection answers: the workflow is gone, or Temporal cannot be reached for now. */
  reason: z.enum(['workflow-gone', 'temporal-unavailable']),
});
export type IncidentFromProjection = z.infer<typeof IncidentFromProjection>;

export const IncidentAnswer = z.discriminatedUnion('source', [IncidentFromWorkflow, IncidentFromProjection]);
export type IncidentAnswer = z.infer<typeof IncidentAnswer>;

/** POST /api/incidents: 201 when started, 200 with the same answer for a repeated Idempotency-Key. */
export const IncidentStarted = z.strictObject({
  id: z.uuid(),
  workflowId: z.string(),
  level: z.string(),
  /** The level the plan's thresholds suggest from the reported metrics; null without them. */
  suggestedLevel: z.string().nullable(),
  planId: z.string(),
  planVersion: z.number().int(),
});
export type IncidentStarted = z.infer<typeof IncidentStarted>;

/** One incident in the list: the projection's row. */
export const IncidentSummary = z.strictObject({
  id: z.string(),
  workflowId: z.string(),
  planId: z.string(),
  planVersion: z.number().int(),
  title: z.string(),
  summary: z.string(),
  level: z.string(),
  leadRole: z.string(),
  status: IncidentStatus,
  breached: z.boolean(),
  reporter: z.string(),
  discoveredAt: IsoTime,
  createdAt: IsoTime,
  updatedAt: IsoTime,
  lastSeq: z.number().int(),
  source: z.strictObject({ platform: z.string(), url: z.string().nullable() }).nullable(),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

/** GET /api/incidents: newest first; nextCursor is null on the last page. */
export const IncidentPage = z.strictObject({
  items: z.array(IncidentSummary),
  nextCursor: z.string().nullable(),
});
export type IncidentPage = z.infer<typeof IncidentPage>;

/** GET /api/incidents/:id/timeline: stored events in seq order; nextAfter is null on the last page. */
export const TimelinePage = z.strictObject({
  items: z.array(TimelineEvent),
  nextAfter: z.number().int().nullable(),
});
export type TimelinePage = z.infer<typeof TimelinePage>;

/** GET /links/:token: what a signed approval link decides, checked against today. */
export const ApprovalLinkView = z.strictObject({
  /** title, planId and status are null when neither the workflow nor the projection knows the incident. */
  incident: z.strictObject({
    id: z.string(),
    title: z.string().nullable(),
    planId: z.string().nullable(),
    status: IncidentStatus.nullable(),
  }),
  /** The title from the catalog; null when the plan no longer has the step. */
  step: z.strictObject({ id: z.string(), title: Bilingual.nullable() }),
  stage: z.number().int(),
  role: z.string(),
  person: z.strictObject({ id: z.string(), name: z.string() }),
  expiresAt: IsoTime,
  /** Whether the stage is still the one the step awaits: only then can the link decide it. */
  decidable: z.boolean(),
});
export type ApprovalLinkView = z.infer<typeof ApprovalLinkView>;

/** A person as the people API answers: never the webhook secret, only whether one is set. */
export const Person = z.strictObject({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  webhook: Webhook.pick({ url: true, format: true }).nullable(),
  hasWebhookSecret: z.boolean(),
  active: z.boolean(),
  roles: z.array(RoleAssignment),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Person = z.infer<typeof Person>;

export const PersonList = z.strictObject({ items: z.array(Person) });
export type PersonList = z.infer<typeof PersonList>;

const keyId = z.string().regex(/^[0-9a-f]{12}$/);

export const ApiKeySummary = z.strictObject({
  id: keyId,
  label: z.string(),
  createdAt: IsoTime,
  revokedAt: IsoTime.nullable(),
});
export type ApiKeySummary = z.infer<typeof ApiKeySummary>;

export const ApiKeyList = z.strictObject({ items: z.array(ApiKeySummary) });
export type ApiKeyList = z.infer<typeof ApiKeyList>;

/** The key itself is in this answer only: the service keeps its SHA-256. */
export const IssuedApiKey = z.strictObject({
  key: z.string(),
  id: keyId,
  label: z.string(),
  createdAt: IsoTime,
});
export type IssuedApiKey = z.infer<typeof IssuedApiKey>;

/** GET /api/me: an operator key acts as nobody and holds no role; a person key acts as its person. */
export const Me = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('operator'),
    keyId,
    person: z.null(),
    roles: z.array(RoleAssignment).max(0),
  }),
  z.strictObject({
    kind: z.literal('person'),
    keyId,
    person: Person.omit({ roles: true }),
    roles: z.array(RoleAssignment),
  }),
]);
export type Me = z.infer<typeof Me>;

/** GET /api/plans: what an integrator chooses a plan by. */
export const PlanSummary = Plan.pick({ id: true, version: true, title: true }).extend({
  levels: z.array(Level.pick({ id: true, names: true, colour: true })),
  /** Whether intake may leave the level out and send metrics instead. */
  suggestsLevelFromMetrics: z.boolean(),
});
export const PlanList = z.strictObject({ plans: z.array(PlanSummary) });
export type PlanList = z.infer<typeof PlanList>;

/** A time in ms, nearest-rank (always a time some incident took); null when the step was never done. */
const PercentileMs = z.number().int().nonnegative().nullable();

/** One step of the plan across its incidents. */
export const StepStats = z.strictObject({
  stepId: z.string(),
  title: Bilingual,
  kind: z.union(Step.options.map((o) => o.shape.kind)),
  /** Incidents in which the step opened, and in which it was done. */
  opened: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  /** From the step's first opening to its last completion in an incident. */
  timeToDoneMs: z.strictObject({ median: PercentileMs, p90: PercentileMs }),
  /** Over incidents in which the step had a due time: met (done, never breached), breached, pending. */
  deadlines: z.strictObject({
    met: z.number().int().nonnegative(),
    breached: z.number().int().nonnegative(),
    pending: z.number().int().nonnegative(),
    /** met / (met + breached); null when none was decided yet. */
    shareMet: z.number().min(0).max(1).nullable(),
  }),
});

/** GET /api/plans/:planId/stats: which clauses of its plan an office keeps, from the projection. */
export const PlanStats = z.strictObject({
  planId: z.string(),
  /** The catalog's version now; incidents may have run under older ones. */
  planVersion: z.number().int(),
  incidents: z.strictObject({
    total: z.number().int().nonnegative(),
    /** Every level of the plan, most severe first, zero counts included. */
    byLevel: z.array(
      z.strictObject({ level: z.string(), names: Bilingual, count: z.number().int().nonnegative() }),
    ),
    byStatus: z.strictObject({
      open: z.number().int().nonnegative(),
      aftercare: z.number().int().nonnegative(),
      closed: z.number().int().nonnegative(),
    }),
    /** Incidents with at least one breached deadline. */
    breached: z.number().int().nonnegative(),
  }),
  /** Every step of the plan, in plan order. */
  steps: z.array(StepStats),
});
export type PlanStats = z.infer<typeof PlanStats>;

/** GET /healthz, 200: every dependency answered. */
export const Healthy = z.strictObject({
  status: z.literal('ok'),
  temporal: z.literal('ok'),
  database: z.literal('ok'),
});

/** GET /healthz, 503: each dependency's reason in its place, 'ok' for those that answered. */
export const Unhealthy = z.strictObject({
  status: z.literal('unavailable'),
  temporal: z.string(),
  database: z.string(),
});
