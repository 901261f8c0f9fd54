import { randomUUID } from 'node:crypto';
import { loadCatalog } from '../../../plans/catalog';
import { incidentWorkflowId, type IncidentWorkflowInput } from '../../../workflows/messages';
import { P1_REPORT, startIncident } from '../api';
import type { Figure } from '../figure';
import { latency, load } from '../stats';

const CONCURRENCY = 20;

/** Incidents started over HTTP (checks, idempotency, the workflow start) against bare starts of it. */
export const intake: Figure = {
  id: 'intake',
  title: 'intake over HTTP at concurrency 20',
  goal: 'throughput ≥ 0.9 × bare client.workflow.start of the same workflow',
  async run({ stack, quick }) {
    const n = quick ? 20 : 400;
    const plan = loadCatalog().get(P1_REPORT.planId)!;
    const service = await load(n, CONCURRENCY, async () => {
      await startIncident(stack);
    });
    const bare = await load(n, CONCURRENCY, async () => {
      const id = randomUUID();
      const input: IncidentWorkflowInput = {
        incident: { id, ...P1_REPORT, discoveredAt: Date.now() },
        plan,
      };
      await stack.client.workflow.start('incidentWorkflow', {
        taskQueue: stack.taskQueue,
        workflowId: incidentWorkflowId(id),
        args: [input],
      });
    });
    const ratio = Math.round((service.perSecond / bare.perSecond) * 100) / 100;
    const s = latency(service.latencies);
    const b = latency(bare.latencies);
    return {
      value: { perSecond: service.perSecond, p50: s.p50, p95: s.p95, ratio, n },
      reference: { perSecond: bare.perSecond, p50: b.p50, p95: b.p95 },
      met: quick ? null : ratio >= 0.9,
    };
  },
};
