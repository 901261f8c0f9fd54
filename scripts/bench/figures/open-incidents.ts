import { setTimeout as sleep } from 'node:timers/promises';
import { createPrisma } from '../../../storage/prisma';
import { startIncident } from '../api';
import { incidentsDueAt, storedBreaches, storedIncidents } from '../deadlines';
import type { Figure } from '../figure';
import { latency, load, rssMiB } from '../stats';

const CONCURRENCY = 20;
/** The issue's spread: 5,000 deadlines over 10 minutes, 8.3 a second. */
const ISSUE_SPREAD_MS = 10 * 60_000;
/** The API's intake rate counted on when placing the first deadline after the last start (47/s measured). */
const ASSUMED_INTAKE_PER_SECOND = 45;

/** The slice of the issue's 10 minutes the full run watches. */
const FULL_WINDOW_MS = 60_000;

/**
 * Shapes of the run. The issue spreads 5,000 deadlines over 10 minutes; the whole benchmark has 10, so the
 * full run keeps the issue's rate (8.3 a second) and population (5,000 open) and watches one minute of it:
 * 500 incidents fall due in the window, the other 4,500 only after the benchmark (discovered now, due in
 * 30 minutes). A short window over all 5,000 would measure deadlines arriving 10 times as fast instead.
 */
const SHAPE = {
  quick: { n: 50, due: 20, windowMs: 10_000, graceMs: 10_000 },
  full: {
    n: 5_000,
    due: (5_000 * FULL_WINDOW_MS) / ISSUE_SPREAD_MS,
    windowMs: FULL_WINDOW_MS,
    graceMs: 20_000,
  },
};

/**
 * Many incidents open on one worker, some of their first deadlines falling one after another over a
 * window once all are started: whether every breach is stored, how late the workflow saw each, and the
 * worker's memory meanwhile.
 */
export const openIncidents: Figure = {
  id: 'open-incidents',
  title: '5,000 open incidents on one worker, deadlines at 5,000 per 10 min',
  goal: 'every breach recorded, lateness p99 ≤ 2 s, worker RSS ≤ 1 GiB',
  async run({ stack, quick, log }) {
    const { n, due, windowMs, graceMs } = quick ? SHAPE.quick : SHAPE.full;
    const leadMs = Math.max(5_000, (n / ASSUMED_INTAKE_PER_SECOND) * 1000);
    const firstDue = Date.now() + leadMs;
    // The incidents that fall due are started first: the worker opens incidents in about the order they
    // came, so these are open on it before their time, if it keeps up at all.
    const dueAt = (i: number) => Math.round(firstDue + (i * windowMs) / due);
    const lastDue = dueAt(due - 1);

    const prisma = createPrisma(stack.databaseUrl);
    const rss: number[] = [];
    const sampler = setInterval(() => {
      const mib = rssMiB(stack.workerPid());
      if (mib !== undefined) rss.push(mib);
    }, 1000);
    const ids: string[] = [];
    const falling = new Set<string>();
    // How late each breach was when the benchmark first saw it stored (the projection keeps no write time).
    const storedLag = new Map<string, number>();
    let watching = true;
    let watchFailed: unknown;
    const watched = (async () => {
      while (watching && (falling.size < due || storedLag.size < due)) {
        const now = Date.now();
        for (const b of await storedBreaches(prisma, falling)) {
          if (!storedLag.has(b.incidentId)) storedLag.set(b.incidentId, now - b.dueAt);
        }
        await sleep(1000);
      }
    })().catch((err: unknown) => {
      watchFailed = err;
    });
    try {
      const start = incidentsDueAt(stack);
      let startedAfterDue = 0;
      const intake = await load(n, CONCURRENCY, async (i) => {
        if (i >= due) {
          ids[i] = await startIncident(stack);
          return;
        }
        ids[i] = await start(dueAt(i));
        falling.add(ids[i]);
        if (Date.now() >= dueAt(i)) startedAfterDue++;
      });
      const intakeEndedMs = Date.now() - firstDue;
      const intakeEnded = `${Math.abs(Math.round(intakeEndedMs / 1000))} s ${intakeEndedMs < 0 ? 'before' : 'after'} the first deadline`;
      log(`open-incidents: ${n} started at ${intake.perSecond}/s, ending ${intakeEnded}`);
      await sleep(Math.max(0, firstDue - Date.now()));
      const openedAtWindow = await storedIncidents(prisma, new Set(ids));
      log(`open-incidents: ${openedAtWindow} of ${n} opened by the worker as the first falls due`);
      while (storedLag.size < due && watchFailed === undefined && Date.now() < lastDue + graceMs) {
        await sleep(1000);
      }
      watching = false;
      await watched;
      if (watchFailed !== undefined) {
        throw new Error('open-incidents: reading the stored breaches failed', { cause: watchFailed });
      }

      const breaches = await storedBreaches(prisma, falling);
      const late = latency(breaches.map((b) => b.recordedAt - b.dueAt));
      const stored = latency([...storedLag.values()]);
      const workerRssMaxMiB = Math.max(...rss);
      const openedAtEnd = await storedIncidents(prisma, new Set(ids));
      return {
        value: {
          incidents: n,
          fallingDue: due,
          breachesRecorded: breaches.length,
          latenessP50Ms: late.p50,
          latenessP99Ms: late.p99,
          latenessMaxMs: late.max,
          storedP99Ms: stored.p99,
          workerRssMaxMiB,
          startPerSecond: intake.perSecond,
          openedAtWindow,
          openedAtEnd,
        },
        met: quick ? null : breaches.length === due && late.p99 <= 2000 && workerRssMaxMiB <= 1024,
        notes:
          `${due} deadlines over ${windowMs / 1000} s (${Math.round((due / windowMs) * 10_000) / 10}/s), ` +
          `the first ${Math.round(leadMs / 1000)} s after the first start (intake ended ${intakeEnded}); ` +
          `the other ${n - due} due after the run. lateness = the breach's recordedAt (workflow clock) − dueAt; ` +
          `storedP99Ms = first seen in the projection − dueAt, polled each second; opened* = incidents the ` +
          `worker had opened (stored) as the window began and at the end; the RSS is the worker's whole, ` +
          `with whatever earlier figures left open on it` +
          (startedAfterDue > 0
            ? `; ${startedAfterDue} incident(s) were started only after their due time`
            : ''),
      };
    } finally {
      watching = false;
      clearInterval(sampler);
      await watched;
      await prisma.$disconnect();
    }
  },
};
