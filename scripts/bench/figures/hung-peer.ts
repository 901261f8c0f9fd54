import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadCatalog } from '../../../plans/catalog';
import { call, P1_REPORT, startIncident } from '../api';
import type { Figure } from '../figure';
import type { BenchStack } from '../stack';
import { latency, since } from '../stats';

// Every input below tells someone: the step it opens has an owner, the approval stage it opens has an
// approver. One person holds every role of the plan and is reached by webhook, so each notice goes to
// the peer. Answered at once, then never: the inputs' answers must not wait for the notices either way.

/** P1 at level Ⅳ from intake to the statement's approval: each input opens the next step or stage. */
const INPUTS = [
  { path: 'steps/report-facts/complete', role: 'monitor' },
  { path: 'steps/consult/complete', role: 'party-group' },
  { path: 'steps/draft-statement/complete', role: 'office' },
  { path: 'steps/approve-statement/decision', role: 'party-group', decision: 'approve' },
  { path: 'steps/approve-statement/decision', role: 'higher-org', decision: 'approve' },
];

const PERSON = 'bench-hung-peer';

interface Peer {
  url: string;
  /** Deliveries that arrived (answered or left hanging). */
  received: number;
  /** The most deliveries open at once: each one holds a worker activity slot while it hangs. */
  mostOpen: number;
  hang: boolean;
  close(): Promise<void>;
}

async function startPeer(): Promise<Peer> {
  const peer = { received: 0, mostOpen: 0, hang: false };
  let open = 0;
  const server = createServer((req, res: ServerResponse) => {
    open++;
    peer.mostOpen = Math.max(peer.mostOpen, open);
    res.on('close', () => open--);
    req.resume();
    req.on('end', () => {
      peer.received++;
      if (!peer.hang) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(peer, {
    url: `http://127.0.0.1:${port}/hook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** Runs the inputs on `incidents` fresh incidents one after another; each input's latency in ms. */
async function inputLatencies(stack: BenchStack, incidents: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let n = 0; n < incidents; n++) {
    const id = await startIncident(stack);
    for (const input of INPUTS) {
      const t = performance.now();
      await call(stack, 'POST', `/api/incidents/${id}/${input.path}`, {
        actor: { id: `bench-${input.role}`, role: input.role },
        ...(input.decision ? { decision: input.decision } : {}),
      });
      latencies.push(since(t));
    }
  }
  return latencies;
}

/** Accepted inputs answered while the notices they cause go to a peer that never answers. */
export const hungPeer: Figure = {
  id: 'hung-peer',
  title: 'accepted input → answered (stored), notices to a peer that hangs',
  goal: 'p95 ≤ 1.2 × the same inputs with the peer answering at once',
  async run({ stack, quick, log }) {
    const incidents = quick ? 2 : 25;
    const peer = await startPeer();
    const plan = loadCatalog().get(P1_REPORT.planId)!;
    await call(
      stack,
      'POST',
      '/api/people',
      {
        id: PERSON,
        name: '基准测试接收人',
        webhook: { url: peer.url, format: 'json' },
        roles: plan.roles.map((r) => ({ planId: plan.id, role: r.id })),
      },
      201,
    );
    try {
      const answering = await inputLatencies(stack, incidents);
      const answered = peer.received;
      peer.hang = true;
      const hanging = await inputLatencies(stack, incidents);
      log(
        `hung-peer: the peer answered ${answered} deliveries, then left ${peer.received - answered} ` +
          `hanging, at most ${peer.mostOpen} at once`,
      );
      if (answered === 0 || peer.received === answered) {
        throw new Error('hung-peer: the inputs sent the peer no notices; the figure would measure nothing');
      }
      const h = latency(hanging);
      const a = latency(answering);
      const ratio = Math.round((h.p95 / a.p95) * 100) / 100;
      return {
        value: { p50: h.p50, p95: h.p95, p99: h.p99, ratio, n: hanging.length, mostHanging: peer.mostOpen },
        reference: { p50: a.p50, p95: a.p95, p99: a.p99 },
        met: quick ? null : ratio <= 1.2,
        notes:
          'reference: the same inputs, with the same person and channel, while the peer answered at once; ' +
          'a hanging delivery holds a worker activity slot until WEBHOOK_TIMEOUT_MS (default 10 s) per try',
      };
    } finally {
      // Later figures should not notify anyone; what still hangs fails now instead of at its timeout.
      await call(stack, 'PATCH', `/api/people/${PERSON}`, { active: false });
      await peer.close();
    }
  },
};
