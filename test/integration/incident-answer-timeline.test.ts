import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { PrismaClient } from '@prisma/client';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import { EMBEDDED_TIMELINE_EVENTS, type EventView } from '../../api/projection-view';
import { loadCatalog } from '../../plans/catalog';
import { incidentWorkflowId } from '../../workflows/messages';
import { apiClient } from '../helpers/api-client';
import { tempDataDir } from '../helpers/temp-database';

// GET /api/incidents/:id joins the stored timeline with the events the workflow has not stored yet. The
// moments that matter — the workflow storing events, and letting them go, between the projection read and
// the workflow's answer —
// cannot be timed on a real worker, so here a stand-in workflow acts them out against a real SQLite
// projection; incident-timeline-api.test.ts runs the same answer on the whole stack.

const API_KEY = 'answer-timeline-key-0123456789';

/** A workflow as the API's queries see it: it answers with its state and the events it still holds. */
interface StandIn {
  state(): { lastSeq: number; status: string };
  held(afterSeq: number): Promise<EventView[]> | EventView[];
}

const workflows = new Map<string, StandIn>();

const client = {
  workflow: {
    getHandle: (workflowId: string) => ({
      query: async (query: { name: string }, arg?: { afterSeq?: number }) => {
        const wf = workflows.get(workflowId);
        if (!wf) throw new WorkflowNotFoundError('workflow not found', workflowId, undefined);
        // The one query the answer asks: state and held events from one snapshot of the stand-in.
        if (query.name === 'getIncident') {
          const state = wf.state();
          return { state, timeline: await wf.held(arg?.afterSeq ?? 0) };
        }
        return query.name === 'getState' ? wf.state() : wf.held(arg?.afterSeq ?? 0);
      },
    }),
  },
} as unknown as Client;

let prisma: PrismaClient;
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  prisma = (await tempDataDir('answer-timeline')).openPrisma();
  const app = createApp({
    client,
    catalog: loadCatalog(),
    prisma,
    taskQueue: 'unused',
    searchAttributes: false,
    apiKeys: [API_KEY],
    checkTemporal: () => Promise.resolve(),
    linkSecret: 'answer-timeline-link-secret-0123456789abcdef',
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await prisma?.$disconnect();
});

const api = apiClient(() => baseUrl, API_KEY);

const event = (seq: number): EventView => ({
  seq,
  at: 1_700_000_000_000 + seq * 1000,
  type: 'step-done',
  stepId: 'report-facts',
  actor: 'wang',
  data: { n: seq },
});
const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => event(from + i));
const seqs = (timeline: unknown) => (timeline as EventView[]).map((e) => e.seq);
const oneTo = (n: number) => range(1, n).map((e) => e.seq);

async function newIncident(): Promise<string> {
  const id = randomUUID();
  await prisma.incident.create({
    data: {
      id,
      workflowId: incidentWorkflowId(id),
      planId: 'p1-acheng-agriculture',
      planVersion: 1,
      title: '网传补贴被截留',
      summary: '',
      level: 'l3',
      leadRole: 'party-group',
      status: 'open',
      reporter: 'monitor-wang',
      discoveredAt: new Date(),
    },
  });
  return id;
}

/** What recordProgress does: the events and the incident's lastSeq, in one transaction. */
async function store(id: string, events: EventView[]): Promise<void> {
  const last = events.at(-1);
  if (!last) return;
  await prisma.$transaction([
    prisma.timelineEvent.createMany({
      data: events.map((e) => ({
        incidentId: id,
        seq: e.seq,
        at: new Date(e.at),
        type: e.type,
        stepId: e.stepId ?? null,
        actor: e.actor ?? null,
        data: JSON.stringify(e.data),
      })),
    }),
    prisma.incident.update({ where: { id }, data: { lastSeq: last.seq } }),
  ]);
}

