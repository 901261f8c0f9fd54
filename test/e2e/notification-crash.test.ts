import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import { startDevServer, type DevServer } from '../../scripts/temporal-dev-server';
import { waitForHttp } from '../../scripts/wait-for-http';
import { apiClient } from '../helpers/api-client';
import { eventually } from '../helpers/eventually';
import { freePort } from '../helpers/free-port';
import { startHttpReceiver, type HttpReceiver } from '../helpers/peers';
import { killHard, startBuilt, waitForLog, type RunningProcess } from '../helpers/processes';
import { tempDataDir } from '../helpers/temp-database';

// The worker dies after the receiver got the message but before the outbox says "sent". The activity
// runs again and sends again, under the same Idempotency-Key, so a receiver that keeps one message per
// key keeps one; our outbox keeps one row, and the timeline one notification-sent.

const API_KEY = 'notification-crash-key-0123456789';

let prisma: PrismaClient | undefined;
let devServer: DevServer | undefined;
let receiver: HttpReceiver | undefined;
const processes: RunningProcess[] = [];

afterAll(async () => {
  for (const p of processes) await killHard(p.child);
  await devServer?.stop();
  await receiver?.close();
  await prisma?.$disconnect();
});

test('a worker killed in the middle of a send does not store two sends', async () => {
  const data = await tempDataDir('notification-crash');
  prisma = data.openPrisma();
  receiver = await startHttpReceiver();
  const peopleFile = path.join(data.dir, 'people.json');
  writeFileSync(
    peopleFile,
    JSON.stringify({
      people: [
        {
          id: 'wang',
          name: '王监测',
          webhook: { url: `${receiver.url}/wang`, format: 'json' },
          roles: [{ planId: 'p1-acheng-agriculture', role: 'monitor' }],
        },
      ],
    }),
  );
  const temporalPort = await freePort();
  const apiPort = await freePort();
  const env = {
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TASK_QUEUE: 'notification-crash',
    DATA_DIR: data.dir,
    DATABASE_URL: data.databaseUrl,
  };
  const startWorker = async () => {
    const w = startBuilt('worker/main.js', env, path.join(data.dir, 'worker.log'));
    processes.push(w);
    await waitForLog(w, 'worker: polling');
    return w;
  };

  devServer = await startDevServer({ dbFile: path.join(data.dir, 'temporal.db'), port: temporalPort });
  const firstWorker = await startWorker();
  let killed = false;
  receiver.answer = (d, res) => {
    if (d.path !== '/wang' || killed) {
      res.writeHead(200).end();
      return;
    }
    // The message has arrived; the worker dies before it hears the 200.
    killed = true;
    void killHard(firstWorker.child).then(() => res.writeHead(200).end());
  };
  const api = startBuilt(
    'api/main.js',
    { ...env, PORT: String(apiPort), API_KEYS: API_KEY, PEOPLE_FILE: peopleFile },
    path.join(data.dir, 'api.log'),
  );
  processes.push(api);
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  await waitForHttp(`${baseUrl}/healthz`, api.child);
  const created = await apiClient(() => baseUrl, API_KEY)('POST', '/api/incidents', {
    planId: 'p1-acheng-agriculture',
    title: '网传某村土地流转费用未兑现',
    level: 'l3',
    reporter: 'monitor-zhou',
  });
  expect(created.status).toBe(201);
  const id = String(created.body.id);

  await eventually(() => expect(killed).toBe(true), 30_000);
  await startWorker();

  // The retry comes after the activity's 30-second start-to-close timeout.
  const row = await eventually(async () => {
    const r = await prisma!.notification.findFirstOrThrow({ where: { incidentId: id, personId: 'wang' } });
    expect(r.status).toBe('sent');
    return r;
  }, 90_000);
  const toWang = receiver.deliveries.filter((d) => d.path === '/wang');
  expect(toWang).toHaveLength(2);
  expect(toWang.map((d) => d.headers['idempotency-key'])).toEqual([row.key, row.key]);
  expect([...receiver.stored.keys()].filter((k) => k === row.key)).toHaveLength(1);
  expect(await prisma.notification.count({ where: { incidentId: id, personId: 'wang' } })).toBe(1);
  expect(row.attempts).toBe(2);
  // One notification-sent on the timeline for the request behind that message.
  await eventually(async () => {
    const events = await prisma!.timelineEvent.findMany({
      where: { incidentId: id, type: 'notification-sent' },
    });
    const forWang = events.filter((e) =>
      row.key.startsWith(`${String((JSON.parse(e.data) as { key: string }).key)}:`),
    );
    expect(forWang).toHaveLength(1);
  });
});
