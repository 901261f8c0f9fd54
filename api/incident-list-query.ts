import { z } from 'zod';
import { IncidentStatus } from '../domain/incident-schema';
import type { IncidentFilter, IncidentPosition } from '../storage/incident-list';
import { HttpError } from './errors';

/** GET /api/incidents query. Unknown parameters are refused: a misspelt filter would silently list all. */
export const ListIncidentsQuery = z.strictObject({
  status: IncidentStatus.optional(),
  level: z.string().min(1).max(100).optional(),
  planId: z.string().min(1).max(200).optional(),
  breached: z.enum(['true', 'false']).optional(),
  /** Free text in title or summary. */
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** nextCursor of the page before; opaque. */
  cursor: z.string().min(1).max(500).optional(),
});
export type ListIncidentsQuery = z.infer<typeof ListIncidentsQuery>;

const Position = z.strictObject({ t: z.number().int(), id: z.string().min(1) });

export function encodeCursor(p: IncidentPosition): string {
  return Buffer.from(JSON.stringify({ t: p.createdAt.getTime(), id: p.id })).toString('base64url');
}

/** undefined for a cursor this API did not hand out. */
function decodeCursor(cursor: string): IncidentPosition | undefined {
  try {
    const parsed = Position.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { createdAt: new Date(parsed.data.t), id: parsed.data.id } : undefined;
  } catch {
    return undefined;
  }
}

/** A 400 naming each bad query parameter (an unknown one by its own name). */
export function refuseQuery(error: z.ZodError): never {
  refuse(
    error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((key) => ({ path: key, issue: 'unknown query parameter' }))
        : [{ path: i.path.map(String).join('.'), issue: i.message }],
    ),
  );
}

function refuse(details: { path: string; issue: string }[]): never {
  const first = details[0];
  throw new HttpError(
    400,
    'invalid-request',
    first ? `invalid query: ${first.path}: ${first.issue}` : 'invalid query',
    details,
  );
}

/** The list request, or a 400 naming each bad parameter (an unknown one by its own name). */
export function parseListQuery(query: unknown): {
  filter: IncidentFilter;
  limit: number;
  after: IncidentPosition | undefined;
} {
  const result = ListIncidentsQuery.safeParse(query);
  if (!result.success) refuseQuery(result.error);
  const { cursor, limit, breached, ...filter } = result.data;
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  if (cursor !== undefined && after === undefined) {
    refuse([{ path: 'cursor', issue: 'not a cursor from this API: pass nextCursor of the page before' }]);
  }
  return {
    filter: { ...filter, ...(breached === undefined ? {} : { breached: breached === 'true' }) },
    limit,
    after,
  };
}
