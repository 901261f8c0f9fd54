import { call, startIncident } from '../api';
import type { Figure } from '../figure';
import type { BenchStack } from '../stack';
import { latency, load, since } from '../stats';

// The approver decides; someone else has the incident open and someone watches the board. From the moment
// the decision is sent, each of them reads again as soon as their last read came back, until they see it.

/** Each step before the statement's approval, done by its owner (plan P1 at level Ⅳ). */
const BEFORE_APPROVAL = [
  { stepId: 'report-facts', role: 'monitor' },
  { stepId: 'consult', role: 'party-group' },
  { stepId: 'draft-statement', role: 'office' },
];

/** The board: open incidents, newest first, the largest page. */
const BOARD = '/api/incidents?status=open&limit=100';

/** A decision seen nowhere after this long is a failure of the bench, not a slow figure. */
const GIVE_UP_MS = 30_000;

interface Answer {
  seq: number;
}
interface Detail {
  steps: Record<string, { decisions?: unknown[] }>;
}
interface Board {
  items: { id: string; lastSeq: number }[];
}

async function toApproval(stack: BenchStack, id: string): Promise<void> {
  for (const { stepId, role } of BEFORE_APPROVAL) {
    await call(stack, 'POST', `/api/incidents/${id}/steps/${stepId}/complete`, {
      actor: { id: `bench-${role}`, role },
    });
  }
}

/** Reads until `seen` holds, each read sent when the one before came back; ms from `start`. */
async function readUntil<T>(
  stack: BenchStack,
  path: string,
  start: number,
  seen: (body: T) => boolean,
): Promise<number> {
  for (;;) {
    if (seen(await call<T>(stack, 'GET', path))) return since(start);
    if (since(start) > GIVE_UP_MS) throw new Error(`decision-visible: ${path} did not show the decision`);
  }
}

/** From sending an approval to seeing it in the incident and on the board. */
export const decisionVisible: Figure = {
  id: 'decision-visible',
  title: 'decision → visible in GET /api/incidents/:id and on the list',
  goal: 'p95 ≤ 100 ms for each',
  async run({ stack, quick }) {
    const m = quick ? 5 : 100;
    const ids: string[] = [];
    await load(m, 4, async () => {
      const id = await startIncident(stack);
      await toApproval(stack, id);
      ids.push(id);
    });
    // Nothing newer may push the incidents off the board's page.
    const onBoard = new Set((await call<Board>(stack, 'GET', BOARD)).items.map((i) => i.id));
    const missing = ids.filter((id) => !onBoard.has(id));
    if (missing.length > 0) throw new Error(`decision-visible: ${missing.length} incidents not on ${BOARD}`);

    const answered: number[] = [];
    const inDetail: number[] = [];
    const onList: number[] = [];
    for (const id of ids) {
      const start = performance.now();
      let seq = Number.POSITIVE_INFINITY;
      const decided = call<Answer>(stack, 'POST', `/api/incidents/${id}/steps/approve-statement/decision`, {
        actor: { id: 'bench-party-group', role: 'party-group' },
        decision: 'approve',
      }).then((a) => {
        seq = a.seq;
        answered.push(since(start));
      });
      const [detail, list] = await Promise.all([
        readUntil<Detail>(
          stack,
          `/api/incidents/${id}`,
          start,
          (d) => (d.steps['approve-statement']?.decisions?.length ?? 0) > 0,
        ),
        // The list item shows the incident as stored: its lastSeq reaches the decision's seq. That seq
        // comes with the answer, which leaves once the decision is stored, so this counts from there.
        readUntil<Board>(stack, BOARD, start, (b) => b.items.some((i) => i.id === id && i.lastSeq >= seq)),
        decided,
      ]);
      inDetail.push(detail);
      onList.push(list);
    }
    const a = latency(answered);
    const d = latency(inDetail);
    const l = latency(onList);
    return {
      value: {
        'detail p50': d.p50,
        'detail p95': d.p95,
        'list p50': l.p50,
        'list p95': l.p95,
        'answer p50': a.p50,
        'answer p95': a.p95,
        n: m,
      },
      met: quick ? null : d.p95 <= 100 && l.p95 <= 100,
      notes:
        'from sending the decision; the incident and the board (open, 100 a page) are each read again as ' +
        'soon as the read before came back, so a figure includes up to one read of wait',
    };
  },
};
