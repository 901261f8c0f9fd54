import type { PrismaClient } from '@prisma/client';
import { Healthy, IncidentAnswer, IncidentStarted, PlanList } from '../../api/responses';
import { Verdict } from '../../domain/incident-schema';
import { Plan } from '../../domain/plan-schema';
import { apiClient } from '../helpers/api-client';
import { startApiStack, type ApiStack } from '../helpers/api-stack';
import { eventually } from '../helpers/eventually';
import { incidentWorkflowId } from '../../workflows/messages';
import { builtinPlan } from '../helpers/plans';
import { schemaIssues } from '../helpers/schema-issues';

const API_KEY = 'test-key-0123456789abcdef';

let stack: ApiStack;
let prisma: PrismaClient;
const notifyLog: string[] = [];

beforeAll(async () => {
  stack = await startApiStack('incident-api', API_KEY, { log: (line) => notifyLog.push(line) });
  prisma = stack.prisma;
});

afterAll(async () => {
  await stack?.stop();
});

const api = apiClient(() => stack.baseUrl, API_KEY);

const newIncident = {
  planId: 'p1-acheng-agriculture',
  title: '网传某村土地流转费用未兑现',
  summary: '微博话题，阅读量上升',
  level: 'l3',
  reporter: 'monitor-wang',
  source: { platform: 'weibo', url: 'https://weibo.example/123' },
};

