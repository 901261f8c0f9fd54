import { setTimeout as sleep } from 'node:timers/promises';
import { createPrisma } from '../../../storage/prisma';
import { startIncident } from '../api';
import { incidentsDueAt, storedBreaches, untilOpened } from '../deadlines';
import type { Figure } from '../figure';
import { latency, load, rssMiB } from '../stats';

const CONCURRENCY = 20;
/** The issue's rate: 5,000 deadlines over 10 minutes, one every 120 ms. */
const ISSUE_GAP_MS = (10 * 60_000) / 5_000;
/** From starting the incidents that fall due to the first of them: they are open on the worker by then. */
const FIRST_DUE_AFTER_MS = 10_000;

/**
 * Shapes of the run. The whole benchmark has 10 minutes, so the full run keeps the issue's population
 * (5,000 open) and rate (one deadline every 120 ms) and watches one minute of it: 500 fall due in the
 * window, the other 4,500 long after the run (discovered now, due in 30 minutes).
 */
const SHAPE = {
  quick: { n: 50, due: 20, graceMs: 10_000, drainMs: 20_000 },
  full: { n: 5_000, due: 500, graceMs: 20_000, drainMs: 240_000 },
};

/**
 * Many incidents open on one worker, then some of their first deadlines falling one after another: whether
 * every breach is stored, how late the workflow saw each, and the worker's memory meanwhile. The ones that
 * fall due are started once the worker has opened the rest (the backlog drained), so lateness measures
 * timers among 5,000 open incidents, not the queue of incidents not opened yet.
 */
export const openIncidents: Figure = {
  id: 'open-incidents',
  title: '5,000 open incidents on one worker, deadlines at 5,000 per 10 min',
  goal: 'every breach recorded, lateness p99 ≤ 2 s, worker RSS ≤ 1 GiB',
  async run({ stack, quick, log }) {
    const { n, due, graceMs, drainMs } = quick ? SHAPE.quick : SHAPE.full;
    const prisma = createPrisma(stack.databaseUrl);
    const rss: number[] = [];
    const sampler = setInterval(() => {
      const mib = rssMiB(stack.workerPid());
      if (mib !== undefined) rss.push(mib);
    }, 1000);
    try {
      const background = new Set<string>();
      const started = performance.now();
      const intake = await load(n - due, CONCURRENCY, async () => {
        background.add(await startIncident(stack));
      });
      log(`open-incidents: ${n - due} started at ${intake.perSecond}/s; waiting for the worker to open them`);
      const { opened } = await untilOpened(prisma, background, drainMs);
      const openedPerSecond = Math.round((opened / ((performance.now() - started) / 1000)) * 10) / 10;
      log(`open-incidents: ${opened} of ${n - due} opened, ${openedPerSecond}/s from the first start`);

      const firstDue = Date.now() + FIRST_DUE_AFTER_MS;
      const dueAt = (i: number) => Math.round(firstDue + i * ISSUE_GAP_MS);
      const lastDue = dueAt(due - 1);
      const start = incidentsDueAt(stack);
      const falling = new Set<string>();
      let startedAfterDue = 0;
      await load(due, CONCURRENCY, async (i) => {
        falling.add(await start(dueAt(i)));
        if (Date.now() >= dueAt(i)) startedAfterDue++;
      });
      // How late each breach was when the benchmark first saw it stored (the projection keeps no write time).
      const storedLag = new Map<string, number>();
      while (storedLag.size < due && Date.now() < lastDue + graceMs) {
        const now = Date.now();
        for (const b of await storedBreaches(prisma, falling)) {
          if (!storedLag.has(b.incidentId)) storedLag.set(b.incidentId, now - b.dueAt);
        }
        await sleep(1000);
      }

      const breaches = await storedBreaches(prisma, falling);
      const late = latency(breaches.map((b) => b.recordedAt - b.dueAt));
      const stored = latency([...storedLag.values()]);
      const workerRssMaxMiB = Math.max(...rss);
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
          openedPerSecond,
          openedBeforeDeadlines: opened,
        },
        met:
          quick || opened < background.size
            ? null
            : breaches.length === due && late.p99 <= 2000 && workerRssMaxMiB <= 1024,
        notes:
          `${n - due} incidents started and opened first (due after the run), then ${due} falling due one ` +
          `every ${ISSUE_GAP_MS} ms from ${FIRST_DUE_AFTER_MS / 1000} s after they were started. ` +
          `lateness = the breach's recordedAt (workflow clock) − dueAt; storedP99Ms = first seen in the ` +
          `projection − dueAt, polled each second; openedPerSecond = incidents the worker opened (stored) a ` +
          `second, counted from the first start; the RSS is the worker's whole, with whatever earlier ` +
          `figures left open on it` +
          (opened < background.size
            ? `; only ${opened} were opened within ${drainMs / 1000} s, so the deadlines fell behind a backlog (not judged)`
            : '') +
          (startedAfterDue > 0
            ? `; ${startedAfterDue} incident(s) were started only after their due time`
            : ''),
      };
    } finally {
      clearInterval(sampler);
      await prisma.$disconnect();
    }
  },
};
