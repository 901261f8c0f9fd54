import { randomUUID } from 'node:crypto';
import { loadCatalog } from '../../../plans/catalog';
import { incidentWorkflowId, type IncidentWorkflowInput } from '../../../workflows/messages';
import { createPrisma } from '../../../storage/prisma';
import { P1_REPORT, startIncident } from '../api';
import { untilOpened } from '../deadlines';
import type { Figure } from '../figure';
import { latency, load } from '../stats';

const CONCURRENCY = 20;
/** How long the figure waits for the worker to open what it started before the next figure runs. */
const DRAIN_GIVE_UP_MS = 180_000;

/** Incidents started over HTTP (checks, idempotency, the workflow start) against bare starts of it. */
export const intake: Figure = {
  id: 'intake',
  title: 'intake over HTTP at concurrency 20',
  goal: 'throughput ≥ 0.9 × bare client.workflow.start of the same workflow',
  async run({ stack, quick, log }) {
    const n = quick ? 20 : 400;
    const rounds = quick ? 1 : 4;
    const plan = loadCatalog().get(P1_REPORT.planId)!;
    const started = new Set<string>();
    const viaService = async () => {
      started.add(await startIncident(stack));
    };
    const bareStart = async () => {
      const id = randomUUID();
      started.add(id);
      const input: IncidentWorkflowInput = {
        incident: { id, ...P1_REPORT, discoveredAt: Date.now() },
        plan,
      };
      await stack.client.workflow.start('incidentWorkflow', {
        taskQueue: stack.taskQueue,
        workflowId: incidentWorkflowId(id),
        args: [input],
      });
    };
    // In alternating rounds: the worker opens both kinds of incidents meanwhile, and its backlog grows
    // through the figure, so whichever ran second would run on a busier machine.
    const service = { latencies: [] as number[], ms: 0 };
    const bare = { latencies: [] as number[], ms: 0 };
    for (let round = 0; round < rounds; round++) {
      for (const [into, task] of [
        [service, viaService],
        [bare, bareStart],
      ] as const) {
        const t = performance.now();
        into.latencies.push(...(await load(n / rounds, CONCURRENCY, task)).latencies);
        into.ms += performance.now() - t;
      }
    }
    const perSecond = (r: { ms: number }) => Math.round((n / (r.ms / 1000)) * 10) / 10;
    // The worker opens every incident started here long after the figure: the next figures wait for that.
    const prisma = createPrisma(stack.databaseUrl);
    const drained = await untilOpened(prisma, started, DRAIN_GIVE_UP_MS).finally(() => prisma.$disconnect());
    if (drained.opened < started.size) {
      throw new Error(
        `intake: the worker opened ${drained.opened} of ${started.size} within ${DRAIN_GIVE_UP_MS / 1000} s`,
      );
    }
    const drainedAfterMs = drained.ms;
    log(
      `intake: the worker opened all ${started.size} incidents ${Math.round(drainedAfterMs / 1000)} s after the last start`,
    );
    const ratio = Math.round((perSecond(service) / perSecond(bare)) * 100) / 100;
    const s = latency(service.latencies);
    const b = latency(bare.latencies);
    return {
      value: { perSecond: perSecond(service), p50: s.p50, p95: s.p95, ratio, n },
      reference: { perSecond: perSecond(bare), p50: b.p50, p95: b.p95 },
      met: quick ? null : ratio >= 0.9,
    };
  },
};
