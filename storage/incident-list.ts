import type { Incident, Prisma, PrismaClient, TimelineEvent } from '@prisma/client';

// Reading the incident projection: the list with its filters and keyset pages, and one incident with its
// timeline for when the workflow itself is gone.

export interface IncidentFilter {
  status?: string | undefined;
  level?: string | undefined;
  planId?: string | undefined;
  breached?: boolean | undefined;
  /** Free text in title or summary. */
  q?: string | undefined;
}

/** Where a page starts: after this incident in the order newest first, ties broken by id. */
export interface IncidentPosition {
  createdAt: Date;
  id: string;
}

export interface IncidentPage {
  items: Incident[];
  /** Set when there may be more: the position of the last item. */
  next: IncidentPosition | null;
}

function where(filter: IncidentFilter, after: IncidentPosition | undefined): Prisma.IncidentWhereInput {
  const and: Prisma.IncidentWhereInput[] = [];
  if (filter.status !== undefined) and.push({ status: filter.status });
  if (filter.level !== undefined) and.push({ level: filter.level });
  if (filter.planId !== undefined) and.push({ planId: filter.planId });
  if (filter.breached !== undefined) and.push({ breached: filter.breached });
  // `contains` is LIKE on SQLite (ASCII case-insensitive) and case-sensitive on PostgreSQL; the texts are
  // Chinese first, where case does not arise.
  if (filter.q !== undefined) {
    and.push({ OR: [{ title: { contains: filter.q } }, { summary: { contains: filter.q } }] });
  }
  if (after) {
    // (createdAt, id) < the position, written so that the first term bounds an index range: the OR alone
    // leaves SQLite scanning from the newest row, so page n would cost n pages.
    and.push(
      { createdAt: { lte: after.createdAt } },
      { OR: [{ createdAt: { lt: after.createdAt } }, { id: { lt: after.id } }] },
    );
  }
  return { AND: and };
}

/** Keyset pages rather than offsets: an incident created while someone pages never shifts what follows. */
export async function listIncidents(
  prisma: PrismaClient,
  filter: IncidentFilter,
  page: { limit: number; after?: IncidentPosition | undefined },
): Promise<IncidentPage> {
  const rows = await prisma.incident.findMany({
    where: where(filter, page.after),
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
  });
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items,
    next: rows.length > page.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

export type StoredIncident = Incident & { timeline: TimelineEvent[] };

export async function getStoredIncident(prisma: PrismaClient, id: string): Promise<StoredIncident | null> {
  return prisma.incident.findUnique({ where: { id }, include: { timeline: { orderBy: { seq: 'asc' } } } });
}

/** The incident row alone; its timeline is read by seq (storage/timeline.ts), never whole. */
export async function getIncidentRow(prisma: PrismaClient, id: string): Promise<Incident | null> {
  return prisma.incident.findUnique({ where: { id } });
}

/** The plan an incident runs under, from the projection; null before its first write or if unknown. */
export async function storedPlanId(prisma: PrismaClient, id: string): Promise<string | null> {
  const row = await prisma.incident.findUnique({ where: { id }, select: { planId: true } });
  return row?.planId ?? null;
}
