import type { Server } from 'node:http';
import type { PrismaClient } from '@prisma/client';
import { Client, type Connection } from '@temporalio/client';
import { createApp } from '../../api/app';
import { loadCatalog } from '../../plans/catalog';

export interface AppServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** The API app on a loopback port, over the given Temporal connection; /healthz asks that connection. */
export async function listenApp(opts: {
  connection: Connection;
  namespace?: string;
  prisma: PrismaClient;
  taskQueue: string;
  apiKey: string;
}): Promise<AppServer> {
  const { connection } = opts;
  const app = createApp({
    client: new Client({ connection, ...(opts.namespace ? { namespace: opts.namespace } : {}) }),
    catalog: loadCatalog(),
    prisma: opts.prisma,
    linkSecret: `${opts.taskQueue}-link-secret-0123456789abcdefghijkl`,
    taskQueue: opts.taskQueue,
    searchAttributes: true,
    apiKeys: [opts.apiKey],
    checkTemporal: async () => {
      await connection.workflowService.getSystemInfo({});
    },
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  return {
    baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
