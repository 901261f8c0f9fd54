import { setTimeout as sleep } from 'node:timers/promises';
import { createPrisma } from '../../../storage/prisma';
import { getStateQuery, incidentWorkflowId } from '../../../workflows/messages';
import { incidentsDueAt, storedBreaches, storedIncidents } from '../deadlines';
import type { Figure } from '../figure';
import type { BenchStack } from '../stack';
import { load, since } from '../stats';

const CONCURRENCY = 20;
/**
 * How fast the worker opens incidents (the API takes them faster; about 17–25 a second measured here),
 * counted on when placing the deadlines: the worker is killed once it has opened every one, before any
 * falls due.
 */
const ASSUMED_OPENED_PER_SECOND = 15;
/** How long the figure waits for recovery before it reports what it got: twice the goal. */
const GIVE_UP_MS = 60_000;

/** Asks one incident's workflow for its state until it answers (a busy worker times a query out). */
async function queryUntilAnswered(stack: BenchStack, id: string, giveUpAt: number): Promise<boolean> {
  const handle = stack.client.workflow.getHandle(incidentWorkflowId(id));
  for (;;) {
    try {
      await handle.query(getStateQuery);
      return true;
    } catch {
      if (Date.now() > giveUpAt) return false;
      await sleep(200);
    }
  }
}

/**
 * The worker killed with kill -9 once it has opened every incident, kept down while their deadlines pass,
 * then started again: how long until every incident answers a query, and until every breach that fell due
 * is stored. Both are counted from the restart, so they include the worker's own start (bundling the code).
 */
export const workerKill: Figure = {
  id: 'worker-kill',
  title: 'worker kill -9 with 1,000 open incidents',
  goal: 'every one answers a query and every overdue breach recorded ≤ 30 s',
  async run({ stack, quick, log }) {
    const n = quick ? 20 : 1_000;
    const spreadMs = quick ? 3_000 : 5_000;
    const leadMs = Math.max(5_000, (n / ASSUMED_OPENED_PER_SECOND) * 1000);
    const firstDue = Date.now() + leadMs;
    const dueAt = (i: number) => Math.round(firstDue + (i * spreadMs) / n);

    const prisma = createPrisma(stack.databaseUrl);
    try {
      const start = incidentsDueAt(stack);
      const ids: string[] = [];
      await load(n, CONCURRENCY, async (i) => {
        ids[i] = await start(dueAt(i));
      });
      // Killed once the worker has opened every incident, or as the first falls due if that comes sooner.
      const incidents = new Set(ids);
      let opened = await storedIncidents(prisma, incidents);
      while (opened < n && Date.now() < firstDue) {
        await sleep(500);
        opened = await storedIncidents(prisma, incidents);
      }
      await stack.killWorker();
      const killedAt = Date.now();
      // Down until every deadline has passed: each one then falls due with no worker to see it.
      await sleep(Math.max(0, dueAt(n - 1) + 1000 - Date.now()));
      const downMs = Date.now() - killedAt;
      const dueWhileDown = ids.filter((_, i) => dueAt(i) > killedAt).length;
      const overdue = new Set(ids.filter((_, i) => dueAt(i) <= Date.now()));
      log(
        `worker-kill: killed with ${opened} of ${n} opened, down ${Math.round(downMs / 1000)} s, ` +
          `${dueWhileDown} fell due meanwhile`,
      );

      const restarted = performance.now();
      const giveUpAt = Date.now() + GIVE_UP_MS;
      await stack.startWorker();
      const workerStartMs = since(restarted);
      const answers = async () => {
        let answered = 0;
        await load(n, CONCURRENCY, async (i) => {
          if (await queryUntilAnswered(stack, ids[i]!, giveUpAt)) answered++;
        });
        return { answered, ms: answered === n ? since(restarted) : Number.NaN };
      };
      const breaches = async () => {
        let stored = 0;
        while (Date.now() < giveUpAt) {
          stored = (await storedBreaches(prisma, overdue)).length;
          if (stored === overdue.size) return { stored, ms: since(restarted) };
          await sleep(250);
        }
        return { stored, ms: Number.NaN };
      };
      const [answered, stored] = await Promise.all([answers(), breaches()]);
      return {
        value: {
          incidents: n,
          openedAtKill: opened,
          overdue: overdue.size,
          dueWhileDown,
          answered: answered.answered,
          breachesStored: stored.stored,
          allAnswerMs: Math.round(answered.ms),
          allBreachesMs: Math.round(stored.ms),
          workerStartMs: Math.round(workerStartMs),
        },
        met: quick ? null : answered.ms <= 30_000 && stored.ms <= 30_000,
        notes:
          `worker down ${Math.round(downMs / 1000)} s; times from the restart, which took ` +
          `${Math.round(workerStartMs / 1000)} s to poll; queries at concurrency ${CONCURRENCY}, each retried ` +
          `until it answers` +
          (answered.answered < n || stored.stored < overdue.size
            ? `; gave up ${GIVE_UP_MS / 1000} s after the restart (a time not reached is null)`
            : ''),
      };
    } finally {
      await prisma.$disconnect();
    }
  },
};
