import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { eventView, type EventView } from '../../api/projection-view';
import { IncidentAnswer, TimelinePage } from '../../api/responses';
import { Verdict } from '../../domain/incident-schema';
import { incidentWorkflowId } from '../../workflows/messages';
import { apiClient, type ApiAnswer } from '../helpers/api-client';
import { startApiStack, type ApiStack } from '../helpers/api-stack';
import { schemaIssues } from '../helpers/schema-issues';

// The timeline over HTTP on the whole stack (dev server, worker, SQLite): in the incident answer, joined
// from the projection and the workflow, and in pages from the projection. Nothing here assumes the
// workflow's query answers the whole timeline: only that every event is stored, and held until it is.

const API_KEY = 'timeline-key-0123456789abcdef';

let stack: ApiStack;
let prisma: PrismaClient;

beforeAll(async () => {
  stack = await startApiStack('incident-timeline-api', API_KEY, { log: () => undefined });
  prisma = stack.prisma;
});

afterAll(async () => {
  await stack?.stop();
});

const api = apiClient(() => stack.baseUrl, API_KEY);

const report = {
  planId: 'p1-acheng-agriculture',
  title: '网传化肥补贴被截留',
  summary: '短视频转发量上升',
  level: 'l3',
  reporter: 'monitor-wang',
  source: { platform: 'douyin' },
};
const monitor = { id: 'wang', role: 'monitor' };
const partyGroup = { id: 'li', role: 'party-group' };
const office = { id: 'chen', role: 'office' };

