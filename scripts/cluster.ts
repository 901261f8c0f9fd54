import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ensureLocalApiKey } from '../config/api-key';
import { loadConfigOrExit, parseEnv, port, describeFailure } from '../config/env';
import { ensureLinkSecret } from '../config/link-secret';
import { workerVersioningFields } from '../worker/config';
import { freeLoopbackPort } from '../worker/free-loopback-port';
import { localTemporalEnv } from './local-temporal-env';
import { migrateDatabase } from './migrate';
import { repoRoot } from './paths';
import { startPostgres } from './postgres-server';
import { runningChild, supervise, type Part } from './supervisor';
import {
  setCurrentWorkerVersion,
  setUpTemporalSchemas,
  startTemporalServer,
  type TemporalServer,
} from './temporal-server';
import { waitForHttp } from './wait-for-http';

// `npm run cluster`: the service as it runs beyond one machine, all on loopback. A throwaway PostgreSQL
// holds Temporal's persistence and visibility (schemas set up and updated by the server's own SQL tool)
// and the app's projection; the full Temporal server runs on it, with CLUSTER_WORKERS workers and
// CLUSTER_APIS API processes (2 and 2) supervised as `npm start` supervises its parts. Ctrl-C stops all
// and removes the throwaway data (CLUSTER_KEEP=1 keeps it, with the server's log, to look at after).

const count = z.coerce.number({ error: 'a whole number' }).int('a whole number').min(1).max(16);
const ClusterEnv = z.object({
  CLUSTER_WORKERS: count.default(2),
  CLUSTER_APIS: count.default(2),
  /** The first API's port; the others take the ports after it. */
  PORT: port.default(3000),
  TEMPORAL_PORT: port.default(7233),
  TASK_QUEUE: z.string().min(1).default('incidents'),
  /** Set: the workers run as this build of WORKER_DEPLOYMENT, made its current version once they poll. */
  ...workerVersioningFields,
});

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => parseEnv('npm run cluster', ClusterEnv, process.env));
  const dir = mkdtempSync(path.join(tmpdir(), 'incident-cluster-'));
  const dataDir = path.join(dir, 'data');
  mkdirSync(dataDir);
  const cleanups: (() => Promise<void> | void)[] = [
    () => (process.env.CLUSTER_KEEP ? undefined : rmSync(dir, { recursive: true, force: true })),
  ];
  const cleanUp = async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  };
  try {
    const postgres = await startPostgres(await freeLoopbackPort());
    cleanups.push(() => postgres.stop());
    const pgPort = Number(new URL(postgres.url).port);
    console.log(`cluster: PostgreSQL on 127.0.0.1:${pgPort} (temporal, temporal_visibility, app)`);
    setUpTemporalSchemas(pgPort);
    const appUrl = postgres.createDatabase('app');
    await migrateDatabase(appUrl);

    const serverDir = path.join(dir, 'temporal');
    const startServer = () =>
      startTemporalServer({ dir: serverDir, postgresPort: pgPort, frontendPort: config.TEMPORAL_PORT });
    let firstServer: TemporalServer | undefined = await startServer();
    const address = firstServer.address;
    console.log(`cluster: Temporal server ${address} (log ${firstServer.logFile})`);

    const apiKey = ensureLocalApiKey(dataDir).key;
    const env = {
      ...localTemporalEnv(process.env, dataDir, address, 'default'),
      DATA_DIR: dataDir,
      DATABASE_URL: appUrl,
      TASK_QUEUE: config.TASK_QUEUE,
      API_KEYS: apiKey,
      LINK_SECRET: ensureLinkSecret(dataDir),
      SEARCH_ATTRIBUTES: 'on',
    };
    const apiPorts = Array.from({ length: config.CLUSTER_APIS }, (_, i) => config.PORT + i);
    const workerPorts = await Promise.all(
      Array.from({ length: config.CLUSTER_WORKERS }, () => freeLoopbackPort()),
    );
    const node = (name: string, script: string, extra: Record<string, string>): Part => ({
      name,
      start: () => {
        const child = spawn(process.execPath, [path.join(repoRoot, 'dist', script)], {
          env: { ...env, ...extra },
          stdio: 'inherit',
        });
        console.log(`cluster: the ${name} started (pid ${child.pid})`);
        return Promise.resolve(runningChild(child));
      },
    });
    const serverPart: Part = {
      name: 'Temporal server',
      start: async () => {
        const server = firstServer ?? (await startServer());
        if (!firstServer) console.log(`cluster: the Temporal server started (pid ${server.child.pid})`);
        firstServer = undefined;
        return runningChild(server.child);
      },
    };
    const supervisor = supervise(
      [
        serverPart,
        ...workerPorts.map((p, i) => node(`worker ${i + 1}`, 'worker/main.js', { WORKER_PORT: String(p) })),
        ...apiPorts.map((p, i) => node(`api ${i + 1}`, 'api/main.js', { PORT: String(p) })),
      ],
      {
        log: (line) => console.error(line.replace(/^start:/, 'cluster:')),
        onGiveUp: () => void cleanUp().then(() => process.exit(1)),
      },
    );
    cleanups.push(() => supervisor.stop());
    let stopping = false;
    const onSignal = () => {
      if (stopping) process.exit(1);
      stopping = true;
      void cleanUp().then(() => process.exit(0));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    await supervisor.startAll();
    for (const p of apiPorts) {
      await waitForHttp(`http://127.0.0.1:${p}/healthz`, undefined, 120_000);
    }
    for (const p of workerPorts) {
      await waitForHttp(`http://127.0.0.1:${p}/healthz`, undefined, 120_000);
    }
    if (config.WORKER_BUILD_ID) {
      await setCurrentWorkerVersion(address, config.WORKER_DEPLOYMENT, config.WORKER_BUILD_ID);
      console.log(
        `cluster: build ${config.WORKER_BUILD_ID} is the current version of ${config.WORKER_DEPLOYMENT}`,
      );
    }
    console.log(
      [
        '',
        ...apiPorts.map((p, i) => `  API ${i + 1}          http://127.0.0.1:${p}`),
        ...workerPorts.map((p, i) => `  Worker ${i + 1}       http://127.0.0.1:${p}/healthz`),
        `  Temporal       ${address} (PostgreSQL 127.0.0.1:${pgPort}, database temporal)`,
        `  Database       ${appUrl}`,
        `  API key        ${apiKey}`,
        '  Stop           Ctrl-C (removes the throwaway data)',
        '',
      ].join('\n'),
    );
  } catch (err) {
    console.error(`cluster: could not start: ${describeFailure(err)}`);
    await cleanUp();
    process.exit(1);
  }
}

void main();
