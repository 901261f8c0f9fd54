import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { latestTimelineEvents, timelinePage, timelineRange } from '../../storage/timeline';
import { describeEachDatabase, type TestDatabase } from '../helpers/databases';

// Reading one incident's stored timeline by seq, on SQLite and on PostgreSQL alike, and the proof that
// the primary key (incidentId, seq) serves those reads in order, without a sort or a scan.

async function seedIncident(prisma: PrismaClient, events: number): Promise<string> {
  const id = randomUUID();
  await prisma.incident.create({
    data: {
      id,
      workflowId: `incident-${id}`,
      planId: 'p1-acheng-agriculture',
      planVersion: 1,
      title: '时间线分页',
      summary: '',
      level: 'l3',
      leadRole: 'party-group',
      status: 'open',
      reporter: 'monitor-wang',
      discoveredAt: new Date(),
      lastSeq: events,
    },
  });
  await prisma.timelineEvent.createMany({
    data: Array.from({ length: events }, (_, i) => ({
      incidentId: id,
      seq: i + 1,
      at: new Date(1_700_000_000_000 + i * 1000),
      type: 'step-completed',
      data: JSON.stringify({ n: i + 1 }),
    })),
  });
  return id;
}

const seqs = (rows: { seq: number }[]) => rows.map((r) => r.seq);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** The plan the database picks for a read of one incident's events by seq, as text. */
async function planOf(db: TestDatabase, id: string, where: string, order: 'ASC' | 'DESC'): Promise<string> {
  const sql =
    `SELECT * FROM "TimelineEvent" WHERE "incidentId" = '${id}' ${where} ` +
    `ORDER BY "seq" ${order} LIMIT 101`;
  if (db.kind === 'sqlite') {
    const rows = await db.prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`);
    return rows.map((r) => r.detail).join('\n');
  }
  // Whether the index *can* serve the read, not whether a table of a few hundred rows is worth it: with
  // scans and sorts priced out, a read the key cannot serve in order still shows a Sort or a Seq Scan.
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
    await tx.$executeRawUnsafe('SET LOCAL enable_bitmapscan = off');
    await tx.$executeRawUnsafe('SET LOCAL enable_sort = off');
    const rows = await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

describeEachDatabase('stored timeline', (db) => {
  test('pages through every event once, in seq order, with the seq to continue after', async () => {
    const { prisma } = db();
    const id = await seedIncident(prisma, 10);
    const other = await seedIncident(prisma, 4);

    const seen: number[] = [];
    let after = 0;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await timelinePage(prisma, id, { after, limit: 3 });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...seqs(page.items));
      if (page.next === null) break;
      expect(page.next).toBe(page.items.at(-1)?.seq);
      after = page.next;
    }
    expect(seen).toEqual(oneTo(10));

    // A page that ends exactly at the last event says so; after the last, an empty page.
    expect(await timelinePage(prisma, id, { after: 0, limit: 10 })).toMatchObject({ next: null });
    expect(await timelinePage(prisma, id, { after: 10, limit: 5 })).toEqual({ items: [], next: null });
    expect(seqs((await timelinePage(prisma, other, { after: 0, limit: 100 })).items)).toEqual(oneTo(4));
    expect(await timelinePage(prisma, randomUUID(), { after: 0, limit: 5 })).toEqual({
      items: [],
      next: null,
    });
  });

  test('reads the latest events in seq order and says whether earlier ones are stored', async () => {
    const { prisma } = db();
    const id = await seedIncident(prisma, 7);
    const latest = await latestTimelineEvents(prisma, id, 3);
    expect(seqs(latest.events)).toEqual([5, 6, 7]);
    expect(latest.earlier).toBe(true);
    const all = await latestTimelineEvents(prisma, id, 7);
    expect(seqs(all.events)).toEqual(oneTo(7));
    expect(all.earlier).toBe(false);
    expect(await latestTimelineEvents(prisma, randomUUID(), 3)).toEqual({ events: [], earlier: false });
  });

  test('reads a range of seqs, after one and up to another', async () => {
    const { prisma } = db();
    const id = await seedIncident(prisma, 7);
    expect(seqs(await timelineRange(prisma, id, 2, 5))).toEqual([3, 4, 5]);
    expect(seqs(await timelineRange(prisma, id, 5, 20))).toEqual([6, 7]);
    expect(await timelineRange(prisma, id, 7, 9)).toEqual([]);
  });

  test('serves every read from the primary key (incidentId, seq), in order, with no sort', async () => {
    const current = db();
    const id = await seedIncident(current.prisma, 300);
    await seedIncident(current.prisma, 300);
    const reads = [
      await planOf(current, id, 'AND "seq" > 120', 'ASC'), // a page
      await planOf(current, id, '', 'DESC'), // the latest events
      await planOf(current, id, 'AND "seq" > 5 AND "seq" <= 9', 'ASC'), // a range
    ];
    for (const plan of reads) {
      if (current.kind === 'sqlite') {
        // The key of a table with a text primary key is its automatic index.
        expect(plan).toMatch(
          /SEARCH "?TimelineEvent"? USING INDEX sqlite_autoindex_TimelineEvent_1 \(incidentId=\?/,
        );
        expect(plan).not.toContain('TEMP B-TREE');
      } else {
        expect(plan).toMatch(/Index Scan( Backward)? using "TimelineEvent_pkey" on "TimelineEvent"/);
        expect(plan).not.toMatch(/Sort|Seq Scan/);
      }
    }
  });
});
