import type { AddressInfo } from 'node:net';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { describeFailure, loadConfigOrExit } from '../config/env';
import { ensureLinkSecret } from '../config/link-secret';
import { stopOnSignals } from '../config/stop-signals';
import { smtpMailer } from '../notifications/email';
import { freeLoopbackPort } from './free-loopback-port';
import { createPrisma, tuneDatabase } from '../storage/prisma';
import { loadWorkerConfig } from './config';
import { createIncidentWorker } from './create-worker';
import { listen, opsApp } from './ops-server';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadWorkerConfig(process.env));
  // The runtime's own Prometheus exporter, on loopback: /metrics on WORKER_PORT serves its text with ours.
  const corePort = await freeLoopbackPort();
  Runtime.install({
    telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${corePort}` } } },
    // Signals are handled below: the first drains, a second stops at once.
    shutdownSignals: [],
  });
  const prisma = createPrisma(config.DATABASE_URL);
  await tuneDatabase(prisma, config.DATABASE_URL);
  const connection = await NativeConnection.connect(config.temporal.options).catch((err: unknown) => {
    throw new Error(`cannot reach Temporal at ${config.temporal.described}`, { cause: err });
  });
  const mailer = config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.SMTP_FROM) : undefined;
  const graceMs = config.WORKER_SHUTDOWN_GRACE_S * 1000;
  const worker = await createIncidentWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.TASK_QUEUE,
    prisma,
    notify: {
      log: (line) => console.log(line),
      links: {
        secret: config.LINK_SECRET ?? ensureLinkSecret(config.DATA_DIR),
        publicUrl: config.PUBLIC_URL,
        ttlMs: config.LINK_TTL_HOURS * 3_600_000,
      },
      ...(mailer ? { mailer } : {}),
      webhookTimeoutMs: config.WEBHOOK_TIMEOUT_MS,
    },
    shutdownGraceMs: graceMs,
    deployment: config.WORKER_BUILD_ID
      ? { name: config.WORKER_DEPLOYMENT, buildId: config.WORKER_BUILD_ID }
      : undefined,
  });
  const ops = await listen(
    opsApp({ worker, connection, prisma, coreMetricsUrl: `http://127.0.0.1:${corePort}/metrics` }),
    config.WORKER_PORT,
  );
  const running = worker.run();
  const letGo = async () => {
    ops.close();
    await connection.close();
    mailer?.close();
    await prisma.$disconnect();
  };
  // Activities in hand get the grace to finish; the process gives up a little after, whatever happens.
  stopOnSignals('worker', graceMs + 5_000, async () => {
    worker.shutdown();
    await running;
    await letGo();
  });
  console.log(
    `worker: polling task queue ${config.TASK_QUEUE} on ${config.temporal.described}` +
      (config.WORKER_BUILD_ID
        ? ` as build ${config.WORKER_BUILD_ID} of deployment ${config.WORKER_DEPLOYMENT}`
        : '') +
      `; health and metrics on port ${(ops.address() as AddressInfo).port}`,
  );
  await running;
}

main().catch((err: unknown) => {
  console.error(`worker: stopped: ${describeFailure(err)}`);
  process.exit(1);
});
