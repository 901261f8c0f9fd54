import { randomUUID } from 'node:crypto';
import { listIncidents, type IncidentFilter, type IncidentPosition } from '../../storage/incident-list';
import { describeEachDatabase } from '../helpers/databases';

// The list's keyset pages straight from the projection, on SQLite and PostgreSQL alike: the case that
// matters is a page that ends inside a run of incidents stored in the same millisecond.

const t0 = Date.parse('2026-11-23T02:00:00Z');

describeEachDatabase('incident list pages', (db) => {
  /** Incidents of a plan of their own (the suite shares the database); three share each createdAt. */
  async function stored(n: number) {
    const planId = `list-${randomUUID()}`;
    const rows = Array.from({ length: n }, (_, i) => ({
      id: randomUUID(),
      planId,
      createdAt: new Date(t0 + Math.floor(i / 3) * 1000),
      status: i % 2 === 0 ? 'open' : 'closed',
    }));
    await db().prisma.incident.createMany({
      data: rows.map((r) => ({
        ...r,
        workflowId: `incident-${r.id}`,
        planVersion: 1,
        title: '网传补贴发放延迟',
        summary: '基准',
        level: 'l3',
        leadRole: 'party-group',
        reporter: 'monitor-wang',
        discoveredAt: r.createdAt,
      })),
    });
    const newestFirst = [...rows].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
    );
    return { planId, rows: newestFirst };
  }

  async function everyPage(filter: IncidentFilter, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let after: IncidentPosition | undefined;
    for (let page = 0; page < 100; page++) {
      const { items, next } = await listIncidents(db().prisma, filter, { limit, after });
      ids.push(...items.map((i) => i.id));
      if (next === null) return ids;
      after = next;
    }
    throw new Error('the pages did not end');
  }

  test('pages visit every incident once, newest first, also where a page ends among equal times', async () => {
    const { planId, rows } = await stored(17);
    expect(await everyPage({ planId }, 4)).toEqual(rows.map((r) => r.id));
  });

  test('a filtered list pages the same way', async () => {
    const { planId, rows } = await stored(17);
    expect(await everyPage({ planId, status: 'open' }, 2)).toEqual(
      rows.filter((r) => r.status === 'open').map((r) => r.id),
    );
  });
});
