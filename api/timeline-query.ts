import { z } from 'zod';
import { refuseQuery } from './incident-list-query';

/** Largest seq a page may start after: the column is a 32-bit integer on SQLite and PostgreSQL alike. */
const MAX_SEQ = 2_147_483_647;

/** GET /api/incidents/:id/timeline query. Unknown parameters are refused, like the list's. */
export const TimelineQuery = z.strictObject({
  /** nextAfter of the page before; 0 (the default) starts at the first event. */
  after: z.coerce.number().int().min(0).max(MAX_SEQ).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;

/** The page request, or a 400 naming each bad parameter (an unknown one by its own name). */
export function parseTimelineQuery(query: unknown): TimelineQuery {
  const result = TimelineQuery.safeParse(query);
  if (result.success) return result.data;
  return refuseQuery(result.error);
}
