import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import { Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { IncidentAnswer } from '../../api/responses';
import { requestRetry } from '../../api/temporal-reachability';
import { startDevServer, type DevServer } from '../../scripts/temporal-dev-server';
import { createIncidentWorker } from '../../worker/create-worker';
import { apiClient } from '../helpers/api-client';
import { listenApp, type AppServer } from '../helpers/app-server';
import { eventually } from '../helpers/eventually';
import { freePort } from '../helpers/free-port';
import { testNotifySettings } from '../helpers/notify-settings';
import { schemaIssues } from '../helpers/schema-issues';
import { tempDataDir } from '../helpers/temp-database';

// Measured before the fix with the server killed: intake, inputs and GET /api/incidents/:id each answered
// 500 "internal error" after about 20 s (the SDK retries a refused call ten times). The API now tells the
// caller at once, reads from the projection meanwhile, and an intake retried with its Idempotency-Key
// after the server is back starts its incident exactly once.

const API_KEY = 'test-key-temporal-down-0123456789';
const taskQueue = 'temporal-unavailable';
/** Well under the SDK's default of about 20 s of retries, which is what a caller waited before. */
const PROMPT_MS = 8_000;

let data: Awaited<ReturnType<typeof tempDataDir>>;
let devServer: DevServer;
let temporalPort: number;
let prisma: PrismaClient;
let nativeConnection: NativeConnection;
let connection: Connection;
let worker: Worker;
let workerRun: Promise<void>;
let app: AppServer;
let baseUrl: string;

const startTemporal = async () => {
  devServer = await startDevServer({ dbFile: path.join(data.dir, 'temporal.db'), port: temporalPort });
};

beforeAll(async () => {
  data = await tempDataDir('temporal-unavailable');
  temporalPort = await freePort();
  await startTemporal();
  prisma = data.openPrisma();
  nativeConnection = await NativeConnection.connect({ address: devServer.address });
  worker = await createIncidentWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    prisma,
    notify: testNotifySettings(() => undefined),
  });
  workerRun = worker.run();
  // As api/main.ts connects: lazily, with the API's short retries.
  connection = Connection.lazy({ address: devServer.address, ...requestRetry });
  app = await listenApp({ connection, prisma, taskQueue, apiKey: API_KEY });
  baseUrl = app.baseUrl;
});

afterAll(async () => {
  await app?.close();
  worker?.shutdown();
  await workerRun;
  await nativeConnection?.close();
  await connection?.close();
  await prisma?.$disconnect();
  await devServer?.stop();
});

const api = apiClient(() => baseUrl, API_KEY);

const report = (title: string) => ({
  planId: 'p1-acheng-agriculture',
  title,
  summary: '微博话题，阅读量上升',
  level: 'l3',
  reporter: 'monitor-wang',
});

/** The call's answer, its Retry-After header and how long it took. */
async function timed(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const started = Date.now();
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  return {
    status: res.status,
    body: json,
    retryAfter: res.headers.get('retry-after'),
    ms: Date.now() - started,
  };
}