async function start(): Promise<string> {
  const created = await api('POST', '/api/incidents', report);
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function accepted(id: string, path: string, body: Record<string, unknown>): Promise<number> {
  const res = await api('POST', `/api/incidents/${id}${path}`, body);
  expect(res).toMatchObject({ status: 200, body: { accepted: true } });
  expect(schemaIssues(Verdict, res.body)).toEqual([]);
  return res.body.seq as number;
}

/** Steps, an approval, promised replies, metrics: some dozens of events, notifications among them. */
async function respond(id: string): Promise<number[]> {
  const seqs: number[] = [];
  seqs.push(await accepted(id, '/steps/report-facts/complete', { actor: monitor, note: '已电话上报' }));
  seqs.push(await accepted(id, '/steps/consult/complete', { actor: partyGroup }));
  seqs.push(await accepted(id, '/steps/draft-statement/complete', { actor: office }));
  seqs.push(
    await accepted(id, '/steps/approve-statement/decision', { actor: partyGroup, decision: 'approve' }),
  );
  for (const n of [1, 2, 3]) {
    const dueAt = new Date(Date.now() + n * 3_600_000).toISOString();
    seqs.push(
      await accepted(id, '/milestones', { actor: office, title: `答复 ${n}`, reason: '正在核实', dueAt }),
    );
    seqs.push(await accepted(id, `/milestones/m${n}/complete`, { actor: office, note: '已答复' }));
    seqs.push(await accepted(id, '/metrics', { actor: office, metrics: { views24h: 1000 * n } }));
  }
  return seqs;
}

const seqsOf = (timeline: EventView[]) => timeline.map((e) => e.seq);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** The incident answer's timeline, checked whole: every seq from 1 to lastSeq once, in order. */
function wholeTimeline(answer: ApiAnswer): EventView[] {
  expect(answer).toMatchObject({
    status: 200,
    body: { source: 'workflow', timelineTruncated: false, timelineNext: null },
  });
  expect(schemaIssues(IncidentAnswer, answer.body)).toEqual([]);
  const timeline = answer.body.timeline as EventView[];
  expect(seqsOf(timeline)).toEqual(oneTo(answer.body.lastSeq as number));
  return timeline;
}

/** Every page of /timeline, each checked: at most `limit` items, nextAfter the last seq or null. */
async function pageThrough(id: string, limit: number): Promise<{ events: EventView[]; pages: number }> {
  const events: EventView[] = [];
  let after = 0;
  for (let pages = 1; pages < 1000; pages += 1) {
    const page = await api('GET', `/api/incidents/${id}/timeline?after=${after}&limit=${limit}`);
    expect(page.status).toBe(200);
    expect(schemaIssues(TimelinePage, page.body)).toEqual([]);
    const items = page.body.items as EventView[];
    expect(items.length).toBeLessThanOrEqual(limit);
    events.push(...items);
    const next = page.body.nextAfter as number | null;
    if (next === null) return { events, pages };
    expect(next).toBe(items.at(-1)?.seq);
    after = next;
  }
  throw new Error('/timeline never reached its last page');
}

describe('the timeline of an incident over HTTP', () => {
  test('the incident answer has every event exactly once and in seq order, also while inputs are taken', async () => {
    const id = await start();
    const reads: ApiAnswer[] = [];
    let responding = true;
    const reader = (async () => {
      while (responding) {
        reads.push(await api('GET', `/api/incidents/${id}`));
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    let verdictSeqs: number[];
    try {
      verdictSeqs = await respond(id);
    } finally {
      responding = false;
      await reader;
    }
    const last = await api('GET', `/api/incidents/${id}`);
    expect(reads.length).toBeGreaterThan(0);
    for (const read of [...reads, last]) wholeTimeline(read);

    const timeline = wholeTimeline(last);
    expect(last.body.lastSeq).toBeGreaterThanOrEqual(Math.max(...verdictSeqs));
    expect(timeline).toContainEqual(
      expect.objectContaining({ type: 'step-done', stepId: 'report-facts', actor: 'wang' }),
    );
    expect(timeline.filter((e) => e.type === 'milestone-done')).toHaveLength(3);
    expect(timeline.filter((e) => e.type === 'metrics-updated')).toHaveLength(3);

    // What the projection holds is answered as stored (times in epoch ms, data parsed).
    const rows = await prisma.timelineEvent.findMany({ where: { incidentId: id }, orderBy: { seq: 'asc' } });
    expect(rows.length).toBeGreaterThanOrEqual(Math.max(...verdictSeqs));
    const answered = new Map(timeline.map((e) => [e.seq, e]));
    for (const row of rows.filter((r) => r.seq <= timeline.length)) {
      expect(answered.get(row.seq)).toEqual(eventView(row));
    }
  });

  test('paging through /timeline with a small limit returns every event once, the same as the incident answer', async () => {
    const id = await start();
    await respond(id);
    await accepted(id, '/close', { actor: partyGroup, reason: '经核实为不实信息，已澄清' });
    // A closed incident's workflow ends once everything is stored and sent: nothing moves after this.
    await stack.client.workflow.getHandle(incidentWorkflowId(id)).result();

    const timeline = wholeTimeline(await api('GET', `/api/incidents/${id}`));
    expect(timeline.length).toBeGreaterThan(12);
    const limit = 4;
    const { events, pages } = await pageThrough(id, limit);
    expect(events).toEqual(timeline);
    expect(pages).toBe(Math.ceil(timeline.length / limit));

    // One page holding exactly every event is the last; after the last event, an empty last page.
    const n = timeline.length;
    const all = await api('GET', `/api/incidents/${id}/timeline?limit=${n}`);
    expect(all).toEqual({ status: 200, body: { items: timeline, nextAfter: null } });
    const none = await api('GET', `/api/incidents/${id}/timeline?after=${n}`);
    expect(none).toEqual({ status: 200, body: { items: [], nextAfter: null } });
    const defaults = await api('GET', `/api/incidents/${id}/timeline`);
    expect(defaults.body).toEqual({ items: timeline.slice(0, 100), nextAfter: n > 100 ? 100 : null });
  });

  test('/timeline answers from the moment an incident starts, 404 for an unknown one, 400 naming a bad parameter', async () => {
    const id = await start();
    const early = await api('GET', `/api/incidents/${id}/timeline`);
    expect(early.status).toBe(200);
    expect(early.body).toHaveProperty('nextAfter', null);
    expect(schemaIssues(TimelinePage, early.body)).toEqual([]);

    const unknown = await api('GET', `/api/incidents/${randomUUID()}/timeline`);
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });

    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['after=-1', 'after'],
      ['after=first', 'after'],
      ['cursor=abc', 'cursor'],
    ] as const) {
      const bad = await api('GET', `/api/incidents/${id}/timeline?${query}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'invalid-request' });
      expect(bad.body.error?.details.map((d) => d.path)).toEqual([path]);
    }
    const badId = await api('GET', '/api/incidents/not-an-id/timeline');
    expect(badId.status).toBe(400);
    expect(badId.body.error?.details[0]?.path).toBe('id');
  });
});
