import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type express from 'express';
import { createApp } from '../../api/app';
import { OpenApiDocument } from '../../api/openapi';
import { Unhealthy } from '../../api/responses';
import { loadCatalog } from '../../plans/catalog';
import { startDevServer, type DevServer } from '../../scripts/temporal-dev-server';
import { createPrisma } from '../../storage/prisma';
import { createIncidentWorker } from '../../worker/create-worker';
import { apiClient } from '../helpers/api-client';
import { eventually } from '../helpers/eventually';
import { freePort } from '../helpers/free-port';
import { tempDataDir } from '../helpers/temp-database';
import { testNotifySettings } from '../helpers/notify-settings';
import { schemaIssues } from '../helpers/schema-issues';

const API_KEY = 'test-key-ops-0123456789';
const taskQueue = 'ops-endpoints';

let devServer: DevServer;
let prisma: PrismaClient;
let unreachablePrisma: PrismaClient;
let nativeConnection: NativeConnection;
let connection: Connection;
let closedConnection: Connection;
let worker: Worker;
let workerRun: Promise<void>;
const servers: Server[] = [];
/** Each app on its own port: the whole stack, one without its database, one whose Temporal connection is closed. */
let healthy: string;
let withoutDatabase: string;
let withoutTemporal: string;

async function listen(app: express.Express): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

function appWith(parts: { prisma: PrismaClient; connection: Connection }): express.Express {
  return createApp({
    client: new Client({ connection: parts.connection }),
    catalog: loadCatalog(),
    prisma: parts.prisma,
    linkSecret: 'ops-endpoints-link-secret-0123456789abcdef',
    taskQueue,
    searchAttributes: true,
    apiKeys: [API_KEY],
    checkTemporal: async () => {
      await parts.connection.workflowService.getSystemInfo({});
    },
  });
}

beforeAll(async () => {
  const data = await tempDataDir('ops-endpoints');
  devServer = await startDevServer({ dbFile: path.join(data.dir, 'temporal.db'), port: await freePort() });
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
  connection = await Connection.connect({ address: devServer.address });
  healthy = await listen(appWith({ prisma, connection }));

  // A database file whose folder no longer exists: SQLite cannot open it, as after a lost volume.
  const goneDir = mkdtempSync(path.join(tmpdir(), 'ops-endpoints-gone-'));
  rmSync(goneDir, { recursive: true });
  unreachablePrisma = createPrisma(`file:${path.join(goneDir, 'app.db')}`);
  withoutDatabase = await listen(appWith({ prisma: unreachablePrisma, connection }));

  closedConnection = await Connection.connect({ address: devServer.address });
  await closedConnection.close();
  withoutTemporal = await listen(appWith({ prisma, connection: closedConnection }));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  worker?.shutdown();
  await workerRun;
  await nativeConnection?.close();
  await connection?.close();
  await prisma?.$disconnect();
  await unreachablePrisma?.$disconnect().catch(() => undefined);
  await devServer?.stop();
});

const api = apiClient(() => healthy, API_KEY);