describe('incident API on the real dev server and SQLite', () => {
  test('starts an incident over HTTP, takes an approval and shows the change in state and in SQLite', async () => {
    const created = await api('POST', '/api/incidents', newIncident);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      workflowId: `incident-${id}`,
      level: 'l3',
      planId: 'p1-acheng-agriculture',
      planVersion: builtinPlan('p1-acheng-agriculture').version,
    });
    expect(schemaIssues(IncidentStarted, created.body)).toEqual([]);

    const first = await api('GET', `/api/incidents/${id}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'open', level: 'l3', leadRole: 'party-group' });
    expect(schemaIssues(IncidentAnswer, first.body)).toEqual([]);

    for (const [stepId, actor] of [
      ['report-facts', { id: 'wang', role: 'monitor' }],
      ['consult', { id: 'li', role: 'party-group' }],
      ['draft-statement', { id: 'chen', role: 'office' }],
    ] as const) {
      const done = await api('POST', `/api/incidents/${id}/steps/${stepId}/complete`, { actor });
      expect(done).toMatchObject({ status: 200, body: { accepted: true, stepStatus: 'done' } });
      expect(schemaIssues(Verdict, done.body)).toEqual([]);
    }
    const approved = await api('POST', `/api/incidents/${id}/steps/approve-statement/decision`, {
      actor: { id: 'li', role: 'party-group' },
      decision: 'approve',
      comment: '同意',
    });
    expect(approved).toMatchObject({ status: 200, body: { accepted: true, stepStatus: 'open' } });
    expect(schemaIssues(Verdict, approved.body)).toEqual([]);

    const after = await api('GET', `/api/incidents/${id}`);
    expect(schemaIssues(IncidentAnswer, after.body)).toEqual([]);
    const steps = after.body.steps as Record<string, { status: string; stage?: number }>;
    expect(steps['approve-statement']).toMatchObject({ status: 'open', stage: 1 });

    // The answer came after the write: the rows are there without waiting.
    const row = await prisma.incident.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      workflowId: `incident-${id}`,
      level: 'l3',
      status: 'open',
      planId: newIncident.planId,
    });
    const events = await prisma.timelineEvent.findMany({
      where: { incidentId: id },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const decided = events.find((e) => e.type === 'approval-decided');
    expect(decided).toMatchObject({ stepId: 'approve-statement', actor: 'li' });
    expect(JSON.parse(decided!.data)).toMatchObject({
      decision: 'approve',
      comment: '同意',
      role: 'party-group',
    });
    expect(row.lastSeq).toBeGreaterThanOrEqual(approved.body.seq as number);
  });

  test('answers a human input the plan does not allow with 409 and the reason', async () => {
    const { body } = await api('POST', '/api/incidents', newIncident);
    const wrongRole = await api('POST', `/api/incidents/${String(body.id)}/steps/report-facts/complete`, {
      actor: { id: 'chen', role: 'office' },
    });
    expect(wrongRole.status).toBe(409);
    expect(wrongRole.body.error).toMatchObject({ code: 'wrong-role' });
    expect(wrongRole.body.error!.message).toContain('monitor');

    const notOpen = await api('POST', `/api/incidents/${String(body.id)}/steps/approve-statement/decision`, {
      actor: { id: 'li', role: 'party-group' },
      decision: 'approve',
    });
    expect(notOpen.status).toBe(409);
    expect(notOpen.body.error?.code).toBe('step-not-open');
  });

  test('an input to a closed incident whose workflow has ended is refused 409 incident-closed', async () => {
    const { body } = await api('POST', '/api/incidents', newIncident);
    const id = String(body.id);
    const closed = await api('POST', `/api/incidents/${id}/close`, {
      actor: { id: 'li', role: 'party-group' },
      reason: '经核实为不实信息，已澄清',
    });
    expect(closed.status).toBe(200);
    await stack.client.workflow.getHandle(incidentWorkflowId(id)).result();
    // The server answers an update to a finished workflow NOT_FOUND, which the client throws as
    // WorkflowNotFoundError, the same type as for a workflow that never existed: the projection tells.
    const late = await api('POST', `/api/incidents/${id}/steps/report-facts/complete`, {
      actor: { id: 'wang', role: 'monitor' },
    });
    expect(late).toMatchObject({
      status: 409,
      body: { error: { code: 'incident-closed', message: 'the incident is closed' } },
    });
    // The incident itself is still answered, from the projection.
    expect(await api('GET', `/api/incidents/${id}`)).toMatchObject({
      status: 200,
      body: { status: 'closed' },
    });
  });

  test('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const before = await prisma.incident.count();
    const missing = await api('POST', '/api/incidents', { ...newIncident, title: undefined });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.details).toContainEqual(expect.objectContaining({ path: 'title' }));

    const unknownField = await api('POST', '/api/incidents', { ...newIncident, severity: 'high' });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error?.details[0]?.issue).toContain('severity');

    const unknownPlan = await api('POST', '/api/incidents', { ...newIncident, planId: 'no-such-plan' });
    expect(unknownPlan.status).toBe(400);
    expect(unknownPlan.body.error?.details[0]?.path).toBe('planId');

    const badLevel = await api('POST', '/api/incidents', { ...newIncident, level: 'l9' });
    expect(badLevel.status).toBe(400);
    expect(badLevel.body.error?.details[0]).toMatchObject({ path: 'level', issue: 'one of l1, l2, l3, l4' });

    const notJson = await fetch(`${stack.baseUrl}/api/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: '{"planId":',
    });
    expect(notJson.status).toBe(400);

    const huge = await api('POST', '/api/incidents', { ...newIncident, summary: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);

    expect(await prisma.incident.count()).toBe(before);
  });

  test('requires a known bearer key, and says 404 for an incident that does not exist', async () => {
    const noKey = await fetch(`${stack.baseUrl}/api/incidents`, { method: 'POST' });
    expect(noKey.status).toBe(401);
    const wrongKey = await api('GET', '/api/incidents/00000000-0000-4000-8000-000000000000', undefined, {
      authorization: 'Bearer not-the-key-at-all-000',
    });
    expect(wrongKey.status).toBe(401);
    const missing = await api('GET', '/api/incidents/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const badId = await api('GET', '/api/incidents/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.body.error?.details[0]?.path).toBe('id');
  });

  test('reports health from a real Temporal round trip', async () => {
    const res = await fetch(`${stack.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    const body: unknown = await res.json();
    expect(body).toMatchObject({ status: 'ok', temporal: 'ok' });
    expect(schemaIssues(Healthy, body)).toEqual([]);
  });

  test('a breach notification is written to the outbox once and logged', async () => {
    const { body } = await api('POST', '/api/incidents', {
      ...newIncident,
      // Discovered 31 minutes ago: the 30-minute report is already late when the incident opens.
      discoveredAt: new Date(Date.now() - 31 * 60_000).toISOString(),
    });
    const id = String(body.id);
    const overdue = await eventually(async () => {
      const rows = await prisma.notification.findMany({
        where: { incidentId: id, subject: { contains: '【超时】' } },
      });
      expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
      return rows;
    });
    // The owner and its immediate superior (the rest of the chain follows a role every 30 minutes).
    // Nobody is assigned to these roles here, so each role's message goes to the log, once.
    expect(overdue.map((r) => [r.role, r.channel, r.personId])).toEqual(
      expect.arrayContaining([
        ['monitor', 'log', null],
        ['office', 'log', null],
      ]),
    );
    const logged = notifyLog.filter((l) => l.includes(`key=${id}:`) && l.includes('【超时】'));
    expect(logged).toHaveLength(2);
    // The breach and its escalation in the incident answer, as documented.
    const state = await api('GET', `/api/incidents/${id}`);
    expect(state.body).toMatchObject({ breached: true });
    expect(schemaIssues(IncidentAnswer, state.body)).toEqual([]);
  });

  test('lists incidents in Temporal by plan, level, status and breach through search attributes', async () => {
    const { body } = await api('POST', '/api/incidents', {
      ...newIncident,
      level: 'l2',
      discoveredAt: new Date(Date.now() - 40 * 60_000).toISOString(),
    });
    const workflowId = String(body.workflowId);
    const client = stack.client;
    const query =
      "IncidentPlan = 'p1-acheng-agriculture' AND IncidentLevel = 'l2' AND IncidentStatus = 'open' AND IncidentBreached = true";
    await eventually(async () => {
      const found: string[] = [];
      for await (const wf of client.workflow.list({ query })) found.push(wf.workflowId);
      expect(found).toContain(workflowId);
    });
    const described = await client.workflow.getHandle(workflowId).describe();
    expect(described.memo).toMatchObject({
      title: newIncident.title,
      plan: '哈尔滨市阿城区农业农村局网络舆情事件应急处置预案',
    });
  });

  test('takes a question over HTTP, opens its round, and names the field or the rule that refuses one', async () => {
    const { body } = await api('POST', '/api/incidents', {
      ...newIncident,
      planId: 'p2-hrss-bureau',
      level: 'l4',
    });
    const id = String(body.id);
    const monitor = { id: 'wang', role: 'monitor' };
    const missing = await api('POST', `/api/incidents/${id}/questions`, { actor: monitor });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.details[0]?.path).toBe('text');
    const long = await api('POST', `/api/incidents/${id}/questions`, {
      actor: monitor,
      text: '问'.repeat(2_001),
    });
    expect(long.status).toBe(400);
    expect(long.body.error?.details[0]?.path).toBe('text');
    const notMonitor = await api('POST', `/api/incidents/${id}/questions`, {
      actor: { id: 'chen', role: 'office' },
      text: '为何不公开名单？',
    });
    expect(notMonitor).toMatchObject({ status: 409, body: { error: { code: 'wrong-role' } } });

    const raised = await api('POST', `/api/incidents/${id}/questions`, {
      actor: monitor,
      text: '为何不公开名单？',
    });
    expect(raised.status).toBe(200);
    expect(schemaIssues(Verdict, raised.body)).toEqual([]);
    const answer = await api('GET', `/api/incidents/${id}`);
    expect(schemaIssues(IncidentAnswer, answer.body)).toEqual([]);
    expect(answer.body).toMatchObject({
      questions: [{ id: 'q1', text: '为何不公开名单？', role: 'monitor', raisedBy: 'wang' }],
      steps: { 'q1-consult-reply': { status: 'open' }, 'q1-reply': { status: 'waiting' } },
    });

    const p4 = await api('POST', '/api/incidents', {
      ...newIncident,
      planId: 'p4-wenquan-subdistrict',
      level: 'l3',
    });
    const noRounds = await api('POST', `/api/incidents/${String(p4.body.id)}/questions`, {
      actor: { id: 'zhou', role: 'office' },
      text: '为何不公开名单？',
    });
    expect(noRounds).toMatchObject({ status: 409, body: { error: { code: 'no-question-rounds' } } });
  });

  test('takes every incident-level input over HTTP: level, metrics, promised reply, subside, close', async () => {
    const { body } = await api('POST', '/api/incidents', newIncident);
    const id = String(body.id);
    const office = { id: 'chen', role: 'office' };
    const partyGroup = { id: 'li', role: 'party-group' };

    const raised = await api('POST', `/api/incidents/${id}/level`, {
      actor: partyGroup,
      level: 'l2',
      reason: '转发激增',
    });
    expect(raised).toMatchObject({ status: 200, body: { accepted: true, level: 'l2' } });
    expect(schemaIssues(Verdict, raised.body)).toEqual([]);

    const metrics = await api('POST', `/api/incidents/${id}/metrics`, {
      actor: office,
      metrics: { views24h: 5000 },
    });
    expect(metrics).toMatchObject({ status: 200, body: { accepted: true, level: 'l2' } });
    expect(schemaIssues(Verdict, metrics.body)).toEqual([]);

    const dueAt = new Date(Date.now() + 3_600_000).toISOString();
    // P4 四(三)："对不能及时回复的，要说明原因，给出时间表": a promise without its reason is refused.
    const noReason = await api('POST', `/api/incidents/${id}/milestones`, {
      actor: office,
      title: '公布核查结果',
      dueAt,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error?.details[0]?.path).toBe('reason');
    const promised = await api('POST', `/api/incidents/${id}/milestones`, {
      actor: office,
      title: '公布核查结果',
      reason: '现场核查尚未结束',
      dueAt,
    });
    expect(promised.status).toBe(200);
    expect(schemaIssues(Verdict, promised.body)).toEqual([]);
    const notYours = await api('POST', `/api/incidents/${id}/milestones/m1/complete`, {
      actor: { id: 'wang', role: 'monitor' },
    });
    expect(notYours).toMatchObject({ status: 409, body: { error: { code: 'wrong-role' } } });
    const kept = await api('POST', `/api/incidents/${id}/milestones/m1/complete`, {
      actor: office,
      note: '已公布',
    });
    expect(kept.status).toBe(200);
    expect(schemaIssues(Verdict, kept.body)).toEqual([]);

    const notLead = await api('POST', `/api/incidents/${id}/subside`, { actor: office });
    expect(notLead).toMatchObject({ status: 409, body: { error: { code: 'wrong-role' } } });
    const badDue = await api('POST', `/api/incidents/${id}/milestones`, {
      actor: office,
      title: 'x',
      reason: 'y',
      dueAt: 'tomorrow',
    });
    expect(badDue.status).toBe(400);
    expect(badDue.body.error?.details[0]?.path).toBe('dueAt');

    const closed = await api('POST', `/api/incidents/${id}/close`, {
      actor: partyGroup,
      reason: '经核实为不实信息，已澄清',
    });
    expect(closed).toMatchObject({ status: 200, body: { accepted: true, incidentStatus: 'closed' } });
    expect(schemaIssues(Verdict, closed.body)).toEqual([]);

    const state = await api('GET', `/api/incidents/${id}`);
    expect(state.body).toMatchObject({ status: 'closed', level: 'l2', metrics: { views24h: 5000 } });
    expect(schemaIssues(IncidentAnswer, state.body)).toEqual([]);
    const milestone = (state.body.milestones as Record<string, { status: string; dueAt: number }>)['m1'];
    expect(milestone).toMatchObject({ status: 'done', dueAt: Date.parse(dueAt), reason: '现场核查尚未结束' });
    const row = await prisma.incident.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'closed', level: 'l2' });
  });

  test('lists the six built-in plans and returns one whole, 404 for an unknown one', async () => {
    const list = await api('GET', '/api/plans');
    expect(list.status).toBe(200);
    expect(schemaIssues(PlanList, list.body)).toEqual([]);
    const plans = list.body.plans as { id: string; suggestsLevelFromMetrics: boolean }[];
    expect(plans.map((p) => p.id)).toEqual([
      'p1-acheng-agriculture',
      'p2-hrss-bureau',
      'p3-work-safety',
      'p4-wenquan-subdistrict',
      'p5-yinzhou-civil-affairs',
      'p6-lixian-cyberspace',
    ]);
    expect(plans.filter((p) => p.suggestsLevelFromMetrics).map((p) => p.id)).toEqual(['p3-work-safety']);
    const p6 = await api('GET', '/api/plans/p6-lixian-cyberspace');
    expect(p6.body).toMatchObject({ id: 'p6-lixian-cyberspace', classifiers: ['cac'] });
    expect((p6.body.steps as unknown[]).length).toBeGreaterThan(5);
    expect(schemaIssues(Plan, p6.body)).toEqual([]);
    const missing = await api('GET', '/api/plans/nope');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
  });
});
