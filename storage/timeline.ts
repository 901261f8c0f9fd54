import type { PrismaClient, TimelineEvent } from '@prisma/client';

// Reading one incident's stored timeline by sequence number. Every read here is a range on the primary
// key (incidentId, seq), which SQLite and PostgreSQL both walk in order (in either direction): no sort,
// no scan of other incidents' events, however long the timeline (test/integration/timeline-storage).

export interface TimelinePage {
  items: TimelineEvent[];
  /** Set when there may be more: the seq of the last item, to pass as `after` for the next page. */
  next: number | null;
}

/** Keyset pages in seq order: an event stored while someone pages never shifts what follows. */
export async function timelinePage(
  prisma: PrismaClient,
  incidentId: string,
  page: { after: number; limit: number },
): Promise<TimelinePage> {
  const rows = await prisma.timelineEvent.findMany({
    where: { incidentId, seq: { gt: page.after } },
    orderBy: { seq: 'asc' },
    take: page.limit + 1,
  });
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > page.limit && last ? last.seq : null };
}

/** The latest `count` stored events in seq order, and whether earlier ones are stored too. */
export async function latestTimelineEvents(
  prisma: PrismaClient,
  incidentId: string,
  count: number,
): Promise<{ events: TimelineEvent[]; earlier: boolean }> {
  const rows = await prisma.timelineEvent.findMany({
    where: { incidentId },
    orderBy: { seq: 'desc' },
    take: count + 1,
  });
  return { events: rows.slice(0, count).reverse(), earlier: rows.length > count };
}

/** The stored events with after < seq ≤ upTo, in seq order. */
export async function timelineRange(
  prisma: PrismaClient,
  incidentId: string,
  after: number,
  upTo: number,
): Promise<TimelineEvent[]> {
  return prisma.timelineEvent.findMany({
    where: { incidentId, seq: { gt: after, lte: upTo } },
    orderBy: { seq: 'asc' },
  });
}