test('with the Temporal server down, intake and inputs answer 503 temporal-unavailable with Retry-After at once, reads come from the projection, and a retried intake starts its incident once when it is back', async () => {
  const created = await api('POST', '/api/incidents', report('服务器停机前的舆情'));
  expect(created.status).toBe(201);
  const id = String(created.body.id);
  await eventually(async () => expect(await prisma.incident.findUnique({ where: { id } })).not.toBeNull());

  await devServer.stop('SIGKILL');

  const unavailable = {
    status: 503,
    retryAfter: '5',
    body: {
      error: { code: 'temporal-unavailable', message: expect.stringContaining('Idempotency-Key') as string },
    },
  };
  const intake = await timed('POST', '/api/incidents', report('停机期间上报的舆情'), {
    'idempotency-key': 'while-down-1',
  });
  expect(intake).toMatchObject(unavailable);
  expect(intake.ms).toBeLessThan(PROMPT_MS);

  const input = await timed('POST', `/api/incidents/${id}/steps/report-facts/complete`, {
    actor: { id: 'wang', role: 'monitor' },
  });
  expect(input).toMatchObject(unavailable);
  expect(input.ms).toBeLessThan(PROMPT_MS);

  const read = await timed('GET', `/api/incidents/${id}`);
  expect(read).toMatchObject({
    status: 200,
    body: { source: 'projection', reason: 'temporal-unavailable', status: 'open', level: 'l3' },
  });
  expect(read.ms).toBeLessThan(PROMPT_MS);
  expect(schemaIssues(IncidentAnswer, read.body)).toEqual([]);
  // Neither the projection nor the workflow can tell of an incident it does not store: ask again later.
  const unknown = await timed('GET', '/api/incidents/7f1b4a52-9a0e-4c57-9a43-2d8f0b6c1e11');
  expect(unknown).toMatchObject(unavailable);

  const health = await timed('GET', '/healthz');
  expect(health).toMatchObject({ status: 503, body: { status: 'unavailable', database: 'ok' } });
  expect(health.body.temporal).not.toBe('ok');

  await startTemporal();

  // The same intake, sent again as the 503 asked: started now, and only once however often it is repeated.
  const retried = await eventually(async () => {
    const again = await api('POST', '/api/incidents', report('停机期间上报的舆情'), {
      'idempotency-key': 'while-down-1',
    });
    expect([200, 201]).toContain(again.status);
    return again;
  }, 30_000);
  const repeated = await api('POST', '/api/incidents', report('停机期间上报的舆情'), {
    'idempotency-key': 'while-down-1',
  });
  expect(repeated).toMatchObject({ status: 200, body: { id: retried.body.id } });
  await eventually(async () =>
    expect(await prisma.incident.count({ where: { title: '停机期间上报的舆情' } })).toBe(1),
  );

  // The input refused while the server was down goes through now, and the live state answers again.
  const done = await api('POST', `/api/incidents/${id}/steps/report-facts/complete`, {
    actor: { id: 'wang', role: 'monitor' },
  });
  expect(done).toMatchObject({ status: 200, body: { accepted: true } });
  const live = await api('GET', `/api/incidents/${id}`);
  expect(live.body).toMatchObject({ source: 'workflow' });
});

/** The fields a browser would send for the form on `html` whose action ends with `/do/<input>` and holds `text`. */
function formFields(html: string, text: string): { action: string; fields: URLSearchParams } {
  const form = [...html.matchAll(/<form[^>]*action="([^"]*\/do\/[^"]*)"[\s\S]*?<\/form>/g)].find((m) =>
    m[0].includes(text),
  );
  if (!form) throw new Error(`no form with ${text}`);
  const fields = new URLSearchParams();
  for (const m of form[0].matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
    fields.set(m[1]!, m[2]!);
  for (const m of form[0].matchAll(/<select[^>]*name="([^"]+)"[\s\S]*?<option[^>]*value="([^"]*)"/g)) {
    fields.set(m[1]!, m[2]!);
  }
  return { action: form[1]!.replace(/&amp;/g, '&'), fields };
}

test("with the Temporal server down, the office's incident page shows the stored record and says why, and a form sent meanwhile is answered with a page (503, Retry-After), never JSON", async () => {
  const person = {
    id: 'page-wang',
    name: '王监测',
    roles: [{ planId: 'p1-acheng-agriculture', role: 'monitor' }],
  };
  expect((await api('POST', '/api/people', person)).status).toBe(201);
  const issued = await api('POST', '/api/people/page-wang/api-keys', { label: 'phone' });
  const signIn = await fetch(`${baseUrl}/sign-in/key`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ key: String(issued.body.key), next: '/' }).toString(),
  });
  expect(signIn.status).toBe(303);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const page = (url: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${url}`, { redirect: 'manual', ...init, headers: { cookie, ...init.headers } });

  const created = await api('POST', '/api/incidents', report('页面停机演练'));
  const id = String(created.body.id);
  await eventually(async () => expect(await prisma.incident.findUnique({ where: { id } })).not.toBeNull());
  const before = await page(`/incidents/${id}`);
  expect(before.status).toBe(200);
  const { action, fields } = formFields(await before.text(), 'report-facts');

  await devServer.stop('SIGKILL');
  try {
    const shown = await page(`/incidents/${id}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await shown.text();
    expect(text).toContain('流程引擎暂时联系不上');
    expect(text).toContain('页面停机演练');

    const sent = await page(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: fields.toString(),
    });
    expect(sent.status).toBe(503);
    expect(sent.headers.get('content-type')).toMatch(/^text\/html/);
    expect(Number(sent.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await sent.text()).toContain('本次操作没有记录');
  } finally {
    await startTemporal();
  }
  // Sent again once the server is back, the same form is done.
  const again = await page(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    body: fields.toString(),
  });
  expect(again.status).toBe(303);
});
