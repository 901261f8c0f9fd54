import type { Server } from 'node:http';
import type { PrismaClient } from '@prisma/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import express from 'express';
import { Gauge, Registry } from 'prom-client';
import { healthCheck } from '../ops/health';

export interface OpsDeps {
  worker: Worker;
  connection: NativeConnection;
  prisma: PrismaClient;
  /** Where the runtime's own Prometheus exporter listens (loopback only); its text leads /metrics. */
  coreMetricsUrl: string | undefined;
}

/**
 * The worker's endpoints for whoever runs it (an orchestrator's probes, a Prometheus scraper):
 * `/healthz` is 200 while the worker polls, Temporal answers and the database answers, else 503 naming
 * which; `/metrics` is the SDK's own metrics (pollers, task latencies, activity failures) followed by ours.
 */
export function opsApp({ worker, connection, prisma, coreMetricsUrl }: OpsDeps): express.Express {
  const registry = new Registry();
  new Gauge({
    name: 'incident_worker_info',
    help: 'The worker: its namespace, task queue and build id (always 1)',
    labelNames: ['namespace', 'task_queue', 'build_id'] as const,
    registers: [registry],
  }).set(
    {
      namespace: worker.options.namespace,
      task_queue: worker.options.taskQueue,
      build_id: worker.options.buildId,
    },
    1,
  );
  new Gauge({
    name: 'incident_worker_polling',
    help: '1 while the worker polls its task queue; 0 while it starts, drains or has stopped',
    registers: [registry],
    collect() {
      this.set(worker.getState() === 'RUNNING' ? 1 : 0);
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.get(
    '/healthz',
    healthCheck({
      worker: () =>
        worker.getState() === 'RUNNING'
          ? Promise.resolve()
          : Promise.reject(new Error(`not polling (${worker.getState().toLowerCase()})`)),
      temporal: async () => {
        await connection.workflowService.getSystemInfo({});
      },
      database: async () => {
        await prisma.$queryRawUnsafe('SELECT 1');
      },
    }),
  );
  app.get('/metrics', async (_req, res) => {
    const core = coreMetricsUrl
      ? await fetch(coreMetricsUrl, { signal: AbortSignal.timeout(5_000) }).then(
          (r) => r.text(),
          () => '',
        )
      : '';
    const ours = await registry.metrics();
    res.setHeader('Content-Type', registry.contentType);
    res.end(`${core.trimEnd()}\n${ours}`);
  });
  return app;
}

/** Listens on `port` (0: any free one) on every interface; resolves once bound. */
export function listen(app: express.Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, () => resolve(server));
    server.once('error', reject);
  });
}
