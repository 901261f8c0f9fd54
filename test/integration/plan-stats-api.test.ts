import { PlanStats } from '../../api/responses';
import { Verdict } from '../../domain/incident-schema';
import { apiClient } from '../helpers/api-client';
import { startApiStack, type ApiStack } from '../helpers/api-stack';
import { eventually } from '../helpers/eventually';
import { builtinPlan } from '../helpers/plans';
import { schemaIssues } from '../helpers/schema-issues';

// A plan's stats over HTTP on the whole stack (dev server, worker, SQLite): incidents started and worked
// through the API, counted from what the projection stored. Which deadlines count as met or breached is
// proved on hand-made rows in test/unit/plan-stats.test.ts; here, that the answer is read from the real
// projection and shaped as documented.

const API_KEY = 'plan-stats-key-0123456789abcdef';
const P1 = 'p1-acheng-agriculture';

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack('plan-stats-api', API_KEY, { log: () => undefined });
});

afterAll(async () => {
  await stack?.stop();
});

const api = apiClient(() => stack.baseUrl, API_KEY);
const monitor = { id: 'wang', role: 'monitor' };

async function start(level: string): Promise<string> {
  const created = await api('POST', '/api/incidents', {
    planId: P1,
    title: `网传化肥补贴被截留（${level}）`,
    level,
    reporter: 'monitor-wang',
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function completeReportFacts(id: string): Promise<void> {
  const res = await api('POST', `/api/incidents/${id}/steps/report-facts/complete`, { actor: monitor });
  expect(res).toMatchObject({ status: 200, body: { accepted: true } });
  expect(schemaIssues(Verdict, res.body)).toEqual([]);
}

async function stats(planId: string): Promise<PlanStats> {
  const res = await api('GET', `/api/plans/${planId}/stats`);
  expect(res.status).toBe(200);
  expect(schemaIssues(PlanStats, res.body)).toEqual([]);
  return PlanStats.parse(res.body);
}

describe('GET /api/plans/:planId/stats', () => {
  test('counts the plan’s incidents by level and, per step, how many were done, how fast and on time', async () => {
    const ids = [await start('l3'), await start('l3'), await start('l2')];
    // report-facts is due 30 minutes after discovery: done at once, it meets its deadline.
    await completeReportFacts(ids[0]!);
    await completeReportFacts(ids[2]!);

    // Completions are answered once stored; the third incident's start is stored within moments.
    const answer = await eventually(async () => {
      const s = await stats(P1);
      expect(s.incidents.total).toBe(3);
      expect(s.steps.find((step) => step.stepId === 'report-facts')?.opened).toBe(3);
      return s;
    });
    expect(answer.planId).toBe(P1);
    expect(answer.incidents.byLevel.map((l) => [l.level, l.count])).toEqual([
      ['l1', 0],
      ['l2', 1],
      ['l3', 2],
      ['l4', 0],
    ]);
    expect(answer.incidents.byLevel.map((l) => l.names)).toEqual(builtinPlan(P1).levels.map((l) => l.names));
    expect(answer.incidents.byStatus).toEqual({ open: 3, aftercare: 0, closed: 0 });
    expect(answer.incidents.breached).toBe(0);

    const reportFacts = answer.steps.find((s) => s.stepId === 'report-facts');
    expect(reportFacts).toMatchObject({
      kind: 'task',
      opened: 3,
      done: 2,
      deadlines: { met: 2, breached: 0, pending: 1, shareMet: 1 },
    });
    expect(reportFacts?.timeToDoneMs.median).toEqual(expect.any(Number));
    expect(reportFacts?.timeToDoneMs.p90).toEqual(expect.any(Number));
    expect(answer.steps.find((s) => s.stepId === 'review')).toMatchObject({
      opened: 0,
      done: 0,
      timeToDoneMs: { median: null, p90: null },
      deadlines: { shareMet: null },
    });
  });

  test('lists every step of the plan in plan order, and every level, for a plan no incident ran under', async () => {
    const plan = await api('GET', '/api/plans/p6-lixian-cyberspace');
    const answer = await stats('p6-lixian-cyberspace');
    expect(answer.planVersion).toBe(plan.body.version);
    expect(answer.steps.map((s) => s.stepId)).toEqual((plan.body.steps as { id: string }[]).map((s) => s.id));
    expect(answer.incidents.total).toBe(0);
    expect(answer.incidents.byLevel.every((l) => l.count === 0)).toBe(true);
    expect(answer.incidents.byLevel).toHaveLength((plan.body.levels as unknown[]).length);
  });

  test('an unknown plan is a 404 naming it', async () => {
    const res = await api('GET', '/api/plans/p9-nowhere/stats');
    expect(res).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
    expect(res.body.error?.message).toContain('p9-nowhere');
  });
});
