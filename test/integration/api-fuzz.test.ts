import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { z } from 'zod';
import { createApp, type AppDeps } from '../../api/app';
import { ErrorBody, operations } from '../../api/openapi';
import { openApiPath, registeredRoutes, type RegisteredRoute } from '../../api/route-table';
import { loadCatalog } from '../../plans/catalog';
import { eventually } from '../helpers/eventually';
import { planOfRun } from '../helpers/plans';
import { incidentWorkflowId } from '../../workflows/messages';
import { caller, startApiStack, type ApiStack } from '../helpers/api-stack';

/** Where people read pages: every answer there is a page, a refusal too. */
const PAGE_PREFIXES = ['/approve', '/incidents/', '/sign-in', '/sign-out', '/plans', '/people'];

// Bad input over every route on the real stack (Temporal dev server, SQLite, worker, API): requests made
// from the app's own route table with odd path parameters, headers, charsets and bodies. Bad input is
// the caller's mistake: never a 5xx, always the error shape, and nothing started.

const OPERATOR_KEY = 'api-fuzz-operator-0123456789';
/** Fixed, so a failure is reproducible; fast-check prints it with the counterexample. */
const SEED = 20_240_806;
/** Runs of BATCH requests sent together: about 2,000 requests at a modest concurrency. */
const RUNS = 500;
const BATCH = 4;
const P1 = 'p1-acheng-agriculture';
const REPORT_FILE = path.join(__dirname, '..', '..', '.reports', 'fuzz.json');

let stack: ApiStack;
let incidentId: string;
beforeAll(async () => {
  stack = await startApiStack('api-fuzz', OPERATOR_KEY);
  // One real incident and one real person, so some requests reach the workflow and the stored rows.
  const started = await operator('POST', '/api/incidents', {
    planId: P1,
    title: '模糊测试的真实事件',
    level: 'l3',
    reporter: 'monitor-wang',
  });
  expect(started.status).toBe(201);
  incidentId = started.body.id as string;
  const person = await operator('POST', '/api/people', {
    id: 'fuzz-li',
    name: '李建国',
    roles: [{ planId: P1, role: 'party-group' }],
  });
  expect(person.status).toBe(201);
  await eventually(async () =>
    expect(await stack.prisma.incident.count({ where: { id: incidentId } })).toBe(1),
  );
});
afterAll(async () => {
  await stack?.stop();
});

const operator = caller(() => stack.baseUrl, OPERATOR_KEY);

/** The route table exactly as createApp registers it; listing touches none of the dependencies. */
function routeTable(): RegisteredRoute[] {
  const unused = <T>(): T => ({}) as T;
  return registeredRoutes(
    createApp({
      client: unused<AppDeps['client']>(),
      prisma: unused<AppDeps['prisma']>(),
      catalog: loadCatalog(),
      linkSecret: 'api-fuzz-listing-secret-0123456789abcdef',
      taskQueue: 'unused',
      searchAttributes: false,
      apiKeys: ['unused'],
      checkTemporal: () => Promise.resolve(),
    }),
  );
}

/** The top-level fields each route's documented body has, to build bodies that are nearly right. */
function bodyFieldsOf(route: RegisteredRoute): string[] {
  const op = operations.find(
    (o) => o.method.toUpperCase() === route.method && o.path === openApiPath(route.path),
  );
  if (!op?.body) return [];
  const schema = z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
  };
  return Object.keys(schema.properties ?? {});
}

interface FuzzRequest {
  route: RegisteredRoute;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
}

const future = new Date(Date.now() + 24 * 3_600_000).toISOString();
const oddStrings = [
  '',
  ' ',
  '\u0000',
  '舆情',
  'null',
  '{}',
  P1,
  'l3',
  'l9',
  'party-group',
  'approve',
  'reject',
  'report-facts',
  future,
  '2024-13-45T99:99:99Z',
  'not-a-url',
  'https://docs.example/x',
  '-1',
  '1e309',
];

const oddValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...oddStrings),
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant('x'.repeat(30_000)),
    fc.constant({ id: 'fuzz-li', role: 'party-group' }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** JSON text written by hand: keys such as __proto__ and repeated keys reach the parser as sent. */
const objectText = (entries: [string, unknown][]) =>
  `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;

function bodyArb(fields: string[]): fc.Arbitrary<string | undefined> {
  const keys = fc.constantFrom(...fields, 'unknownField', '__proto__', 'constructor', 'actor', 'id');
  return fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(
      '',
      '{',
      '[1,',
      'null',
      'true',
      '"x"',
      '{"a":1}x',
      '\u00ff\u00fe{}',
      '{"title":"\\ud800"}',
    ),
    fc.string({ maxLength: 60 }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.array(fc.tuple(keys, oddValue), { maxLength: fields.length + 2 }).map(objectText),
    fc
      .array(fc.array(fc.tuple(keys, oddValue), { maxLength: 3 }).map(objectText), { maxLength: 3 })
      .map((items) => `[${items.join(',')}]`),
    fc.constantFrom(1_000, 60_000, 120_000).map((n) => JSON.stringify({ title: 'x'.repeat(n) })),
  );
}

const badSegments = [
  '%ff',
  '%',
  '%E0%A4%A',
  '%c0%af',
  '%00',
  '%zz',
  '%%',
  '%2F',
  '..',
  '.',
  '%2e%2e',
  ' ',
  '舆情',
];

function paramArb(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(incidentId, 'fuzz-li', 'report-facts', 'approve-statement', P1, 'nobody'),
    fc.uuid(),
    fc.constantFrom(...badSegments),
    fc.string({ maxLength: 30 }).map(encodeURIComponent),
    fc.string({ maxLength: 30 }),
    fc.constant('a'.repeat(3_000)),
  );
}

const queryArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  fc
    .array(
      fc.tuple(
        fc.constantFrom(
          'status',
          'level',
          'planId',
          'breached',
          'q',
          'limit',
          'cursor',
          'status[]',
          'limit[a]',
          'x',
        ),
        fc.oneof(
          fc.constantFrom('open', 'true', '0', '101', '-1', '1e309', 'NaN', '%ff', '%', ''),
          fc.string({ maxLength: 20 }).map(encodeURIComponent),
        ),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
);

const contentTypes = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=koi8-r',
  'application/json; charset=',
  'application/json; charset="utf-8"; boundary=x',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'a/b/c',
  ';;;',
];

const headersArb = fc.record(
  {
    authorization: fc.oneof(
      { weight: 8, arbitrary: fc.constant(`Bearer ${OPERATOR_KEY}`) },
      fc.constantFrom(
        `bearer ${OPERATOR_KEY}`,
        'Bearer wrong-key-0123456789abcdef',
        'Bearer',
        'Basic dXNlcjpwYXNz',
        `Bearer ${'k'.repeat(4_000)}`,
      ),
    ),
    'content-type': fc.constantFrom(...contentTypes),
    'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unheard-of', 'gzip, gzip'),
    'idempotency-key': fc.oneof(
      fc.constantFrom('fuzz-key-1', 'has space', 'x'.repeat(250)),
      fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
    ),
    accept: fc.constantFrom('*/*', 'text/html', 'application/xml', 'application/json;q=0'),
  },
  { requiredKeys: [] },
);

const otherMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function requestArb(routes: RegisteredRoute[]): fc.Arbitrary<FuzzRequest> {
  // A few paths no route has, so the 404 is fuzzed too.
  const unknown: RegisteredRoute[] = [
    { method: 'GET', path: '/api/nowhere/:x' },
    { method: 'POST', path: '/:x' },
  ];
  return fc.constantFrom(...routes, ...unknown).chain((route) => {
    const segments = route.path.split('/').map((s) => (s.startsWith(':') ? paramArb() : fc.constant(s)));
    return fc
      .record({
        segments: fc.tuple(...segments),
        slash: fc.boolean(),
        query: queryArb,
        method: fc.oneof(
          { weight: 4, arbitrary: fc.constant(route.method) },
          fc.constantFrom(...otherMethods),
        ),
        headers: headersArb,
        body: bodyArb(bodyFieldsOf(route)),
        gzip: fc.boolean(),
      })
      .map(({ segments: parts, slash, query, method, headers, body, gzip }): FuzzRequest => {
        const withBody = method !== 'GET' && method !== 'HEAD' && body !== undefined;
        const compress = withBody && gzip && headers['content-encoding'] === 'gzip';
        const { 'content-encoding': encoding, ...rest } = headers;
        return {
          route,
          method,
          url: `${parts.join('/')}${slash ? '/' : ''}${query}`,
          headers: withBody && encoding !== undefined ? { ...rest, 'content-encoding': encoding } : rest,
          body: withBody ? (compress ? gzipSync(body) : body) : undefined,
        };
      });
  });
}

const tally = { requests: 0, byStatus: {} as Record<string, number>, startedByFuzz: 0 };

/** Sends one request and checks the answer; throws with the request when it is wrong. */
async function sendAndCheck(r: FuzzRequest): Promise<void> {
  const res = await fetch(`${stack.baseUrl}${r.url}`, {
    method: r.method,
    headers: r.headers,
    ...(r.body === undefined ? {} : { body: r.body }),
  });
  const text = await res.text();
  tally.requests += 1;
  tally.byStatus[res.status] = (tally.byStatus[res.status] ?? 0) + 1;
  const what = () =>
    `${r.method} ${r.url} ${JSON.stringify(r.headers)} body=${String(r.body).slice(0, 200)} → ${res.status} ${text.slice(0, 300)}`;
  if (res.status >= 500) throw new Error(`5xx for bad input: ${what()}`);
  if (/\n\s+at /.test(text)) throw new Error(`stack trace in the answer: ${what()}`);
  if (res.status === 201 && text.includes('"workflowId"')) tally.startedByFuzz += 1;
  if (res.status < 400) return;
  if (res.status === 405 && !res.headers.get('allow')) throw new Error(`405 without Allow: ${what()}`);
  if (r.method === 'HEAD') return; // no body to check
  // A page for a person answers its problems as a page: HTML saying what to do, never cached (the URL
  // may hold a credential). Only the approver's pages answer HTML; everything else, the JSON error.
  if (res.headers.get('content-type')?.startsWith('text/html')) {
    const pathname = new URL(r.url, stack.baseUrl).pathname;
    if (pathname !== '/' && !PAGE_PREFIXES.some((prefix) => pathname.startsWith(prefix)))
      throw new Error(`HTML 4xx off the pages: ${what()}`);
    if (res.headers.get('cache-control') !== 'no-store') throw new Error(`page without no-store: ${what()}`);
    if (!text.startsWith('<!doctype html>')) throw new Error(`page route, not a page: ${what()}`);
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`4xx that is not JSON: ${what()}`);
  }
  if (!ErrorBody.safeParse(parsed).success) throw new Error(`4xx without the error shape: ${what()}`);
}

async function workflowCount(): Promise<number> {
  return (await stack.client.workflow.count()).count;
}

test('bad input over every route: no 5xx, every 4xx in the error shape (a page on page routes), nothing started', async () => {
  const routes = routeTable();
  const workflowsBefore = await workflowCount();
  const incidentsBefore = await stack.prisma.incident.count();
  const exercised = new Set<string>();
  const began = Date.now();

  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(requestArb(routes), { minLength: BATCH, maxLength: BATCH }),
        async (batch) => {
          for (const r of batch) exercised.add(`${r.route.method} ${r.route.path}`);
          await Promise.all(batch.map(sendAndCheck));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  } finally {
    const count = (from: number) =>
      Object.entries(tally.byStatus)
        .filter(([s]) => Number(s) >= from && Number(s) < from + 100)
        .reduce((sum, [, n]) => sum + n, 0);
    mkdirSync(path.dirname(REPORT_FILE), { recursive: true });
    writeFileSync(
      REPORT_FILE,
      `${JSON.stringify(
        {
          seed: SEED,
          routes: routes.length,
          requests: tally.requests,
          '2xx': count(200),
          '3xx': count(300),
          '4xx': count(400),
          '5xx': count(500),
          byStatus: tally.byStatus,
          incidentsStartedByValidBodies: tally.startedByFuzz,
          seconds: Math.round((Date.now() - began) / 100) / 10,
        },
        null,
        2,
      )}\n`,
    );
  }

  expect(routes.filter((r) => !exercised.has(`${r.method} ${r.path}`))).toEqual([]);
  expect(tally.requests).toBeGreaterThanOrEqual(RUNS * BATCH);
  // A refused request starts nothing: the only new workflows and incidents are the fuzz's valid intakes.
  await eventually(async () => expect(await workflowCount()).toBe(workflowsBefore + tally.startedByFuzz));
  await eventually(async () =>
    expect(await stack.prisma.incident.count()).toBe(incidentsBefore + tally.startedByFuzz),
  );
  const health = await fetch(`${stack.baseUrl}/healthz`);
  expect(health.status).toBe(200);
});

test('what the first fuzz found answers with its own status on the real stack', async () => {
  const send = (method: string, url: string, headers: Record<string, string> = {}, body?: string) =>
    fetch(`${stack.baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${OPERATOR_KEY}`, ...headers },
      ...(body === undefined ? {} : { body }),
    }).then(async (res) => ({ status: res.status, allow: res.headers.get('allow'), body: await res.json() }));

  expect(
    await send('POST', '/api/incidents', { 'content-type': 'application/json; charset=latin1' }, '{}'),
  ).toMatchObject({ status: 415, body: { error: { code: 'unsupported-media-type' } } });
  expect(await send('GET', '/api/incidents/%ff')).toMatchObject({
    status: 400,
    body: { error: { code: 'bad-path' } },
  });
  expect(await send('DELETE', `/api/incidents/${incidentId}`)).toMatchObject({
    status: 405,
    allow: 'GET, HEAD',
    body: { error: { code: 'method-not-allowed' } },
  });
});

// Issue 14 item 9, P5 3.重大舆情事件: "须在事发15分钟内口头报告": intake takes when it happened.
test('occurredAt after discoveredAt is 400 naming occurredAt; a P5 重大 oral report counts 15 minutes from it', async () => {
  const discoveredAt = new Date(Date.now() - 5 * 60_000);
  const report = (occurredAt: Date) => ({
    planId: 'p5-yinzhou-civil-affairs',
    title: `事发时间 ${occurredAt.toISOString()}`,
    level: 'l1',
    reporter: 'section-wang',
    discoveredAt: discoveredAt.toISOString(),
    occurredAt: occurredAt.toISOString(),
  });
  const later = await operator('POST', '/api/incidents', report(new Date(discoveredAt.getTime() + 60_000)));
  expect(later.status).toBe(400);
  expect(later.body.error).toMatchObject({ code: 'invalid-request', details: [{ path: 'occurredAt' }] });

  const occurredAt = new Date(discoveredAt.getTime() - 8 * 60_000);
  const created = await operator('POST', '/api/incidents', report(occurredAt));
  expect(created.status).toBe(201);
  const state = await eventually(async () => {
    const s = await operator('GET', `/api/incidents/${String(created.body.id)}`);
    expect(s.status).toBe(200);
    return s.body as { incident: { occurredAt: number }; steps: Record<string, { dueAt?: number }> };
  });
  expect(state.incident.occurredAt).toBe(occurredAt.getTime());
  expect(state.steps['oral-report']!.dueAt).toBe(occurredAt.getTime() + 15 * 60_000);
});

// Issue 14 item 14, P6 五(一) 1): "工作时间10分钟、休息时间30分内全员到岗": the incident carries the State
// Council's holidays in its plan snapshot from intake, so its deadlines and its replay use the same dates.
test('a P6 incident is opened with the official holidays and make-up workdays in its plan snapshot', async () => {
  const created = await operator('POST', '/api/incidents', {
    planId: 'p6-lixian-cyberspace',
    title: '节假日日历',
    level: 'l4',
    reporter: 'cac-li',
  });
  expect(created.status).toBe(201);
  const history = await stack.client.workflow
    .getHandle(incidentWorkflowId(String(created.body.id)))
    .fetchHistory();
  const calendar = planOfRun(history).calendar;
  expect(calendar?.holidays).toEqual(expect.arrayContaining(['2026-02-16', '2025-10-08']));
  expect(calendar?.extraWorkdays).toEqual(expect.arrayContaining(['2026-02-14']));
});

// Issue 14 item 8, P3 五(一)4："舆情处发现刚发生的较大以上生产安全事故，应立即通知总局总值班室": a circumstance
// besides the level, ticked at intake or marked later by the lead role.
test('flags at intake are checked against the plan, and the lead role marks one later through the API', async () => {
  const report = (flags: string[]) => ({
    planId: 'p3-work-safety',
    title: `安全事故 ${flags.join(',')}`,
    level: 'l4',
    reporter: 'opinion-li',
    flags,
  });
  const unknown = await operator('POST', '/api/incidents', report(['accident', 'flood']));
  expect(unknown.status).toBe(400);
  expect(unknown.body.error).toMatchObject({ code: 'invalid-request', details: [{ path: 'flags.1' }] });
  const twice = await operator('POST', '/api/incidents', report(['accident', 'accident']));
  expect(twice.body.error).toMatchObject({ details: [{ path: 'flags.1' }] });

  const ticked = await operator('POST', '/api/incidents', report(['accident']));
  expect(ticked.status).toBe(201);
  const state = (id: unknown) =>
    eventually(async () => {
      const s = await operator('GET', `/api/incidents/${String(id)}`);
      expect(s.status).toBe(200);
      return s.body as { flags?: Record<string, number>; steps: Record<string, { status: string }> };
    });
  expect((await state(ticked.body.id)).steps['notify-duty-office']!.status).toBe('done');

  const plain = await operator('POST', '/api/incidents', report([]));
  expect((await state(plain.body.id)).steps['notify-duty-office']!.status).toBe('skipped');
  const lead = { id: 'unit-zhou', role: 'unit-head' };
  const marked = await operator('POST', `/api/incidents/${String(plain.body.id)}/flags`, {
    actor: lead,
    flag: 'accident',
    note: '厂区发生爆炸',
  });
  expect(marked).toMatchObject({ status: 200, body: { accepted: true } });
  const after = await state(plain.body.id);
  expect(after.steps['notify-duty-office']!.status).toBe('done');
  expect(Object.keys(after.flags ?? {})).toEqual(['accident']);
  const again = await operator('POST', `/api/incidents/${String(plain.body.id)}/flags`, {
    actor: lead,
    flag: 'accident',
  });
  expect(again).toMatchObject({ status: 409, body: { error: { code: 'flag-already-set' } } });
});

// Issue 14 item 10, P6 三: "县网信办可对牵头部门和响应级别进行调整": the cyberspace office hands an incident to
// another lead apart from the level; the review shows the new lead's period.
test('the cyberspace office changes the lead of a P6 incident; the unit leading it cannot lower it', async () => {
  const created = await operator('POST', '/api/incidents', {
    planId: 'p6-lixian-cyberspace',
    title: '牵头部门调整',
    level: 'l3',
    reporter: 'cac-li',
  });
  expect(created.status).toBe(201);
  const id = String(created.body.id);
  const unit = { id: 'town-wu', role: 'involved-unit' };
  const lower = await operator('POST', `/api/incidents/${id}/level`, {
    actor: unit,
    level: 'l4',
    reason: '降温',
  });
  expect(lower).toMatchObject({ status: 409, body: { error: { code: 'wrong-role' } } });
  const handed = await operator('POST', `/api/incidents/${id}/lead`, {
    actor: { id: 'cac-li', role: 'cac' },
    role: 'cac',
    reason: '涉事单位处置不力',
  });
  expect(handed).toMatchObject({ status: 200, body: { accepted: true } });
  const review = await eventually(async () => {
    const r = await operator('GET', `/api/incidents/${id}/review`);
    expect(r.status).toBe(200);
    return r.body as { findings: { levels: { level: string; leadRole: string; reason?: string }[] } };
  });
  expect(review.findings.levels.map((l) => [l.level, l.leadRole])).toEqual([
    ['l3', 'involved-unit'],
    ['l3', 'cac'],
  ]);
  expect(review.findings.levels[1]!.reason).toBe('涉事单位处置不力');
});

test('discoveredAt a day ahead is 400 naming the field and starts nothing; a few minutes ahead is clock skew', async () => {
  const workflowsBefore = await workflowCount();
  const report = (discoveredAt: string) => ({
    planId: P1,
    title: `发现时间在未来 ${discoveredAt}`,
    level: 'l3',
    reporter: 'monitor-wang',
    discoveredAt,
  });
  const ahead = await operator(
    'POST',
    '/api/incidents',
    report(new Date(Date.now() + 24 * 3_600_000).toISOString()),
  );
  expect(ahead.status).toBe(400);
  expect(ahead.body.error).toMatchObject({ code: 'invalid-request', details: [{ path: 'discoveredAt' }] });

  const skewed = await operator(
    'POST',
    '/api/incidents',
    report(new Date(Date.now() + 2 * 60_000).toISOString()),
  );
  expect(skewed.status).toBe(201);
  await eventually(async () => expect(await workflowCount()).toBe(workflowsBefore + 1));
});
