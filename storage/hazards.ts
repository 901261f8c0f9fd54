import type { Hazard, Prisma, PrismaClient } from '@prisma/client';
import { isUniqueViolation } from './unique-violation';

// P4's hazard register as stored: one row per entry, written by its workflow's activity (a snapshot
// with a version; an older one never replaces a newer one), read by the API's list and the board.

export type HazardRow = Omit<Hazard, 'createdAt' | 'updatedAt'>;

/** Entries still waiting to be resolved. */
export const OPEN_HAZARD_STATUSES = ['open', 'overdue'] as const;

/**
 * Stores a snapshot of an entry. Idempotent: a retried write stores it once, and one older than the
 * stored row (a late retry) changes nothing.
 */
export async function storeHazard(prisma: PrismaClient, row: HazardRow): Promise<void> {
  const { id, ...rest } = row;
  const updated = await prisma.hazard.updateMany({ where: { id, version: { lt: row.version } }, data: rest });
  if (updated.count > 0) return;
  try {
    await prisma.hazard.create({ data: row });
  } catch (err) {
    // The row is there already, as new as this snapshot or newer.
    if (!isUniqueViolation(err)) throw err;
  }
}

export interface HazardFilter {
  /** Unset: every entry. */
  status?: readonly string[] | undefined;
  planId?: string | undefined;
}

/** Entries by their deadline, soonest (or most overdue) first. */
export function listHazards(prisma: PrismaClient, filter: HazardFilter, limit: number): Promise<Hazard[]> {
  const where: Prisma.HazardWhereInput = {
    ...(filter.status ? { status: { in: [...filter.status] } } : {}),
    ...(filter.planId ? { planId: filter.planId } : {}),
  };
  return prisma.hazard.findMany({ where, orderBy: [{ resolveBy: 'asc' }, { id: 'asc' }], take: limit });
}

export function getHazardRow(prisma: PrismaClient, id: string): Promise<Hazard | null> {
  return prisma.hazard.findUnique({ where: { id } });
}
