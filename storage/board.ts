import type { Incident, Prisma, PrismaClient } from '@prisma/client';

// The office's board: incidents still being handled (open, aftercare), most urgent first: the earliest
// due time of anything open, overdue ones first of all, then those with nothing due. Keyset pages on
// (urgentAt, id), nulls last, so an incident changing while someone pages never repeats or skips a row
// that stays put.

export interface BoardFilter {
  status?: 'open' | 'aftercare' | undefined;
  level?: string | undefined;
  planId?: string | undefined;
  breached?: boolean | undefined;
  q?: string | undefined;
  /** Waiting for me: per plan, the steps my roles act on; an incident matches when one of them is open. */
  mine?: { planId: string; stepIds: string[] }[] | undefined;
}

export interface BoardPosition {
  urgentAt: Date | null;
  id: string;
}

export interface BoardPage {
  items: Incident[];
  next: BoardPosition | null;
}

function after(p: BoardPosition): Prisma.IncidentWhereInput {
  if (p.urgentAt === null) return { urgentAt: null, id: { gt: p.id } };
  return {
    OR: [{ urgentAt: { gt: p.urgentAt } }, { urgentAt: p.urgentAt, id: { gt: p.id } }, { urgentAt: null }],
  };
}

function where(filter: BoardFilter, position: BoardPosition | undefined): Prisma.IncidentWhereInput {
  const and: Prisma.IncidentWhereInput[] = [
    filter.status === undefined ? { status: { in: ['open', 'aftercare'] } } : { status: filter.status },
  ];
  if (filter.level !== undefined) and.push({ level: filter.level });
  if (filter.planId !== undefined) and.push({ planId: filter.planId });
  if (filter.breached !== undefined) and.push({ breached: filter.breached });
  if (filter.q !== undefined) {
    and.push({ OR: [{ title: { contains: filter.q } }, { summary: { contains: filter.q } }] });
  }
  if (filter.mine !== undefined) {
    and.push({
      OR: filter.mine
        .filter((m) => m.stepIds.length > 0)
        .map((m) => ({
          planId: m.planId,
          OR: m.stepIds.map((s) => ({ openSteps: { contains: `,${s},` } })),
        })),
    });
  }
  if (position) and.push(after(position));
  return { AND: and };
}

export async function listBoard(
  prisma: PrismaClient,
  filter: BoardFilter,
  page: { limit: number; after?: BoardPosition | undefined },
): Promise<BoardPage> {
  const rows = await prisma.incident.findMany({
    where: where(filter, page.after),
    orderBy: [{ urgentAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
    take: page.limit + 1,
  });
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > page.limit && last ? { urgentAt: last.urgentAt, id: last.id } : null };
}
