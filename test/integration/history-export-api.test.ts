import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { canonicalJson } from '../../domain/canonical-json';
import { loadCatalog } from '../../plans/catalog';
import { HistoryExport } from '../../review/history-export-schema';
import { incidentHistoryFrom } from '../../review/history-file';
import { reviewHistory } from '../../review/review-history';
import { Review } from '../../review/review-schema';
import { temporalCli } from '../../scripts/paths';
import type { IncidentWorkflowInput } from '../../workflows/messages';
import { incidentWorkflowId } from '../../workflows/messages';
import { apiClient } from '../helpers/api-client';
import { startApiStack, type ApiStack } from '../helpers/api-stack';
import { eventually } from '../helpers/eventually';
import { schemaIssues } from '../helpers/schema-issues';

// The history export and the review over HTTP on the whole stack (dev server, worker, SQLite): every
// run of an incident that continued as new, in the format Temporal's own CLI prints, re-imported and
// replayed into the same review the API gives.

const API_KEY = 'history-export-key-0123456789abcdef';
const P1 = 'p1-acheng-agriculture';
const office = { id: 'chen', role: 'office' };

let stack: ApiStack;
beforeAll(async () => {
  stack = await startApiStack('history-export-api', API_KEY, { log: () => undefined });
});
afterAll(async () => {
  await stack?.stop();
});

const api = apiClient(() => stack.baseUrl, API_KEY);
const catalog = loadCatalog();
const canonical = (history: temporal.api.history.v1.IHistory) =>
  canonicalJson(JSON.parse(historyToJSON(history)));

async function download(id: string): Promise<{ res: Response; text: string }> {
  const res = await fetch(`${stack.baseUrl}/api/incidents/${id}/history`, {
    headers: { authorization: `Bearer ${API_KEY}` },
  });
  return { res, text: await res.text() };
}

/** Sends an input as an integrator does: again, with the same key, while the run is continuing as new. */
async function accepted(id: string, path: string, body: Record<string, unknown>): Promise<void> {
  const key = { 'idempotency-key': randomUUID() };
  await eventually(async () => {
    const res = await api('POST', `/api/incidents/${id}${path}`, body, key);
    expect(res).toMatchObject({ status: 200, body: { accepted: true } });
  }, 30_000);
}

/** A P1 incident at Ⅲ that continues as new every 40 history events: its inputs span several runs. */
async function startContinuing(): Promise<string> {
  const id = randomUUID();
  const input: IncidentWorkflowInput = {
    incident: {
      id,
      title: '网传补贴发放延迟',
      summary: '多个账号转发',
      level: 'l3',
      reporter: 'monitor-wang',
      discoveredAt: Date.now(),
    },
    plan: catalog.get(P1)!,
    continueAsNewAfterEvents: 40,
  };
  await stack.client.workflow.start('incidentWorkflow', {
    taskQueue: stack.taskQueue,
    workflowId: incidentWorkflowId(id),
    args: [input],
  });
  return id;
}

describe('GET /api/incidents/:id/history', () => {
  test('exports every run of a continued incident in order, each as `temporal workflow show --output json` prints it, and its review equals the live one', async () => {
    const id = await startContinuing();
    for (let n = 1; n <= 24; n++) {
      await accepted(id, '/metrics', { actor: office, metrics: { views24h: 1000 * n } });
    }
    // The views raised the level on the way; whoever leads now closes it.
    const now = await api('GET', `/api/incidents/${id}`);
    await accepted(id, '/close', { actor: { id: 'lead', role: now.body.leadRole }, reason: '已妥善处置' });
    await eventually(async () => {
      const described = await stack.client.workflow.getHandle(incidentWorkflowId(id)).describe();
      expect(described.status.name).toBe('COMPLETED');
    });

    const { res, text } = await download(id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="incident-${id}-history.json"`);
    const exported = HistoryExport.parse(JSON.parse(text));
    expect(exported).toMatchObject({ workflowId: incidentWorkflowId(id), incidentId: id });
    expect(exported.runs.length).toBeGreaterThanOrEqual(3);

    // Each run is what Temporal's own CLI prints for it, event for event.
    for (const run of exported.runs) {
      const { stdout } = await promisify(execFile)(
        temporalCli,
        [
          'workflow',
          'show',
          '--address',
          stack.temporalAddress,
          '--workflow-id',
          incidentWorkflowId(id),
          '--run-id',
          run.runId,
          '--output',
          'json',
        ],
        { maxBuffer: 64 * 1024 * 1024 },
      );
      const fromCli = historyFromJSON(JSON.parse(stdout));
      const fromExport = historyFromJSON(run.history);
      expect(fromExport.events).toHaveLength(fromCli.events!.length);
      // Equal as protobuf, but for the order of map entries (payload metadata), which neither side fixes.
      expect(canonical(fromExport)).toBe(canonical(fromCli));
    }

    // The runs follow one another: each continues the one before it.
    const file = incidentHistoryFrom(JSON.parse(text));
    expect(file.runs.map((r) => r.facts.runId)).toEqual(exported.runs.map((r) => r.runId));
    expect(file.runs.map((r) => r.facts.ended)).toEqual([
      ...exported.runs.slice(1).map(() => 'continued'),
      'closed',
    ]);

    const live = await api('GET', `/api/incidents/${id}/review`);
    expect(live.status).toBe(200);
    expect(schemaIssues(Review, live.body)).toEqual([]);
    const fromFile = await reviewHistory(file, (planId) => catalog.get(planId));
    expect(live.body).toEqual(JSON.parse(JSON.stringify(fromFile)));
    expect(fromFile.replay).toMatchObject({ consistent: true });
    expect(fromFile.findings!.timeline.human.filter((e) => e.type === 'metrics-updated')).toHaveLength(24);
  });

  test('answers 404 with the reason once the workflow history is deleted, and for an incident never seen', async () => {
    const created = await api('POST', '/api/incidents', {
      planId: P1,
      title: '测试删除',
      summary: '',
      level: 'l4',
      reporter: 'monitor-wang',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await eventually(async () => expect((await download(id)).res.status).toBe(200));
    await eventually(async () => {
      expect(await stack.prisma.incident.findUnique({ where: { id } })).not.toBeNull();
    });

    await stack.client.workflowService.deleteWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId: incidentWorkflowId(id) },
    });
    await eventually(async () => {
      const gone = await api('GET', `/api/incidents/${id}/history`);
      expect(gone).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
      expect(gone.body.error!.message).toMatch(/no longer on the Temporal server/);
    });
    const review = await api('GET', `/api/incidents/${id}/review`);
    expect(review).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });

    const unknown = await api('GET', `/api/incidents/${randomUUID()}/history`);
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
    expect(unknown.body.error!.message).toMatch(/^no incident /);
  });

  test('refuses an id that is not one, naming the field', async () => {
    const res = await api('GET', '/api/incidents/not%20an%20id/history');
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid-request' } } });
    expect(res.body.error!.details[0]!.path).toBe('id');
  });
});