describe('the timeline in an incident answer', () => {
  test('has each event once, in order, when the workflow stores and lets go of events between the two reads', async () => {
    const id = await newIncident();
    await store(id, range(1, 5));
    // The API read the projection (1–5) and asks for what follows; meanwhile 6–8 are stored and let go.
    workflows.set(incidentWorkflowId(id), {
      state: () => ({ lastSeq: 10, status: 'open' }),
      held: async (afterSeq) => {
        expect(afterSeq).toBe(5);
        await store(id, range(6, 8));
        return range(9, 10);
      },
    });
    const res = await api('GET', `/api/incidents/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'workflow', lastSeq: 10, timelineTruncated: false });
    expect(res.body.timeline).toEqual(range(1, 10));
  });

  test('describes the state it answers with: an event newer than lastSeq is left for the next read', async () => {
    const id = await newIncident();
    await store(id, range(1, 3));
    workflows.set(incidentWorkflowId(id), {
      state: () => ({ lastSeq: 5, status: 'open' }),
      held: () => range(4, 6),
    });
    const res = await api('GET', `/api/incidents/${id}`);
    expect(seqs(res.body.timeline)).toEqual(oneTo(5));
  });

  test('takes every event from the workflow before anything is stored, and each only once when it holds stored ones too', async () => {
    const fresh = randomUUID();
    workflows.set(incidentWorkflowId(fresh), {
      state: () => ({ lastSeq: 2, status: 'open' }),
      held: (afterSeq) => range(afterSeq + 1, 2),
    });
    expect(seqs((await api('GET', `/api/incidents/${fresh}`)).body.timeline)).toEqual([1, 2]);

    // A workflow that still holds its whole timeline (the older code) answers events already stored.
    const id = await newIncident();
    await store(id, range(1, 4));
    workflows.set(incidentWorkflowId(id), {
      state: () => ({ lastSeq: 6, status: 'open' }),
      held: () => range(1, 6),
    });
    expect(seqs((await api('GET', `/api/incidents/${id}`)).body.timeline)).toEqual(oneTo(6));
  });

  test(`embeds the latest ${EMBEDDED_TIMELINE_EVENTS} events of a longer incident and points at the paged timeline`, async () => {
    const id = await newIncident();
    const total = EMBEDDED_TIMELINE_EVENTS + 5;
    await store(id, range(1, total - 2));
    workflows.set(incidentWorkflowId(id), {
      state: () => ({ lastSeq: total, status: 'open' }),
      held: () => range(total - 1, total),
    });
    const live = await api('GET', `/api/incidents/${id}`);
    expect(live.body).toMatchObject({
      source: 'workflow',
      timelineTruncated: true,
      timelineNext: `/api/incidents/${id}/timeline`,
    });
    expect(seqs(live.body.timeline)).toEqual(range(6, total).map((e) => e.seq));

    // The paged timeline has the rest; the workflow's two unstored events come once they are stored.
    const first = await api('GET', `/api/incidents/${id}/timeline?limit=5`);
    expect(first.body).toEqual({ items: range(1, 5), nextAfter: 5 });

    // Once the workflow is gone the projection answers, bounded the same way.
    await store(id, range(total - 1, total));
    workflows.delete(incidentWorkflowId(id));
    const stored = await api('GET', `/api/incidents/${id}`);
    expect(stored.body).toMatchObject({ source: 'projection', lastSeq: total, timelineTruncated: true });
    expect(stored.body.timeline).toEqual(range(6, total));
  });

  test('answers from the projection, whole, once the workflow is gone, and 404 for an incident nobody knows', async () => {
    const id = await newIncident();
    await store(id, range(1, 3));
    const stored = await api('GET', `/api/incidents/${id}`);
    expect(stored.body).toMatchObject({
      source: 'projection',
      lastSeq: 3,
      timelineTruncated: false,
      timelineNext: null,
    });
    expect(stored.body.timeline).toEqual(range(1, 3));

    const nowhere = await api('GET', `/api/incidents/${randomUUID()}`);
    expect(nowhere).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
  });
});
