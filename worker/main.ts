import { NativeConnection } from '@temporalio/worker';
import { describeFailure, loadConfigOrExit } from '../config/env';
import { ensureLinkSecret } from '../config/link-secret';
import { smtpMailer } from '../notifications/email';
import { createPrisma, tuneDatabase } from '../storage/prisma';
import { loadWorkerConfig } from './config';
import { createIncidentWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadWorkerConfig(process.env));
  const prisma = createPrisma(config.DATABASE_URL);
  await tuneDatabase(prisma, config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS }).catch(
    (err: unknown) => {
      throw new Error(`cannot reach Temporal at ${config.TEMPORAL_ADDRESS}`, { cause: err });
    },
  );
  const mailer = config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.SMTP_FROM) : undefined;
  const worker = await createIncidentWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
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
  });
  console.log(`worker: polling task queue ${config.TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}`);
  // run() resolves after SIGINT/SIGTERM once in-flight tasks are finished.
  await worker.run();
  await connection.close();
  mailer?.close();
  await prisma.$disconnect();
}

main().catch((err: unknown) => {
  console.error(`worker: stopped: ${describeFailure(err)}`);
  process.exit(1);
});
