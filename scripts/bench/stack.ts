import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { migrateDatabase } from '../migrate';
import { repoRoot } from '../paths';
import { startDevServer, type DevServer } from '../temporal-dev-server';
import { waitForHttp } from '../wait-for-http';

// The service as `npm start` runs it, for the benchmark: the embedded dev server (unless TEMPORAL_ADDRESS
// names another), a migrated projection (SQLite in a fresh folder unless DATABASE_URL names one), the
// worker and the API as processes of their own, so their memory can be read and the worker killed.

export interface BenchStack {
  apiUrl: string;
  apiKey: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  databaseUrl: string;
  dataDir: string;
  client: Client;
  /** The running worker's process id; undefined while it is killed. */
  workerPid(): number | undefined;
  /** SIGKILLs the worker (kill -9: no shutdown, tasks in flight are lost); resolves once it is gone. */
  killWorker(): Promise<void>;
  /** Starts a worker after killWorker(); resolves once it polls. */
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Child {
  child: ChildProcess;
  log(): string;
}

function startChild(entry: string, env: NodeJS.ProcessEnv, logFile: string): Child {
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', entry)], {
    env,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  return { child, log: () => readFileSync(logFile, 'utf8') };
}

const pollingLines = (text: string) => (text.match(/polling task queue/g) ?? []).length;

/** Starts a worker and resolves once it says it polls (the log is shared by the workers started here). */
async function startWorker(env: NodeJS.ProcessEnv, logFile: string): Promise<Child> {
  let before = 0;
  try {
    before = pollingLines(readFileSync(logFile, 'utf8'));
  } catch {
    // No log yet: the first worker.
  }
  const worker = startChild('worker/main.js', env, logFile);
  const start = Date.now();
  while (pollingLines(worker.log()) <= before) {
    if (worker.child.exitCode !== null) throw new Error(`the worker exited:\n${worker.log().slice(-2000)}`);
    if (Date.now() - start > 60_000) throw new Error('the worker did not poll within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return worker;
}

const stopChild = (c: Child, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    if (c.child.exitCode !== null || c.child.signalCode !== null) return resolve();
    c.child.once('exit', () => resolve());
    c.child.kill(signal);
  });

export async function startBenchStack(log: (line: string) => void): Promise<BenchStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'incident-bench-'));
  let devServer: DevServer | undefined;
  // An empty setting counts as unset, as it does for the service.
  let temporalAddress = process.env.TEMPORAL_ADDRESS || undefined;
  if (temporalAddress === undefined) {
    devServer = await startDevServer({ dbFile: path.join(dataDir, 'temporal.db'), port: await freePort() });
    temporalAddress = devServer.address;
  }
  const databaseUrl = process.env.DATABASE_URL || `file:${path.join(dataDir, 'bench.db')}`;
  await migrateDatabase(databaseUrl);
  const apiKey = `bench-${Date.now()}-0123456789abcdef`;
  const port = await freePort();
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const taskQueue = `bench-${Date.now()}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    TASK_QUEUE: taskQueue,
    PORT: String(port),
    API_KEYS: apiKey,
    SEARCH_ATTRIBUTES: devServer ? 'on' : 'off',
    LINK_SECRET: 'bench-link-secret-0123456789abcdefghijklmnop',
  };
  const workerLog = path.join(dataDir, 'worker.log');
  let worker: Child | undefined = await startWorker(env, workerLog);
  const api = startChild('api/main.js', env, path.join(dataDir, 'api.log'));
  const apiUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${apiUrl}/healthz`, api.child, 60_000);
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection, namespace });
  log(`stack: Temporal ${temporalAddress}${devServer ? ' (embedded dev server)' : ''}, data ${dataDir}`);

  return {
    apiUrl,
    apiKey,
    temporalAddress,
    namespace,
    taskQueue,
    databaseUrl,
    dataDir,
    client,
    workerPid: () => worker?.child.pid,
    killWorker: async () => {
      if (worker) await stopChild(worker, 'SIGKILL');
      worker = undefined;
    },
    startWorker: async () => {
      if (worker) throw new Error('a worker is running already');
      worker = await startWorker(env, workerLog);
    },
    stop: async () => {
      await connection.close();
      await Promise.all([stopChild(api, 'SIGTERM'), ...(worker ? [stopChild(worker, 'SIGTERM')] : [])]);
      await devServer?.stop();
    },
  };
}
