import type { PrismaClient } from '@prisma/client';

// Who a notification reaches: the active people behind each of its roles, on each channel they can be
// reached by. A role nobody holds, or a person with no address, goes to the log instead.

export interface Person {
  id: string;
  name: string;
  email: string | null;
  webhookUrl: string | null;
  webhookFormat: string | null;
  webhookSecret: string | null;
}

/** One send: a person (or a role nobody holds) on one channel. */
export interface Delivery {
  role: string;
  person: Person | null;
  channel: 'email' | 'webhook' | 'log';
  /** Shown in the outbox and in errors: an address or host, never a secret. */
  recipient: string;
}

function deliveriesFor(role: string, people: Person[], email: boolean): Delivery[] {
  if (people.length === 0) return [{ role, person: null, channel: 'log', recipient: role }];
  return people.flatMap((person): Delivery[] => {
    const out: Delivery[] = [];
    if (email && person.email) out.push({ role, person, channel: 'email', recipient: person.email });
    if (person.webhookUrl) {
      out.push({ role, person, channel: 'webhook', recipient: new URL(person.webhookUrl).host });
    }
    return out.length > 0 ? out : [{ role, person, channel: 'log', recipient: person.id }];
  });
}

/** Where one person can be reached themselves (e-mail, webhook): never the log, which is no one's. */
export const ownChannels = (person: Person, email: boolean): Delivery[] =>
  deliveriesFor('', [person], email).filter((d) => d.channel !== 'log');

/**
 * The deliveries for `roles` in a plan, in role order. `email` says whether there is an e-mail channel
 * at all; without one, people with only an address are logged.
 */
export async function deliveriesOf(
  prisma: PrismaClient,
  planId: string,
  roles: readonly string[],
  email: boolean,
): Promise<Delivery[]> {
  const seen = new Set<string>(); // person ids
  const deliveries: Delivery[] = [];
  for (const role of roles) {
    const assigned = await prisma.roleAssignment.findMany({
      where: { role, planId: { in: [planId, '*'] }, person: { active: true } },
      include: { person: true },
      orderBy: { personId: 'asc' },
    });
    // Someone holding two of the roles is told once, under the first.
    const people = assigned.map((a) => a.person).filter((p) => !seen.has(p.id));
    if (assigned.length > 0 && people.length === 0) continue;
    deliveries.push(...deliveriesFor(role, people, email));
    for (const p of people) seen.add(p.id);
  }
  return deliveries;
}
