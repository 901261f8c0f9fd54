/**
 * A write refused by a unique key (Prisma's P2002). Checked by code rather than by class: the SQLite and
 * the PostgreSQL clients are generated separately, and the code is what Prisma promises to keep.
 */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}
