import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import { Connection } from '@temporalio/client';
import { startDevServer, exited, type DevServer } from '../../scripts/temporal-dev-server';
import { createPerson } from '../../storage/people';
import { apiClient } from '../helpers/api-client';
import { listenApp, type AppServer } from '../helpers/app-server';
import { eventually } from '../helpers/eventually';
import { freePort } from '../helpers/free-port';
import { startHttpReceiver, type HttpReceiver } from '../helpers/peers';
import { killHard, startBuilt, waitForLog, type RunningProcess } from '../helpers/processes';
import { tempDataDir } from '../helpers/temp-database';

// The worker as an orchestrator runs it: probed on /healthz, scraped on /metrics, stopped with SIGTERM.
// A webhook peer holds its answer, so a notification is in hand when the signal comes.

const API_KEY = 'worker-ops-key-0123456789';
const taskQueue = 'worker-ops';

let data: Awaited<ReturnType<typeof tempDataDir>>;
let prisma: PrismaClient;
let devServer: DevServer;
let receiver: HttpReceiver;
let connection: Connection;
let app: AppServer;
const workers: RunningProcess[] = [];

/** Deliveries the peer has taken and not answered yet. */
const held: ServerResponse[] = [];

beforeAll(async () => {
  data = await tempDataDir('worker-ops');
  prisma = data.openPrisma();
  devServer = await startDevServer({ dbFile: path.join(data.dir, 'temporal.db'), port: await freePort() });
  receiver = await startHttpReceiver();
  receiver.answer = (_d, res) => held.push(res);
  await createPerson(
    prisma,
    { id: 'monitor-wang', name: '王监测', webhook: { url: `${receiver.url}/hook`, format: 'json' } },
    [{ planId: 'p1-acheng-agriculture', role: 'monitor' }],
  );
  connection = await Connection.connect({ address: devServer.address });
  app = await listenApp({ connection, prisma, taskQueue, apiKey: API_KEY });
});

afterAll(async () => {
  for (const w of workers) await killHard(w.child);
  for (const res of held.splice(0)) res.destroy();
  await app?.close();
  await receiver?.close();
  await connection?.close();
  await prisma?.$disconnect();
  await devServer?.stop();
});

const api = apiClient(() => app.baseUrl, API_KEY);

async function startWorker(opsPort: number): Promise<RunningProcess> {
  const worker = startBuilt(
    'worker/main.js',
    {
      TEMPORAL_ADDRESS: devServer.address,
      TASK_QUEUE: taskQueue,
      DATA_DIR: data.dir,
      DATABASE_URL: data.databaseUrl,
      WORKER_PORT: String(opsPort),
      WORKER_SHUTDOWN_GRACE_S: '30',
    },
    path.join(data.dir, `worker-${workers.length}.log`),
  );
  workers.push(worker);
  await waitForLog(worker, `health and metrics on port ${opsPort}`);
  return worker;
}

/** Starts an incident whose first step is the monitor's: its notice goes to the peer, which holds it. */
async function incidentWithNoticeInHand(): Promise<string> {
  const before = held.length;
  const created = await api('POST', '/api/incidents', {
    planId: 'p1-acheng-agriculture',
    title: '停机演练',
    level: 'l3',
    reporter: 'monitor-wang',
  });
  expect(created.status).toBe(201);
  await eventually(() => expect(held.length).toBe(before + 1), 30_000);
  return String(created.body.id);
}

test('the worker answers /healthz and /metrics, and SIGTERM lets the notice in hand finish before it exits', async () => {
  const opsPort = await freePort();
  const worker = await startWorker(opsPort);
  const ops = `http://127.0.0.1:${opsPort}`;

  const health = await fetch(`${ops}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok', worker: 'ok', temporal: 'ok', database: 'ok' });
  const metrics = await (await fetch(`${ops}/metrics`)).text();
  expect(metrics).toMatch(/^temporal_\w+(\{[^}]*\})? \d/m); // the SDK's own
  expect(metrics).toContain('incident_worker_polling 1');
  expect(metrics).toContain(`incident_worker_info{namespace="default",task_queue="${taskQueue}"`);

  const id = await incidentWithNoticeInHand();
  worker.child.kill('SIGTERM');
  await waitForLog(worker, 'worker: SIGTERM: finishing what is in hand (up to 35 s)');
  // Draining: no longer polling, so an orchestrator sends no traffic its way.
  const draining = await fetch(`${ops}/healthz`);
  expect(draining.status).toBe(503);
  expect(((await draining.json()) as { worker: string }).worker).toMatch(/^not polling/);

  held.shift()!.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}');
  await exited(worker.child);
  expect(worker.child.exitCode).toBe(0);
  expect(worker.log()).toContain('worker: stopped');
  // The delivery finished under the draining worker and was recorded as sent.
  const notices = await prisma.notification.findMany({ where: { incidentId: id, role: 'monitor' } });
  expect(notices.map((n) => n.status)).toEqual(['sent']);
});

test('a second SIGTERM stops the worker at once, the notice still in hand', async () => {
  const worker = await startWorker(await freePort());
  await incidentWithNoticeInHand();
  worker.child.kill('SIGTERM');
  await waitForLog(worker, 'finishing what is in hand');
  worker.child.kill('SIGTERM');
  await exited(worker.child);
  expect(worker.child.exitCode).toBe(1);
  expect(worker.log()).toContain('worker: SIGTERM again: stopping at once');
});
