import type { Server } from 'node:http';
import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import { loadCatalog } from '../../plans/catalog';
import { startDevServer, type DevServer } from '../../scripts/temporal-dev-server';
import { createIncidentWorker } from '../../worker/create-worker';
import { freePort } from './free-port';
import { tempDataDir } from './temp-database';
import type { NotifySettings } from '../../activities/notify';
import { TEST_LINKS, testNotifySettings } from './notify-settings';

export interface ApiStack {
  baseUrl: string;
  prisma: PrismaClient;
  client: Client;
  /** The secret the app verifies approval links with. */
  linkSecret: string;
  /** The dev server's address, for the `temporal` CLI. */
  temporalAddress: string;
  taskQueue: string;
  stop(): Promise<void>;
}

/**
 * The whole service as `npm start` runs it, in one process: a real Temporal dev server on its own SQLite
 * file, a migrated SQLite projection, the real incident worker and the API on a loopback port.
 */
export async function startApiStack(
  name: string,
  operatorKey: string,
  notify: Partial<NotifySettings> = {},
): Promise<ApiStack> {
  const taskQueue = name;
  const linkSecret = `${name}-link-secret-0123456789abcdefghijklmnop`;
  const data = await tempDataDir(name);
  const devServer: DevServer = await startDevServer({
    dbFile: path.join(data.dir, 'temporal.db'),
    port: await freePort(),
  });
  const prisma = data.openPrisma();
  const nativeConnection = await NativeConnection.connect({ address: devServer.address });
  const worker: Worker = await createIncidentWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    prisma,
    // The worker signs approval links with the secret the API verifies them with.
    notify: testNotifySettings(undefined, { links: { ...TEST_LINKS, secret: linkSecret }, ...notify }),
  });
  const workerRun = worker.run();
  const connection = await Connection.connect({ address: devServer.address });
  const client = new Client({ connection });
  const app = createApp({
    client,
    catalog: loadCatalog(),
    prisma,
    taskQueue,
    searchAttributes: true,
    apiKeys: [operatorKey],
    checkTemporal: async () => {
      await connection.workflowService.getSystemInfo({});
    },
    linkSecret,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    baseUrl,
    prisma,
    client,
    linkSecret,
    temporalAddress: devServer.address,
    taskQueue,
    stop: async () => {
      await new Promise((r) => server.close(r));
      worker.shutdown();
      await workerRun;
      await nativeConnection.close();
      await connection.close();
      await prisma.$disconnect();
      await devServer.stop();
    },
  };
}

export { caller } from './api-client';
