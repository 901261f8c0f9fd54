import type { Incident, TimelineEvent as StoredEvent } from '@prisma/client';
import type { IncidentStatus, TimelineEvent, TimelineType } from '../domain/incident';
import type { IncidentFromProjection, IncidentSummary, TimelineFields } from './responses';

/**
 * How many events `GET /api/incidents/:id` embeds: the latest ones. An incident with more says so
 * (`timelineTruncated`) and points at `/timeline`, which pages through all of them; the answer stays
 * bounded however long an incident runs. As large as the largest page, so ordinary incidents (tens to a
 * few hundred events) always come whole.
 */
export const EMBEDDED_TIMELINE_EVENTS = 1000;

/** A timeline event as the API answers it, stored or live: the engine's event, times as epoch milliseconds. */
export type EventView = TimelineEvent;

// Columns the database knows only as text hold what the engine recorded: an incident status, a timeline
// type, an event's data object as JSON. Their types are restored here, where rows become answers.

/** The projection's status column, as the workflow wrote it. */
export const storedStatus = (status: string): IncidentStatus => status as IncidentStatus;

export function eventView(e: StoredEvent): EventView {
  return {
    seq: e.seq,
    at: e.at.getTime(),
    type: e.type as TimelineType,
    ...(e.stepId === null ? {} : { stepId: e.stepId }),
    ...(e.actor === null ? {} : { actor: e.actor }),
    data: JSON.parse(e.data) as Record<string, unknown>,
  };
}

export interface EmbeddedTimeline {
  timeline: EventView[];
  /** Earlier events exist than the first one embedded; read them from `/timeline`. */
  truncated: boolean;
}

/**
 * One timeline from pieces read at different moments (stored events, events the workflow still holds),
 * each seq once and in order, none after `upTo` (the state the answer describes), the latest `limit`.
 * `earlier`: the store holds events before the first one of the pieces.
 */
export function mergeTimeline(
  pieces: readonly (readonly EventView[])[],
  opts: { upTo: number; limit: number; earlier: boolean },
): EmbeddedTimeline {
  const bySeq = new Map<number, EventView>();
  for (const piece of pieces) {
    for (const e of piece) if (e.seq <= opts.upTo && !bySeq.has(e.seq)) bySeq.set(e.seq, e);
  }
  const all = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return {
    timeline: all.length > opts.limit ? all.slice(all.length - opts.limit) : all,
    truncated: opts.earlier || all.length > opts.limit,
  };
}

/** The embedded timeline with its hint: `timelineNext` is where the whole timeline can be paged from. */
export function timelineFields(incidentId: string, embedded: EmbeddedTimeline): TimelineFields {
  return {
    timeline: embedded.timeline,
    timelineTruncated: embedded.truncated,
    timelineNext: embedded.truncated ? `/api/incidents/${incidentId}/timeline` : null,
  };
}

/**
 * An incident from the projection, for when its workflow is gone or Temporal cannot be reached: shaped
 * like the live state (times as epoch milliseconds, the intake facts under `incident`) so a client reads
 * both the same way.
 */
export function projectionView(
  row: Incident,
  embedded: EmbeddedTimeline,
  reason: IncidentFromProjection['reason'],
): IncidentFromProjection {
  return {
    incident: {
      id: row.id,
      title: row.title,
      summary: row.summary,
      reporter: row.reporter,
      discoveredAt: row.discoveredAt.getTime(),
      ...(row.sourcePlatform === null
        ? {}
        : {
            source: {
              platform: row.sourcePlatform,
              ...(row.sourceUrl === null ? {} : { url: row.sourceUrl }),
            },
          }),
    },
    workflowId: row.workflowId,
    planId: row.planId,
    planVersion: row.planVersion,
    level: row.level,
    leadRole: row.leadRole,
    status: storedStatus(row.status),
    breached: row.breached,
    lastSeq: row.lastSeq,
    updatedAt: row.updatedAt.getTime(),
    ...timelineFields(row.id, embedded),
    source: 'projection',
    reason,
  };
}

/** An incident as the list shows it: the projection's row, its times as ISO 8601, its source as one field. */
export function incidentSummary(row: Incident): IncidentSummary {
  return {
    id: row.id,
    workflowId: row.workflowId,
    planId: row.planId,
    planVersion: row.planVersion,
    title: row.title,
    summary: row.summary,
    level: row.level,
    leadRole: row.leadRole,
    status: storedStatus(row.status),
    breached: row.breached,
    reporter: row.reporter,
    discoveredAt: row.discoveredAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastSeq: row.lastSeq,
    source: row.sourcePlatform === null ? null : { platform: row.sourcePlatform, url: row.sourceUrl },
  };
}
