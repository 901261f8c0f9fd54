import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import { repoRoot } from '../../scripts/paths';
import { startDevServer, type DevServer } from '../../scripts/temporal-dev-server';
import { eventually } from '../helpers/eventually';
import { freePort } from '../helpers/free-port';
import { waitForHttp } from '../../scripts/wait-for-http';
import { apiClient } from '../helpers/api-client';
import { killHard, startBuilt, waitForLog, type RunningProcess } from '../helpers/processes';
import { tempDataDir } from '../helpers/temp-database';

// The reason the product exists: an incident survives its worker and its Temporal server being killed
// mid-flight. Every part runs as its own process, the way `npm start` runs them.

const API_KEY = 'durability-key-0123456789';
const DEADLINE_MS = 40_000; // durability-drill: respond within PT40S of discovery

let data: Awaited<ReturnType<typeof tempDataDir>>;
let prisma: PrismaClient;
let devServer: DevServer | undefined;
let worker: RunningProcess | undefined;
let api: RunningProcess | undefined;

afterAll(async () => {
  for (const p of [worker, api]) if (p) await killHard(p.child);
  await devServer?.stop();
  await prisma?.$disconnect();
});

test('an incident continues after its worker and Temporal server are killed: deadline on time, nothing lost or doubled', async () => {
  data = await tempDataDir('durability');
  prisma = data.openPrisma();
  const temporalPort = await freePort();
  const apiPort = await freePort();
  const dbFile = path.join(data.dir, 'temporal.db');
  const env = {
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TASK_QUEUE: 'durability',
    DATA_DIR: data.dir,
    DATABASE_URL: data.databaseUrl,
  };
  const startWorker = async () => {
    const w = startBuilt('worker/main.js', env, path.join(data.dir, 'worker.log'));
    await waitForLog(w, 'worker: polling');
    return w;
  };

  devServer = await startDevServer({ dbFile, port: temporalPort });
  worker = await startWorker();
  api = startBuilt(
    'api/main.js',
    {
      ...env,
      PORT: String(apiPort),
      API_KEYS: API_KEY,
      PLANS_DIR: path.join(repoRoot, 'test/fixtures/plans'),
    },
    path.join(data.dir, 'api.log'),
  );
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  await waitForHttp(`${baseUrl}/healthz`, api.child);
  const call = apiClient(() => baseUrl, API_KEY);

  const discoveredAt = Date.now();
  const created = await call('POST', '/api/incidents', {
    planId: 'durability-drill',
    title: '持久性演练',
    level: 'l1',
    reporter: 'drill',
    discoveredAt: new Date(discoveredAt).toISOString(),
  });
  expect(created.status).toBe(201);
  const id = String(created.body.id);
  const drafted = await call('POST', `/api/incidents/${id}/steps/draft/complete`, {
    actor: { id: 'chen', role: 'office' },
  });
  expect(drafted).toMatchObject({ status: 200, body: { accepted: true } });

  // Crash: approval outstanding, the 40-second deadline pending.
  await killHard(worker.child);
  await devServer.stop('SIGKILL');
  const killedAt = Date.now();
  expect(killedAt).toBeLessThan(discoveredAt + DEADLINE_MS - 20_000); // the restart happens before the deadline

  devServer = await startDevServer({ dbFile, port: temporalPort });
  worker = await startWorker();

  // The same API process, reconnected to the restarted server, delivers the approval.
  const approved = await call('POST', `/api/incidents/${id}/steps/approve/decision`, {
    actor: { id: 'zhao', role: 'leader' },
    decision: 'approve',
  });
  expect(approved).toMatchObject({ status: 200, body: { accepted: true, stepStatus: 'done' } });

  const breach = await eventually(async () => {
    const row = await prisma.timelineEvent.findFirst({
      where: { incidentId: id, type: 'deadline-breached' },
    });
    expect(row).not.toBeNull();
    return JSON.parse(row!.data) as { dueAt: number; recordedAt: number; escalatedTo: string[] };
  }, 60_000);
  expect(breach.dueAt).toBe(discoveredAt + DEADLINE_MS);
  // Fired at its original due time, not re-armed from the restart.
  expect(breach.recordedAt - breach.dueAt).toBeLessThan(3_000);
  expect(breach.escalatedTo).toEqual(['office', 'leader']);

  const sent = await eventually(async () => {
    const rows = await prisma.notification.findMany({ where: { incidentId: id }, orderBy: { key: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
    return rows;
  });

  const events = await eventually(async () => {
    const rows = await prisma.timelineEvent.findMany({ where: { incidentId: id }, orderBy: { seq: 'asc' } });
    expect(rows.at(-1)?.type).toBe('notification-sent');
    return rows;
  });
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events.map((e) => `${e.type}${e.stepId ? `:${e.stepId}` : ''}`)).toEqual([
    'incident-opened',
    'step-opened:draft',
    'step-opened:respond',
    'step-done:draft',
    'step-opened:approve',
    'approval-decided:approve',
    'step-done:approve',
    'deadline-breached:respond',
    'notification-sent',
  ]);
  const incident = await prisma.incident.findUniqueOrThrow({ where: { id } });
  expect(incident).toMatchObject({ status: 'open', breached: true, lastSeq: events.length });

  // Each notification went out once across both worker lives (the log channel writes one line per send).
  const workerLog = worker.log();
  for (const n of sent) expect(workerLog.split(`key=${n.key} `).length - 1).toBe(1);

  const state = await call('GET', `/api/incidents/${id}`);
  expect(state.body).toMatchObject({ status: 'open', breached: true, lastSeq: events.length });
});
