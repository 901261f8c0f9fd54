import { Client, Connection } from '@temporalio/client';
import { ensureLocalApiKey } from '../config/api-key';
import { describeFailure, loadConfigOrExit } from '../config/env';
import { loadCatalog, PlanError, readPlansDir, type PlanCatalog } from '../plans/catalog';
import { createPrisma } from '../storage/prisma';
import { createApp } from './app';
import { loadApiConfig } from './config';

/** A broken plan stops the API at start with the message naming plan, path and problem. */
function loadCatalogOrExit(plansDir: string | undefined): PlanCatalog {
  try {
    return loadCatalog(plansDir ? readPlansDir(plansDir) : {});
  } catch (err) {
    if (!(err instanceof PlanError)) throw err;
    process.stderr.write(`api: ${err.message}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadApiConfig(process.env));
  const catalog = loadCatalogOrExit(config.PLANS_DIR);
  const apiKeys = config.API_KEYS ?? [ensureLocalApiKey(config.DATA_DIR).key];
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS }).catch((err: unknown) => {
    throw new Error(`cannot reach Temporal at ${config.TEMPORAL_ADDRESS}`, { cause: err });
  });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const prisma = createPrisma(config.DATABASE_URL);
  const app = createApp({
    client,
    catalog,
    prisma,
    taskQueue: config.TASK_QUEUE,
    searchAttributes: config.SEARCH_ATTRIBUTES === 'on',
    apiKeys,
    checkTemporal: async () => {
      await connection.workflowService.getSystemInfo({});
    },
  });
  const server = app.listen(config.PORT, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    console.log(`api: listening on http://localhost:${port}`);
  });
  const stop = () => {
    server.close(
      () => void Promise.allSettled([connection.close(), prisma.$disconnect()]).then(() => process.exit(0)),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`api: stopped: ${describeFailure(err)}`);
  process.exit(1);
});
