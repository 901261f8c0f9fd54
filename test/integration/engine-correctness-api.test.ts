import { mkdirSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { incidentWorkflowId } from '../../workflows/messages';
import { caller, startApiStack, type ApiStack } from '../helpers/api-stack';
import { eventually } from '../helpers/eventually';
import { startHttpReceiver, type HttpReceiver } from '../helpers/peers';

// Engine correctness through the whole service: real dev server, worker, SQLite projection, HTTP peer.

const OPERATOR_KEY = 'engine-correctness-operator-0123';
const P1 = 'p1-acheng-agriculture';
/** The documented bound on what one run of an incident carries into the next (README). */
const RUN_INPUT_LIMIT_BYTES = 256 * 1024;
/**
 * How many inputs the long-incident test sends: enough for three runs or more (a run takes at most 1,000).
 * The service answers about 50 inputs a second on one incident here, so the 20,000 take ~7 min:
 * run them with LONG_INCIDENT_UPDATES=20000; the engine's own test carries 20,000 through the state.
 */
const METRIC_UPDATES = Number(process.env.LONG_INCIDENT_UPDATES ?? 3_000);

let stack: ApiStack;
let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
  stack = await startApiStack('engine-correctness', OPERATOR_KEY);
});
afterAll(async () => {
  // The peer first: a request it still holds open would keep the worker's shutdown waiting.
  await receiver?.close();
  await stack?.stop();
});

const operator = caller(() => stack.baseUrl, OPERATOR_KEY);

async function startP1(title: string): Promise<string> {
  const created = await operator('POST', '/api/incidents', {
    planId: P1,
    title,
    level: 'l3',
    reporter: 'monitor-wang',
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

function report(name: string, figures: Record<string, unknown>): void {
  const dir = path.join(__dirname, '..', '..', '.reports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

test('with a peer that never answers in the role, inputs on the incident are answered while its request is still open', async () => {
  const hung: { res: ServerResponse; closed: boolean }[] = [];
  receiver.answer = (d, res) => {
    if (d.path !== '/hung') {
      res.writeHead(200).end();
      return;
    }
    const held = { res, closed: false };
    res.on('close', () => (held.closed = true));
    hung.push(held);
  };
  const person = await operator('POST', '/api/people', {
    id: 'hung-party',
    name: '李书记',
    webhook: { url: `${receiver.url}/hung`, format: 'json' },
    roles: [{ planId: P1, role: 'party-group' }],
  });
  expect(person.status).toBe(201);
  const id = await startP1('网传土地流转费用未兑现');
  const done = await operator('POST', `/api/incidents/${id}/steps/report-facts/complete`, {
    actor: { id: 'wang', role: 'monitor' },
  });
  expect(done.status).toBe(200);
  // The consultation opened: its owner's notice is now held open by the peer.
  await eventually(() => expect(hung).toHaveLength(1));

  const started = Date.now();
  const consulted = await operator('POST', `/api/incidents/${id}/steps/consult/complete`, {
    actor: { id: 'hung-party', role: 'party-group' },
  });
  const answeredInMs = Date.now() - started;
  const metrics = await operator('POST', `/api/incidents/${id}/metrics`, {
    actor: { id: 'wang', role: 'monitor' },
    metrics: { views24h: 5_000 },
  });
  // The order of events, not a time: both answers came while the peer still held the request.
  expect(consulted).toMatchObject({ status: 200, body: { accepted: true, stepStatus: 'done' } });
  expect(metrics).toMatchObject({ status: 200, body: { accepted: true } });
  expect(hung.map((h) => h.closed)).toEqual([false]);
  report('hung-peer', { answeredInMs, hungRequestsOpen: hung.filter((h) => !h.closed).length });
});

test(`an incident taking ${METRIC_UPDATES} metric updates keeps answering, carries a bounded state between runs, and the API returns every event once`, async () => {
  receiver.answer = (_d, res) => res.writeHead(200).end();
  const id = await startP1('长时间持续发酵的舆情');
  let sent = 0;
  const refused: number[] = [];
  const worker = async () => {
    while (sent < METRIC_UPDATES) {
      const n = ++sent;
      const answer = await operator('POST', `/api/incidents/${id}/metrics`, {
        actor: { id: 'wang', role: 'monitor' },
        metrics: { views24h: n },
      });
      if (answer.status !== 200) refused.push(answer.status);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: 10 }, worker));
  const elapsedMs = Date.now() - started;
  expect(refused).toEqual([]);

  // Every run of the chain, newest first, with the size of what it was started with.
  const runs: { runId: string; inputBytes: number }[] = [];
  let runId: string | undefined = (await stack.client.workflow.getHandle(incidentWorkflowId(id)).describe())
    .runId;
  while (runId) {
    const history = await stack.client.workflow.getHandle(incidentWorkflowId(id), runId).fetchHistory();
    const startedEvent: {
      input?: { payloads?: { data?: Uint8Array | null }[] | null } | null;
      continuedExecutionRunId?: string | null;
    } = history.events![0]!.workflowExecutionStartedEventAttributes!;
    const bytes = (startedEvent.input?.payloads ?? []).reduce((n, p) => n + (p.data?.length ?? 0), 0);
    runs.push({ runId, inputBytes: bytes });
    runId = startedEvent.continuedExecutionRunId ?? undefined;
  }
  expect(runs.length).toBeGreaterThan(2);
  const largest = Math.max(...runs.map((r) => r.inputBytes));
  expect(largest).toBeLessThan(RUN_INPUT_LIMIT_BYTES);

  // Paging through the stored timeline gives every event once, in order, and all the updates.
  const state = await operator('GET', `/api/incidents/${id}`);
  expect(state.status).toBe(200);
  const lastSeq = state.body.lastSeq as number;
  const seqs: number[] = [];
  let metricEvents = 0;
  let after = 0;
  for (;;) {
    const page = await operator('GET', `/api/incidents/${id}/timeline?after=${after}&limit=1000`);
    expect(page.status).toBe(200);
    const items = page.body.items as { seq: number; type: string }[];
    for (const e of items) {
      seqs.push(e.seq);
      if (e.type === 'metrics-updated') metricEvents += 1;
    }
    if (page.body.nextAfter === null) break;
    after = page.body.nextAfter as number;
  }
  expect(seqs).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
  expect(metricEvents).toBe(METRIC_UPDATES);
  report('long-incident', {
    updates: METRIC_UPDATES,
    elapsedMs,
    runs: runs.length,
    largestInputBytes: largest,
    events: lastSeq,
  });
}, 1_800_000);
