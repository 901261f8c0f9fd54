import type { PrismaClient } from '@prisma/client';
import { isUniqueViolation } from './unique-violation';

// Intake's Idempotency-Key. The row is written before the workflow starts, with the incident id already
// chosen, so the key (not the API process) decides which incident a request means: a crash after the row
// and before the start is repaired by the retry, and two racing duplicates meet at the unique key.

export interface IdempotencyEntry {
  /** Caller and key together, so two integrators' keys never collide. */
  key: string;
  /** SHA-256 of the canonical request body. */
  requestHash: string;
  incidentId: string;
  /** The answer to give for this key, first time and every time after. */
  response: unknown;
}

export interface Reservation extends IdempotencyEntry {
  /** Whether this call wrote the row (false: the key was there already, maybe with another body). */
  fresh: boolean;
  createdAt: Date;
}

export async function reserveIdempotencyKey(
  prisma: PrismaClient,
  entry: IdempotencyEntry,
): Promise<Reservation> {
  try {
    const row = await prisma.idempotencyKey.create({
      data: { ...entry, response: JSON.stringify(entry.response) },
    });
    return { ...entry, fresh: true, createdAt: row.createdAt };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  const row = await prisma.idempotencyKey.findUniqueOrThrow({ where: { key: entry.key } });
  return {
    key: row.key,
    requestHash: row.requestHash,
    incidentId: row.incidentId,
    response: JSON.parse(row.response) as unknown,
    fresh: false,
    createdAt: row.createdAt,
  };
}
