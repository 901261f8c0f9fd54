import { randomUUID } from 'node:crypto';
import type { Prisma } from '@prisma/client';
import { loadCatalog } from '../../../plans/catalog';
import { encodeCursor } from '../../../api/incident-list-query';
import { insertStatements } from '../../../storage/insert-rows';
import { INCIDENT_COLUMNS } from '../../../storage/progress';
import { createPrisma } from '../../../storage/prisma';
import { call } from '../api';
import type { Figure } from '../figure';
import { latency, load } from '../stats';

// The list as a board shows it, over a projection of many incidents: the rows are written straight into
// the database (starting 100,000 workflows would take the whole bench), with the variety a year of use
// leaves, and read over HTTP as a client reads them.

const SEEDED = { full: 100_000, quick: 2_000 };
const BATCH = 1_000;
const YEAR_MS = 365 * 24 * 3_600_000;

/** The same rows every run, so two runs read the same data (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const TOPICS = [
  '网传化肥补贴被截留',
  '农机购置补贴发放延迟',
  '网传养殖场污染河道',
  '村民反映土地流转纠纷',
  '网传社保待遇发放延迟',
  '网传工地发生安全事故',
  '网传低保评定不公',
  '网传景区乱收费',
  '网传小区供暖不达标',
  '网传窗口工作人员态度恶劣',
  '网传拖欠农民工工资',
  '网传食品抽检不合格',
];
const PLACES = ['阿城区', '温泉街道', '鄞州区', '澧县', '金源乡', '料甸街道', '双丰镇', '杨树乡'];
const PLATFORMS = ['douyin', 'weibo', 'wechat', 'kuaishou', 'toutiao', null];

/** Picks by weight: [value, weight][]. */
function pick<T>(r: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [value, w] of weighted) {
    x -= w;
    if (x < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

function seedRows(n: number, now: number): Prisma.IncidentCreateManyInput[] {
  const r = random(12);
  const plans = loadCatalog().list();
  return Array.from({ length: n }, (_, i) => {
    const plan = plans[Math.floor(r() * plans.length)]!;
    const levelWeights = [2, 10, 30, 58].slice(-plan.levels.length);
    const level = pick(
      r,
      plan.levels.map((l, k) => [l.id, levelWeights[k]!] as const),
    );
    const createdAt = now - Math.floor(r() * YEAR_MS);
    const topic = TOPICS[Math.floor(r() * TOPICS.length)]!;
    const place = PLACES[Math.floor(r() * PLACES.length)]!;
    const platform = PLATFORMS[Math.floor(r() * PLATFORMS.length)]!;
    const id = randomUUID();
    return {
      id,
      workflowId: `incident-${id}`,
      planId: plan.id,
      planVersion: plan.version,
      title: `${place}${topic}`,
      summary: `${platform ?? '群众来电'}转发量上升，第 ${i + 1} 条`,
      level,
      leadRole: plan.leadRole[level] ?? 'office',
      status: pick(r, [
        ['open', 15],
        ['aftercare', 10],
        ['closed', 75],
      ]),
      breached: r() < 0.2,
      reporter: `monitor-${Math.floor(r() * 40)}`,
      discoveredAt: new Date(createdAt - Math.floor(r() * 3_600_000)),
      sourcePlatform: platform,
      createdAt: new Date(createdAt),
      updatedAt: new Date(createdAt + Math.floor(r() * 30 * 24 * 3_600_000)),
      lastSeq: 5 + Math.floor(r() * 60),
      openSteps: '',
    };
  });
}

/** What a board asks, by kind; the pages after these are asked with the cursors the list hands out. */
const FILTERS = {
  all: '',
  open: 'status=open',
  'open-l2': 'status=open&level=l2',
  'plan-breached': 'planId=p1-acheng-agriculture&breached=true',
};

/** Free text is `contains` (LIKE '%…%'): no B-tree index serves it, so it reads rows until a page fills. */
const TEXT = {
  'q-common': `q=${encodeURIComponent('补贴')}`,
  'q-none': `q=${encodeURIComponent('无此词语')}`,
};

/** The list over many stored incidents, by query kind, over HTTP; free text reported on its own. */
export const listQuery: Figure = {
  id: 'list-query',
  title: 'list/board query over 100,000 stored incidents with filters',
  goal: 'p95 ≤ 50 ms over the filters and keyset pages (free text q reported apart)',
  async run({ stack, quick, log }) {
    const seeded = quick ? SEEDED.quick : SEEDED.full;
    // Free text reads up to every row: fewer samples keep the figure's time bounded.
    const samples = (kind: string) => (quick ? 10 : kind in TEXT ? 40 : 150);
    const prisma = createPrisma(stack.databaseUrl);
    let middle: string;
    try {
      const t = performance.now();
      const rows = seedRows(seeded, Date.now());
      for (let i = 0; i < rows.length; i += BATCH) {
        for (const statement of insertStatements('Incident', INCIDENT_COLUMNS, rows.slice(i, i + BATCH))) {
          await prisma.$executeRaw(statement);
        }
        // better-sqlite3 answers synchronously: without a turn of the event loop between batches, the
        // socket the API closed while this ran looked alive to the next request (other side closed).
        await new Promise((resolve) => setImmediate(resolve));
      }
      log(`list-query: ${seeded} incidents stored in ${Math.round((performance.now() - t) / 1000)} s`);
      // The cursor a client holds after paging through half of the list.
      const [row] = await prisma.incident.findMany({
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: Math.floor(seeded / 2),
        take: 1,
      });
      middle = encodeCursor(row!);
    } finally {
      await prisma.$disconnect();
    }

    const cursorAfterFirstPage = async (query: string) => {
      const page = await call<{ nextCursor: string | null }>(stack, 'GET', `/api/incidents?${query}`);
      if (page.nextCursor === null) throw new Error(`list-query: one page holds every ${query} incident`);
      return page.nextCursor;
    };
    const queries: Record<string, string> = {
      ...FILTERS,
      'page-2': `cursor=${await cursorAfterFirstPage('')}`,
      'open-page-2': `status=open&cursor=${await cursorAfterFirstPage('status=open')}`,
      'deep-page': `cursor=${middle}`,
      ...TEXT,
    };
    const value: Record<string, number> = { incidents: seeded };
    const indexed: number[] = [];
    for (const [kind, query] of Object.entries(queries)) {
      const { latencies } = await load(samples(kind), 1, async () => {
        await call(stack, 'GET', `/api/incidents?${query}`);
      });
      const l = latency(latencies);
      value[`${kind} p50`] = l.p50;
      value[`${kind} p95`] = l.p95;
      if (!(kind in TEXT)) indexed.push(...latencies);
    }
    const overall = latency(indexed);
    value['overall p95'] = overall.p95;
    return {
      value,
      met: quick ? null : overall.p95 <= 50,
      notes:
        'overall: every kind but free text, 20 a page, over HTTP. q is LIKE %…%, which no B-tree index ' +
        'serves: it reads rows newest first until a page fills, so a common word answers fast and a word ' +
        'found nowhere reads every row (q-none).',
    };
  },
};
