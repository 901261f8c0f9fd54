import { createHash, randomUUID } from 'node:crypto';
import { requestHash } from '../../api/request-hash';
import { IncidentAnswer, IncidentFromProjection, IncidentPage, IncidentStarted } from '../../api/responses';
import { CreateIncidentBody } from '../../api/schemas';
import { incidentWorkflowId } from '../../workflows/messages';
import { eventually } from '../helpers/eventually';
import { caller, startApiStack, type ApiStack } from '../helpers/api-stack';
import { schemaIssues } from '../helpers/schema-issues';
import { builtinPlan } from '../helpers/plans';

// Intake with Idempotency-Key, the incident list from the projection, and one incident when its workflow
// is gone: through HTTP on the real stack.

const OPERATOR_KEY = 'intake-list-operator-0123456789';
const P1 = 'p1-acheng-agriculture';

let stack: ApiStack;
beforeAll(async () => {
  stack = await startApiStack('intake-list', OPERATOR_KEY);
});
afterAll(async () => {
  await stack?.stop();
});

const operator = caller(() => stack.baseUrl, OPERATOR_KEY);
const lead = { id: 'li', role: 'party-group' };

const report = (title: string, extra: object = {}) => ({
  planId: P1,
  title,
  summary: '短视频转发量上升',
  level: 'l3',
  reporter: 'monitor-wang',
  source: { platform: 'douyin' },
  ...extra,
});

/** Runs of this workflow id that Temporal knows, open or closed. */
async function runsOf(incidentId: string): Promise<number> {
  let runs = 0;
  for await (const _ of stack.client.workflow.list({
    query: `WorkflowId = '${incidentWorkflowId(incidentId)}'`,
  })) {
    runs += 1;
  }
  return runs;
}