/** Reads one sample from Prometheus text: the series named `name` whose labels include `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = new Map([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => found.get(k) === v)) return Number(m[3]);
  }
  return undefined;
}

async function scrape(base: string): Promise<string> {
  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return res.text();
}

describe('GET /healthz', () => {
  test('answers 200 with Temporal and the database both ok, without an API key', async () => {
    const res = await fetch(`${healthy}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', temporal: 'ok', database: 'ok' });
  });

  test('answers 503 naming the database and why when SQLite cannot open its file', async () => {
    const res = await fetch(`${withoutDatabase}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as Record<string, string>;
    expect(body).toMatchObject({ status: 'unavailable', temporal: 'ok' });
    expect(body.database).not.toBe('ok');
    expect(body.database).toMatch(/directory does not exist|unable to open/i);
    expect(schemaIssues(Unhealthy, body)).toEqual([]);
  });

  test('answers 503 naming Temporal and why when its connection is closed', async () => {
    const res = await fetch(`${withoutTemporal}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as Record<string, string>;
    expect(body).toMatchObject({ status: 'unavailable', database: 'ok' });
    expect(body.temporal).not.toBe('ok');
    expect(body.temporal).toMatch(/shut down|closed/i);
    expect(schemaIssues(Unhealthy, body)).toEqual([]);
  });
});

describe('GET /metrics', () => {
  test('counts requests by route pattern and status, never by raw URL, without an API key', async () => {
    const created = await api('POST', '/api/incidents', {
      planId: 'p1-acheng-agriculture',
      title: '指标测试事件',
      level: 'l3',
      reporter: 'monitor-wang',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await api('GET', `/api/incidents/${id}`)).status).toBe(200);
    expect((await api('GET', `/api/incidents/${id}`)).status).toBe(200);
    expect((await api('GET', '/api/incidents/not-a-uuid')).status).toBe(400);
    expect((await fetch(`${healthy}/api/plans`)).status).toBe(401);
    expect((await fetch(`${healthy}/no/such/page`)).status).toBe(404);

    const text = await scrape(healthy);
    const byRoute = (route: string, method: string, status: string) =>
      sample(text, 'http_requests_total', { method, route, status });
    expect(byRoute('/api/incidents/:id', 'GET', '200')).toBe(2);
    expect(byRoute('/api/incidents/:id', 'GET', '400')).toBe(1);
    expect(byRoute('/api/incidents', 'POST', '201')).toBe(1);
    // Refused before routing, but still counted under the route it was aimed at.
    expect(byRoute('/api/plans', 'GET', '401')).toBe(1);
    expect(byRoute('unmatched', 'GET', '404')).toBe(1);
    expect(text).not.toContain(id);
    expect(text).not.toContain('not-a-uuid');
    expect(
      sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/incidents/:id' }),
    ).toBe(3);
  });

  test('counts started incidents by plan and level, and reads open and breached incidents from the database', async () => {
    const before = await scrape(healthy);
    const started = (text: string) =>
      sample(text, 'incidents_started_total', { plan_id: 'p1-acheng-agriculture', level: 'l4' }) ?? 0;
    const created = await api('POST', '/api/incidents', {
      planId: 'p1-acheng-agriculture',
      title: '指标测试：级别 l4',
      level: 'l4',
      reporter: 'monitor-wang',
    });
    expect(created.status).toBe(201);
    expect(started(await scrape(healthy))).toBe(started(before) + 1);

    // The worker writes the projection after the start; the gauge follows the database.
    await eventually(async () => {
      expect(sample(await scrape(healthy), 'incidents_open', { level: 'l4' })).toBe(1);
    });

    // Breaches are written by the workflow; a row marked breached is what the gauge must find.
    const breachedBefore = sample(await scrape(healthy), 'incidents_breached_open');
    await prisma.incident.create({
      data: {
        id: 'ops-breached-1',
        workflowId: 'incident-ops-breached-1',
        planId: 'p1-acheng-agriculture',
        planVersion: 1,
        title: 'breached',
        summary: '',
        level: 'l2',
        leadRole: 'party-group',
        status: 'aftercare',
        breached: true,
        reporter: 'monitor-wang',
        discoveredAt: new Date(),
      },
    });
    const after = await scrape(healthy);
    expect(sample(after, 'incidents_breached_open')).toBe((breachedBefore ?? 0) + 1);
    expect(sample(after, 'incidents_open', { level: 'l2' })).toBe(1);

    await prisma.incident.update({ where: { id: 'ops-breached-1' }, data: { status: 'closed' } });
    const closed = await scrape(healthy);
    expect(sample(closed, 'incidents_breached_open')).toBe(breachedBefore ?? 0);
    expect(sample(closed, 'incidents_open', { level: 'l2' })).toBeUndefined();
  });

  test('still answers with request metrics when the database is down, counting the gauges it could not read', async () => {
    await fetch(`${withoutDatabase}/healthz`);
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let text: string;
    try {
      text = await scrape(withoutDatabase);
      // The operator's log names the metric and carries the database's own error.
      const call = logged.mock.calls.find(([line]) => String(line).includes('cannot read incidents_open'));
      expect((call?.[1] as Error | undefined)?.message).toMatch(/directory does not exist|unable to open/i);
    } finally {
      logged.mockRestore();
    }
    expect(sample(text, 'http_requests_total', { route: '/healthz', status: '503' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(text, 'metrics_collect_failures_total', { metric: 'incidents_open' })).toBe(1);
    expect(sample(text, 'metrics_collect_failures_total', { metric: 'incidents_breached_open' })).toBe(1);
    // Unknown, not a reassuring zero.
    expect(sample(text, 'incidents_breached_open')).toBeNaN();
  });
});

describe('GET /openapi.json', () => {
  test('serves the generated document without an API key, with the intake body schema', async () => {
    const res = await fetch(`${healthy}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: object }> } }>
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/incidents', '/api/incidents/{id}', '/api/plans', '/healthz', '/metrics']),
    );
    const body = doc.paths['/api/incidents']?.post?.requestBody?.content['application/json']?.schema;
    expect(body).toMatchObject({ type: 'object', additionalProperties: false });
    expect((body as { required?: string[] }).required).toContain('planId');
    expect(schemaIssues(OpenApiDocument, doc)).toEqual([]);
  });
});

describe('GET /docs', () => {
  test('serves a Swagger UI page from local files, pointing at /openapi.json, without an API key', async () => {
    const page = await fetch(`${healthy}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('"/openapi.json"');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = /<script src="([^"]+swagger-ui-bundle\.js)"/.exec(html)?.[1];
    expect(bundle).toBe('/docs/swagger-ui-bundle.js');

    const js = await fetch(`${healthy}${bundle}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toContain('SwaggerUIBundle');
    const css = await fetch(`${healthy}/docs/swagger-ui.css`);
    expect(css.status).toBe(200);
  });

  test('does not serve the package’s own demo page, which loads the petstore from the internet', async () => {
    const res = await fetch(`${healthy}/docs/swagger-initializer.js`);
    expect(res.status).toBe(404);
  });
});
