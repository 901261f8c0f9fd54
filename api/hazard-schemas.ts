import { z } from 'zod';
import { HAZARD_REGISTER_PLAN } from '../domain/hazard';
import { IncidentStarted } from './responses';

// The hazard register's requests and answers (P4 附件3, 网络舆情隐患排查表): one schema per body, parsed once
// at the edge; the answers are what the routes send and what OpenAPI documents.

const IsoTime = z.iso.datetime();
const text = (max: number) => z.string().trim().max(max);

/** Checked against the clock when a request is parsed: a deadline already gone is a typing mistake. */
const ahead = (iso: string): boolean => Date.parse(iso) > Date.now();

/** POST /api/hazards: one row of the table, as the unit fills it in. */
export const CreateHazardBody = z.strictObject({
  /** The plan whose office gathers the register; only P4 keeps one. */
  planId: z.string().min(1).default(HAZARD_REGISTER_PLAN),
  /** 科室 */
  section: text(200).min(1),
  /** 舆情隐患内容 */
  hazard: text(5_000).min(1),
  /** 线下处置措施 */
  offlineMeasure: text(5_000).default(''),
  /** 线上管控措施及引导口径 */
  onlineMeasure: text(5_000).default(''),
  /** 解决时限, ISO time with an offset; it must lie ahead. */
  resolveBy: z.iso
    .datetime({ offset: true })
    .refine(ahead, { message: 'in the past: the deadline must lie ahead' }),
  /** Who filled it in: required with an operator key; a person's key is the person (leave it out). */
  reporter: text(200).min(1).optional(),
});
export type CreateHazardBody = z.infer<typeof CreateHazardBody>;

export const HazardParams = z.strictObject({ id: z.uuid('a hazard entry id (UUID)') });

export const HazardStatus = z.enum(['open', 'overdue', 'resolved', 'became-incident']);

/** GET /api/hazards: `active` is open and overdue together. */
export const ListHazardsQuery = z.strictObject({
  status: z.enum([...HazardStatus.options, 'active']).optional(),
  planId: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListHazardsQuery = z.infer<typeof ListHazardsQuery>;

/** POST /api/hazards/:id/resolve */
export const ResolveHazardBody = z.strictObject({
  /** Who says it is resolved: required with an operator key; a person's key is the person. */
  by: text(200).min(1).optional(),
  /** What was done. */
  note: text(2_000).optional(),
});
export type ResolveHazardBody = z.infer<typeof ResolveHazardBody>;

/** POST /api/hazards/:id/incident: the hazard broke out; an incident starts from it. */
export const HazardIncidentBody = z.strictObject({
  /** The incident's level under the entry's plan (P4: l1, l2, l3). */
  level: z.string().min(1),
  /** Default: the section and the hazard. */
  title: text(500).min(1).optional(),
  /** Who turns it into an incident, recorded as the incident's reporter. */
  by: text(200).min(1).optional(),
});
export type HazardIncidentBody = z.infer<typeof HazardIncidentBody>;

/** One entry as the API answers it; times as ISO 8601 (UTC). */
export const HazardSummary = z.strictObject({
  id: z.uuid(),
  workflowId: z.string(),
  planId: z.string(),
  section: z.string(),
  hazard: z.string(),
  offlineMeasure: z.string(),
  onlineMeasure: z.string(),
  resolveBy: IsoTime,
  /** When the unit and the office are reminded: a day before resolveBy, or halfway when that is sooner. */
  remindAt: IsoTime,
  reportedBy: z.string(),
  reportedAt: IsoTime,
  status: HazardStatus,
  /** Past its deadline and not resolved (the stored status may lag the timer by a moment). */
  overdue: z.boolean(),
  remindedAt: IsoTime.nullable(),
  breachedAt: IsoTime.nullable(),
  resolvedAt: IsoTime.nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
  incidentId: z.string().nullable(),
});
export type HazardSummary = z.infer<typeof HazardSummary>;

export const HazardList = z.strictObject({ items: z.array(HazardSummary) });
export type HazardList = z.infer<typeof HazardList>;

/** POST /api/hazards/:id/incident: the entry closed as became-incident, and the incident started. */
export const HazardIncidentStarted = z.strictObject({ hazard: HazardSummary, incident: IncidentStarted });
export type HazardIncidentStarted = z.infer<typeof HazardIncidentStarted>;