describe('intake with Idempotency-Key', () => {
  test('the same key and body give the same incident: 201 first, then 200 with the same answer, one workflow', async () => {
    const key = `intake-${randomUUID()}`;
    const title = `网传化肥补贴被截留 ${randomUUID()}`;
    const first = await operator('POST', '/api/incidents', report(title, { summary: '' }), {
      'Idempotency-Key': key,
    });
    expect(first.status).toBe(201);
    // The same request written differently: keys in another order, the defaulted summary left out.
    const { summary: _summary, ...rest } = report(title);
    const reordered = Object.fromEntries(Object.entries(rest).reverse());
    const second = await operator('POST', '/api/incidents', reordered, { 'Idempotency-Key': key });
    const third = await operator('POST', '/api/incidents', reordered, { 'Idempotency-Key': key });
    expect(second).toEqual({ status: 200, body: first.body });
    expect(third).toEqual({ status: 200, body: first.body });
    expect(schemaIssues(IncidentStarted, first.body)).toEqual([]);

    const id = first.body.id as string;
    const live = (await operator('GET', `/api/incidents/${id}`)).body;
    expect(live).toMatchObject({ source: 'workflow', status: 'open' });
    expect(schemaIssues(IncidentAnswer, live)).toEqual([]);
    await eventually(async () => expect(await runsOf(id)).toBe(1));
    await eventually(async () => expect(await stack.prisma.incident.count({ where: { title } })).toBe(1));
  });

  test('the same key with another body is 409 idempotency-key-reused and starts nothing', async () => {
    const key = `intake-${randomUUID()}`;
    const first = await operator('POST', '/api/incidents', report(`第一条 ${randomUUID()}`), {
      'Idempotency-Key': key,
    });
    expect(first.status).toBe(201);
    const otherTitle = `另一条 ${randomUUID()}`;
    const other = await operator('POST', '/api/incidents', report(otherTitle), { 'Idempotency-Key': key });
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'idempotency-key-reused' } } });
    expect(other.body.error?.details[0]?.path).toBe('Idempotency-Key');
    const memos: string[] = [];
    for await (const wf of stack.client.workflow.list({
      query: `StartTime > '${new Date(Date.now() - 60_000).toISOString()}'`,
    })) {
      memos.push(String(wf.memo?.title));
    }
    expect(memos).not.toContain(otherTitle);
  });

  test('racing duplicates with one key make one incident', async () => {
    const key = `intake-${randomUUID()}`;
    const body = report(`并发重复上报 ${randomUUID()}`);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => operator('POST', '/api/incidents', body, { 'Idempotency-Key': key })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(answers.flatMap((a) => schemaIssues(IncidentStarted, a.body))).toEqual([]);
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    await eventually(async () => expect(await runsOf([...ids][0] as string)).toBe(1));
  });

  test('a key reserved by an API that stopped before starting the workflow is completed by the retry', async () => {
    const key = `intake-${randomUUID()}`;
    const body = report(`重启前保留的键 ${randomUUID()}`);
    const id = randomUUID();
    const answer = {
      id,
      workflowId: incidentWorkflowId(id),
      level: 'l3',
      suggestedLevel: null,
      planId: P1,
      planVersion: builtinPlan(P1).version,
    };
    // What the first attempt wrote before it stopped: the reservation, and no workflow.
    const operatorKeyId = createHash('sha256').update(OPERATOR_KEY).digest('hex').slice(0, 12);
    const reservedAt = new Date(Date.now() - 5_000);
    await stack.prisma.idempotencyKey.create({
      data: {
        key: `operator:${operatorKeyId} ${key}`,
        requestHash: requestHash(CreateIncidentBody.parse(body)),
        incidentId: id,
        response: JSON.stringify(answer),
        createdAt: reservedAt,
      },
    });
    expect(await runsOf(id)).toBe(0);

    const retried = await operator('POST', '/api/incidents', body, { 'Idempotency-Key': key });
    expect(retried).toEqual({ status: 200, body: answer });
    const state = await operator('GET', `/api/incidents/${id}`);
    expect(state.body).toMatchObject({
      source: 'workflow',
      incident: { id, title: body.title, discoveredAt: reservedAt.getTime() },
    });
    expect((await operator('POST', '/api/incidents', body, { 'Idempotency-Key': key })).body).toEqual(answer);
    await eventually(async () => expect(await runsOf(id)).toBe(1));
  });

  test('keys belong to their caller: a person using the same key string gets an incident of their own', async () => {
    const person = `monitor-${randomUUID().slice(0, 8)}`;
    await operator('POST', '/api/people', {
      id: person,
      name: '王芳',
      roles: [{ planId: '*', role: 'monitor' }],
    });
    const issued = await operator('POST', `/api/people/${person}/api-keys`, { label: 'intake' });
    const asPerson = caller(() => stack.baseUrl, issued.body.key as string);
    const key = `shared-${randomUUID()}`;
    const body = report(`同一个键，不同的人 ${randomUUID()}`);
    const byOperator = await operator('POST', '/api/incidents', body, { 'Idempotency-Key': key });
    const byPerson = await asPerson('POST', '/api/incidents', body, { 'Idempotency-Key': key });
    expect([byOperator.status, byPerson.status]).toEqual([201, 201]);
    expect(byPerson.body.id).not.toBe(byOperator.body.id);
  });

  test('an Idempotency-Key that is not a key is 400 naming the header, and starts nothing', async () => {
    const title = `坏的键 ${randomUUID()}`;
    const bad = await operator('POST', '/api/incidents', report(title), {
      'Idempotency-Key': 'has spaces in it',
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid-request' } } });
    expect(bad.body.error?.details[0]?.path).toBe('Idempotency-Key');
    expect(
      await stack.prisma.idempotencyKey.count({ where: { key: { endsWith: 'has spaces in it' } } }),
    ).toBe(0);
  });
});

