import { startBareWorker } from '../bare-worker';
import { call, startIncident } from '../api';
import type { Figure } from '../figure';
import { noopUpdate } from '../noop-workflow';
import { latency, load } from '../stats';

const office = { id: 'bench-office', role: 'office' };

/** From sending a human input to its answer: the workflow applied it and the projection stored it. */
export const inputLatency: Figure = {
  id: 'input-latency',
  title: 'accepted input → answered (stored)',
  goal: 'p95 ≤ 100 ms and ≤ 3 × bare executeUpdate on a no-op workflow',
  async run({ stack, quick }) {
    const n = quick ? 20 : 300;
    const incidents = await Promise.all(Array.from({ length: 10 }, () => startIncident(stack)));
    const service = await load(n, 1, async (i) => {
      await call(stack, 'POST', `/api/incidents/${incidents[i % incidents.length]}/metrics`, {
        actor: office,
        metrics: { comments: i },
      });
    });

    const bare = await startBareWorker(stack);
    try {
      const handle = await stack.client.workflow.start('updatableWorkflow', {
        taskQueue: bare.taskQueue,
        workflowId: `bench-updatable-${Date.now()}`,
      });
      const reference = await load(n, 1, async (i) => {
        await handle.executeUpdate(noopUpdate, { args: [i] });
      });
      await handle.executeUpdate(noopUpdate, { args: [-1] });
      const s = latency(service.latencies);
      const b = latency(reference.latencies);
      return {
        value: { p50: s.p50, p95: s.p95, p99: s.p99, n },
        reference: { p50: b.p50, p95: b.p95, p99: b.p99 },
        met: quick ? null : s.p95 <= 100 && s.p95 <= 3 * b.p95,
      };
    } finally {
      await bare.stop();
    }
  },
};
