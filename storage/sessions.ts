import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { isUniqueViolation } from './unique-violation';

// Browser sessions on the office's pages and the sign-in links already used. Only a session id's SHA-256
// is stored, so a copy of the database lets nobody in; a person's sessions all end when they sign out
// everywhere or are made inactive, an operator's when they sign out everywhere.

export type SessionHolder = { kind: 'person'; personId: string } | { kind: 'operator'; keyId: string };

export interface StoredSession {
  holder: SessionHolder;
  expiresAt: Date;
}

const digest = (id: string) => createHash('sha256').update(id).digest('hex');

/** A new session for `holder`; the id goes into the cookie and is never stored. */
export async function startSession(
  prisma: PrismaClient,
  holder: SessionHolder,
  expiresAt: Date,
): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await prisma.session.create({
    data: {
      hash: digest(id),
      expiresAt,
      ...(holder.kind === 'person' ? { personId: holder.personId } : { operatorKeyId: holder.keyId }),
    },
  });
  return id;
}

/** The live session behind a cookie's id: null once expired, ended, or its person made inactive. */
export async function findSession(
  prisma: PrismaClient,
  id: string,
  now: Date,
): Promise<StoredSession | null> {
  const row = await prisma.session.findUnique({
    where: { hash: digest(id) },
    include: { person: { select: { active: true } } },
  });
  if (!row || row.expiresAt <= now) return null;
  if (row.personId !== null) {
    return row.person?.active
      ? { holder: { kind: 'person', personId: row.personId }, expiresAt: row.expiresAt }
      : null;
  }
  if (row.operatorKeyId === null) return null;
  return { holder: { kind: 'operator', keyId: row.operatorKeyId }, expiresAt: row.expiresAt };
}

export async function endSession(prisma: PrismaClient, id: string): Promise<void> {
  await prisma.session.deleteMany({ where: { hash: digest(id) } });
}

/** Ends every session of the holder (and, on the way, every expired one): signing out everywhere. */
export async function endAllSessions(
  prisma: PrismaClient,
  holder: SessionHolder,
  now: Date,
): Promise<number> {
  const { count } = await prisma.session.deleteMany({
    where: {
      OR: [
        holder.kind === 'person' ? { personId: holder.personId } : { operatorKeyId: holder.keyId },
        { expiresAt: { lte: now } },
      ],
    },
  });
  return count;
}

/**
 * Records a sign-in link's nonce as used; false when it was used before. The insert is the check, so two
 * tabs opening the same link at once sign in only once.
 */
export async function redeemSignInNonce(
  prisma: PrismaClient,
  nonce: string,
  personId: string,
  expiresAt: Date,
): Promise<boolean> {
  try {
    await prisma.usedSignInLink.create({ data: { nonce, personId, expiresAt } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}