describe('incident list', () => {
  interface Item {
    id: string;
    planId: string;
    level: string;
    status: string;
    breached: boolean;
    createdAt: string;
  }

  test('filters the projection by plan, level, status, breach and free text, and pages across it', async () => {
    const tag = randomUUID().slice(0, 8);
    const start = (extra: object) => operator('POST', '/api/incidents', report(`列表测试 ${tag}`, extra));
    const plain = await start({});
    const raised = await start({ level: 'l2' });
    const civil = await start({ planId: 'p5-yinzhou-civil-affairs', level: 'l3', summary: `民政 ${tag}` });
    // Discovered 31 minutes ago: the 30-minute report is late as soon as the incident opens.
    const late = await start({ discoveredAt: new Date(Date.now() - 31 * 60_000).toISOString() });
    const closed = await start({});
    const ids = [plain, raised, civil, late, closed].map((a) => a.body.id as string);
    expect(
      (await operator('POST', `/api/incidents/${ids[4]}/close`, { actor: lead, reason: '不实信息' })).status,
    ).toBe(200);

    const list = async (query: string) => {
      const res = await operator('GET', `/api/incidents?q=${encodeURIComponent(tag)}&${query}`);
      expect(res.status).toBe(200);
      expect(schemaIssues(IncidentPage, res.body)).toEqual([]);
      return res.body as { items: Item[]; nextCursor: string | null };
    };
    // The projection follows the workflows: wait until it shows all five as they now are.
    await eventually(async () => {
      const all = await list('limit=100');
      expect(all.items.map((i) => i.id).sort()).toEqual([...ids].sort());
      expect(all.items.find((i) => i.id === ids[3])?.breached).toBe(true);
      expect(all.items.find((i) => i.id === ids[4])?.status).toBe('closed');
    }, 30_000);

    const only = async (query: string) => (await list(query)).items.map((i) => i.id).sort();
    expect(await only('planId=p5-yinzhou-civil-affairs')).toEqual([ids[2]]);
    expect(await only('level=l2')).toEqual([ids[1]]);
    expect(await only('status=closed')).toEqual([ids[4]]);
    expect(await only('status=open&planId=p1-acheng-agriculture&level=l3')).toEqual([ids[0], ids[3]].sort());
    expect(await only('breached=true')).toEqual([ids[3]]);
    expect(await only('breached=false')).toEqual([ids[0], ids[1], ids[2], ids[4]].sort());
    expect(await only(`limit=5`)).toEqual([...ids].sort());
    const summaryOnly = await operator('GET', `/api/incidents?q=${encodeURIComponent(`民政 ${tag}`)}`);
    expect((summaryOnly.body.items as Item[]).map((i) => i.id)).toEqual([ids[2]]);

    // Pages of two: every incident once, newest first, and no cursor after the last page.
    const pages: Item[][] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await list(
        `limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      pages.push(page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const paged = pages.flat();
    expect(paged.map((i) => i.id).sort()).toEqual([...ids].sort());
    const order = paged.map((i) => [Date.parse(i.createdAt), i.id] as const);
    const sorted = [...order].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : -1));
    expect(order).toEqual(sorted);
  });

  test('refuses bad query parameters with 400 naming the parameter', async () => {
    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=1&limit=2', 'limit'],
      ['breached=yes', 'breached'],
      ['status=gone', 'status'],
      ['cursor=not-a-cursor', 'cursor'],
      ['severity=high', 'severity'],
    ] as const) {
      const res = await operator('GET', `/api/incidents?${query}`);
      expect({
        query,
        status: res.status,
        code: res.body.error?.code,
        path: res.body.error?.details[0]?.path,
      }).toEqual({
        query,
        status: 400,
        code: 'invalid-request',
        path,
      });
    }
  });
});

describe('one incident', () => {
  test('answers from the workflow while it exists and from the projection, with its timeline, once it is gone', async () => {
    const title = `将被删除的事件 ${randomUUID()}`;
    const created = await operator('POST', '/api/incidents', report(title));
    const id = created.body.id as string;
    const live = await operator('GET', `/api/incidents/${id}`);
    expect(live).toMatchObject({ status: 200, body: { source: 'workflow', status: 'open' } });
    expect(schemaIssues(IncidentAnswer, live.body)).toEqual([]);

    expect(
      (await operator('POST', `/api/incidents/${id}/close`, { actor: lead, reason: '不实信息' })).status,
    ).toBe(200);
    const handle = stack.client.workflow.getHandle(incidentWorkflowId(id));
    await handle.result();
    await stack.client.workflowService.deleteWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId: incidentWorkflowId(id) },
    });

    // The dev server deletes an execution in the background, some seconds after it was asked to.
    const stored = await eventually(async () => {
      const res = await operator('GET', `/api/incidents/${id}`);
      expect(res.body.source).toBe('projection');
      return res;
    }, 90_000);
    expect(stored).toMatchObject({
      status: 200,
      body: {
        incident: { id, title, source: { platform: 'douyin' } },
        planId: P1,
        status: 'closed',
        level: 'l3',
      },
    });
    // Less than the live answer, and documented as such: the projection's own shape.
    expect(schemaIssues(IncidentFromProjection, stored.body)).toEqual([]);
    expect(schemaIssues(IncidentAnswer, stored.body)).toEqual([]);
    const timeline = stored.body.timeline as { seq: number; type: string; actor?: string }[];
    expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
    expect(timeline).toContainEqual(expect.objectContaining({ type: 'incident-closed', actor: 'li' }));

    const nowhere = await operator('GET', `/api/incidents/${randomUUID()}`);
    expect(nowhere).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
  });
});
