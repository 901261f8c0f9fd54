import type { Prisma, PrismaClient } from '@prisma/client';
import { isUniqueViolation } from './unique-violation';

// People and their plan roles. The webhook secret goes in and never comes out of these functions: what
// the API answers with is built from PersonRecord, which only says whether a secret is set.

export interface RoleRef {
  /** A plan id, or "*" for the role in every plan. */
  planId: string;
  role: string;
}

export interface WebhookFields {
  url: string;
  format: string;
  secret?: string | undefined;
}

export interface PersonFields {
  id: string;
  name: string;
  phone?: string | undefined;
  email?: string | undefined;
  webhook?: WebhookFields | undefined;
}

export interface PersonPatch {
  name?: string | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  webhook?: WebhookFields | null | undefined;
  active?: boolean | undefined;
  /**
   * A webhook given without a secret keeps the stored secret instead of clearing it. A form cannot show
   * the secret it would have to send back, so "left empty" there means "unchanged".
   */
  keepWebhookSecret?: boolean | undefined;
}

export interface PersonRecord {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  webhook: { url: string; format: string } | null;
  hasWebhookSecret: boolean;
  active: boolean;
  roles: RoleRef[];
  createdAt: Date;
  updatedAt: Date;
}

const withRoles = {
  roles: { orderBy: [{ planId: 'asc' as const }, { role: 'asc' as const }] },
} satisfies Prisma.PersonInclude;
type PersonRow = Prisma.PersonGetPayload<{ include: typeof withRoles }>;

function record(row: PersonRow): PersonRecord {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    webhook:
      row.webhookUrl !== null && row.webhookFormat !== null
        ? { url: row.webhookUrl, format: row.webhookFormat }
        : null,
    hasWebhookSecret: row.webhookSecret !== null,
    active: row.active,
    roles: row.roles.map((r) => ({ planId: r.planId, role: r.role })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function webhookColumns(w: WebhookFields | null | undefined, keepSecret = false) {
  if (w === undefined) return {};
  const columns = { webhookUrl: w?.url ?? null, webhookFormat: w?.format ?? null };
  return keepSecret && w !== null && w.secret === undefined
    ? columns
    : { ...columns, webhookSecret: w?.secret ?? null };
}

/** The same assignment twice would break the primary key; it means the same thing once. */
function distinct(roles: RoleRef[]): RoleRef[] {
  const seen = new Map(roles.map((r) => [`${r.planId}\u0000${r.role}`, r]));
  return [...seen.values()];
}

type Tx = Prisma.TransactionClient;

async function setRoles(tx: Tx, personId: string, roles: RoleRef[]): Promise<void> {
  await tx.roleAssignment.deleteMany({ where: { personId } });
  const data = distinct(roles).map((r) => ({ personId, planId: r.planId, role: r.role }));
  if (data.length > 0) await tx.roleAssignment.createMany({ data });
}

export async function listPeople(prisma: PrismaClient): Promise<PersonRecord[]> {
  const rows = await prisma.person.findMany({ include: withRoles, orderBy: { id: 'asc' } });
  return rows.map(record);
}

export async function getPerson(prisma: PrismaClient, id: string): Promise<PersonRecord | null> {
  const row = await prisma.person.findUnique({ where: { id }, include: withRoles });
  return row ? record(row) : null;
}

/** The names of the people with these ids, in one read; ids of nobody stored are left out. */
export async function namesOf(prisma: PrismaClient, ids: string[]): Promise<Map<string, string>> {
  const rows = await prisma.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** 'exists' when the id is taken: ids are recorded as actors, so one is never silently reused. */
export async function createPerson(
  prisma: PrismaClient,
  person: PersonFields,
  roles: RoleRef[],
): Promise<PersonRecord | 'exists'> {
  try {
    return await prisma.$transaction(async (tx) => {
      await tx.person.create({
        data: {
          id: person.id,
          name: person.name,
          phone: person.phone ?? null,
          email: person.email ?? null,
          ...webhookColumns(person.webhook ?? null),
        },
      });
      await setRoles(tx, person.id, roles);
      return record(await tx.person.findUniqueOrThrow({ where: { id: person.id }, include: withRoles }));
    });
  } catch (err) {
    if (isUniqueViolation(err)) return 'exists';
    throw err;
  }
}

export async function updatePerson(
  prisma: PrismaClient,
  id: string,
  patch: PersonPatch,
): Promise<PersonRecord | null> {
  const { webhook, keepWebhookSecret, ...rest } = patch;
  const data = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const { count } = await prisma.person.updateMany({
    where: { id },
    data: { ...data, ...webhookColumns(webhook, keepWebhookSecret) },
  });
  return count === 0 ? null : getPerson(prisma, id);
}

/** Removes the person with their roles and keys; timelines keep the id they recorded. */
export async function deletePerson(prisma: PrismaClient, id: string): Promise<boolean> {
  const { count } = await prisma.person.deleteMany({ where: { id } });
  return count > 0;
}

export async function replaceRoles(
  prisma: PrismaClient,
  personId: string,
  roles: RoleRef[],
): Promise<PersonRecord | null> {
  return prisma.$transaction(async (tx) => {
    const exists = await tx.person.findUnique({ where: { id: personId }, select: { id: true } });
    if (!exists) return null;
    await setRoles(tx, personId, roles);
    return record(await tx.person.findUniqueOrThrow({ where: { id: personId }, include: withRoles }));
  });
}

export interface SeedPerson extends PersonFields {
  roles: RoleRef[];
  active?: boolean | undefined;
}

/**
 * The seed file applied: listed people created or brought in line with the file, their roles replaced.
 * People not listed are left alone (the API may have added them). Running it twice changes nothing.
 */
export async function seedPeople(
  prisma: PrismaClient,
  people: SeedPerson[],
): Promise<{ created: number; updated: number }> {
  // API processes started together (a cluster, a rolling deploy) apply the same file at once: the one
  // whose insert lost the race runs again and finds the rows the other committed.
  for (let attempt = 1; ; attempt++) {
    try {
      return await applySeed(prisma, people);
    } catch (err) {
      if (attempt >= 5 || !isUniqueViolation(err)) throw err;
    }
  }
}

function applySeed(
  prisma: PrismaClient,
  people: SeedPerson[],
): Promise<{ created: number; updated: number }> {
  return prisma.$transaction(async (tx) => {
    let created = 0;
    for (const p of people) {
      const fields = {
        name: p.name,
        phone: p.phone ?? null,
        email: p.email ?? null,
        ...webhookColumns(p.webhook ?? null),
      };
      const existing = await tx.person.findUnique({ where: { id: p.id }, select: { id: true } });
      if (existing) {
        await tx.person.update({
          where: { id: p.id },
          data: { ...fields, ...(p.active === undefined ? {} : { active: p.active }) },
        });
      } else {
        await tx.person.create({ data: { id: p.id, ...fields, active: p.active ?? true } });
        created += 1;
      }
      await setRoles(tx, p.id, p.roles);
    }
    return { created, updated: people.length - created };
  });
}

/** Whether an active person holds `role` for this plan, directly or through "*". */
export async function holdsRole(
  prisma: PrismaClient,
  personId: string,
  planId: string,
  role: string,
): Promise<boolean> {
  const found = await prisma.roleAssignment.findFirst({
    where: { personId, role, planId: { in: [planId, '*'] }, person: { active: true } },
    select: { personId: true },
  });
  return found !== null;
}
