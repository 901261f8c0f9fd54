import { NativeConnection } from '@temporalio/worker';
import { logChannel } from '../activities/notify';
import { describeFailure, loadConfigOrExit } from '../config/env';
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
  const worker = await createIncidentWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TASK_QUEUE,
    prisma,
    channel: logChannel((line) => console.log(line)),
  });
  console.log(`worker: polling task queue ${config.TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}`);
  // run() resolves after SIGINT/SIGTERM once in-flight tasks are finished.
  await worker.run();
  await connection.close();
  await prisma.$disconnect();
}

main().catch((err: unknown) => {
  console.error(`worker: stopped: ${describeFailure(err)}`);
  process.exit(1);
});
