import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';

// A person's own API keys. Only the SHA-256 of a key is stored, so a copy of the database does not let
// anyone act as anybody; the key itself is shown once, when it is issued.

export const keyDigest = (key: string): string => createHash('sha256').update(key).digest('hex');

/** How a key is named after it is issued: the start of its digest, which says nothing about the key. */
export const keyIdOf = (hash: string): string => hash.slice(0, 12);

export interface IssuedKey {
  /** The bearer key: shown once, never stored. */
  key: string;
  id: string;
  label: string;
  createdAt: Date;
}

export interface KeySummary {
  id: string;
  label: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** null when there is no such person. */
export async function issueApiKey(
  prisma: PrismaClient,
  personId: string,
  label: string,
): Promise<IssuedKey | null> {
  const person = await prisma.person.findUnique({ where: { id: personId }, select: { id: true } });
  if (!person) return null;
  const key = `pk_${randomBytes(24).toString('base64url')}`;
  const hash = keyDigest(key);
  const row = await prisma.apiKey.create({ data: { hash, personId, label } });
  return { key, id: keyIdOf(hash), label: row.label, createdAt: row.createdAt };
}

export async function listApiKeys(prisma: PrismaClient, personId: string): Promise<KeySummary[]> {
  const rows = await prisma.apiKey.findMany({ where: { personId }, orderBy: { createdAt: 'asc' } });
  return rows.map((r) => ({
    id: keyIdOf(r.hash),
    label: r.label,
    createdAt: r.createdAt,
    revokedAt: r.revokedAt,
  }));
}

/** How many unrevoked keys each person holds, in one read; people without one are left out. */
export async function activeKeyCounts(prisma: PrismaClient): Promise<Map<string, number>> {
  const groups = await prisma.apiKey.groupBy({
    by: ['personId'],
    where: { revokedAt: null },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.personId, g._count._all]));
}

/** false when the person has no unrevoked key with this id. */
export async function revokeApiKey(prisma: PrismaClient, personId: string, keyId: string): Promise<boolean> {
  const { count } = await prisma.apiKey.updateMany({
    where: { personId, hash: { startsWith: keyId }, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count > 0;
}

export interface KeyHolder {
  personId: string;
  name: string;
  keyId: string;
}

/** The active person a presented key belongs to; null for an unknown or revoked key or an inactive person. */
export async function findKeyHolder(prisma: PrismaClient, hash: string): Promise<KeyHolder | null> {
  const row = await prisma.apiKey.findUnique({
    where: { hash },
    select: { revokedAt: true, person: { select: { id: true, name: true, active: true } } },
  });
  if (!row || row.revokedAt !== null || !row.person.active) return null;
  return { personId: row.person.id, name: row.person.name, keyId: keyIdOf(hash) };
}
