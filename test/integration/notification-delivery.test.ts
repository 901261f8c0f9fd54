import { caller, startApiStack, type ApiStack } from '../helpers/api-stack';
import { eventually } from '../helpers/eventually';
import { startHttpReceiver, type HttpReceiver } from '../helpers/peers';

// Messages from running incidents to people's webhooks, through the whole service: the workflow asks, the
// worker signs and sends, the API takes the answer. Real dev server, worker, SQLite and HTTP peer.

const OPERATOR_KEY = 'notification-delivery-operator-0123';
const P1 = 'p1-acheng-agriculture';

let stack: ApiStack;
let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
  stack = await startApiStack('notification-delivery', OPERATOR_KEY);
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

const operator = caller(() => stack.baseUrl, OPERATOR_KEY);
const anyone = caller(() => stack.baseUrl, undefined);

async function startP1(): Promise<string> {
  const created = await operator('POST', '/api/incidents', {
    planId: P1,
    title: '网传某村土地流转费用未兑现',
    level: 'l3',
    reporter: 'monitor-wang',
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function timelineOf(
  id: string,
): Promise<{ type: string; actor?: string; data: Record<string, unknown> }[]> {
  const got = await operator('GET', `/api/incidents/${id}`);
  return got.body.timeline as { type: string; actor?: string; data: Record<string, unknown> }[];
}

test('an approver gets a message with their own link, and the link decides the approval as them', async () => {
  receiver.answer = (_d, res) => res.writeHead(200).end();
  const person = await operator('POST', '/api/people', {
    id: 'li-party',
    name: '李书记',
    webhook: { url: `${receiver.url}/li`, format: 'json', secret: 'li-webhook-secret-0123456789' },
    roles: [{ planId: P1, role: 'party-group' }],
  });
  expect(person.status).toBe(201);
  const id = await startP1();
  for (const [stepId, actor] of [
    ['report-facts', { id: 'wang', role: 'monitor' }],
    ['consult', { id: 'li-party', role: 'party-group' }],
    ['draft-statement', { id: 'chen', role: 'office' }],
  ] as const) {
    expect((await operator('POST', `/api/incidents/${id}/steps/${stepId}/complete`, { actor })).status).toBe(
      200,
    );
  }
  const message = await eventually(() => {
    const found = receiver.deliveries.find((d) => d.path === '/li' && d.body.includes('"link"'));
    expect(found).toBeDefined();
    return JSON.parse(found!.body) as { text: string; link: string };
  });
  expect(message.text).toContain('请审批');
  const token = message.link.split('/approve/')[1]!;
  const decided = await anyone('POST', `/links/${token}/decision`, { decision: 'approve' });
  expect(decided.status).toBe(200);
  const decision = (await timelineOf(id)).find((e) => e.type === 'approval-decided');
  expect(decision).toMatchObject({ actor: 'li-party', data: { role: 'party-group', decision: 'approve' } });
});

test('a peer that keeps answering 500 is retried, then reported on the timeline; the incident carries on', async () => {
  receiver.answer = (d, res) => res.writeHead(d.path === '/broken' ? 500 : 200).end();
  const person = await operator('POST', '/api/people', {
    id: 'wang-monitor',
    name: '王监测',
    webhook: { url: `${receiver.url}/broken`, format: 'wecom' },
    roles: [{ planId: P1, role: 'monitor' }],
  });
  expect(person.status).toBe(201);
  const id = await startP1();
  // The workflow's policy: 5 attempts, 2 s doubling (about 30 s in all).
  const failed = await eventually(async () => {
    const event = (await timelineOf(id)).find((e) => e.type === 'notification-failed');
    expect(event).toBeDefined();
    return event!;
  }, 90_000);
  expect(failed.data.reason).toContain('webhook to wang-monitor');
  expect(failed.data.reason).toContain('answered HTTP 500');
  expect(
    receiver.deliveries.filter(
      (d) => d.path === '/broken' && String(d.headers['idempotency-key']).startsWith(id),
    ),
  ).toHaveLength(5);
  const row = await stack.prisma.notification.findFirstOrThrow({
    where: { incidentId: id, personId: 'wang-monitor' },
  });
  expect(row).toMatchObject({ status: 'failed', attempts: 5, lastError: 'answered HTTP 500' });
  const done = await operator('POST', `/api/incidents/${id}/steps/report-facts/complete`, {
    actor: { id: 'wang-monitor', role: 'monitor' },
  });
  expect(done).toMatchObject({ status: 200, body: { accepted: true, stepStatus: 'done' } });
});

describe('a commentator whose webhook answers for itself', () => {
  // The commentator is told at the start (monitor-trend opens with the incident), beside the monitor.
  const toZhou = (id: string) =>
    receiver.deliveries.filter(
      (d) => d.path === '/zhou' && String(d.headers['idempotency-key']).startsWith(`${id}:`),
    );
  beforeAll(async () => {
    const person = await operator('POST', '/api/people', {
      id: 'zhou-commentator',
      name: '周评论',
      webhook: { url: `${receiver.url}/zhou`, format: 'json' },
      roles: [{ planId: P1, role: 'commentator' }],
    });
    expect(person.status).toBe(201);
  });

  test('a peer answering 400 is sent to once and reported on the timeline with its reason at once', async () => {
    receiver.answer = (d, res) => res.writeHead(d.path === '/zhou' ? 400 : 200).end();
    const id = await startP1();
    const failed = await eventually(async () => {
      const event = (await timelineOf(id)).find(
        (e) => e.type === 'notification-failed' && String(e.data.reason).includes('zhou-commentator'),
      );
      expect(event).toBeDefined();
      return event!;
    });
    expect(failed.data.reason).toBe(
      `not delivered: webhook to zhou-commentator (${new URL(receiver.url).host}): answered HTTP 400`,
    );
    expect(failed.data.recipients).toEqual(['commentator']);
    // The failure is on the timeline only once the activity has given up: no try is still to come.
    expect(toZhou(id)).toHaveLength(1);
    const row = await stack.prisma.notification.findFirstOrThrow({
      where: { incidentId: id, personId: 'zhou-commentator' },
    });
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastError: 'answered HTTP 400' });
  });

  test('a peer answering 503 is tried again, and the second try delivers', async () => {
    // 503 to the first try of each message to Zhou, 200 to the next.
    const tries = (key: unknown) => receiver.deliveries.filter((d) => d.headers['idempotency-key'] === key);
    receiver.answer = (d, res) => {
      const first = d.path === '/zhou' && tries(d.headers['idempotency-key']).length === 1;
      res.writeHead(first ? 503 : 200).end();
    };
    const id = await startP1();
    const sent = await eventually(async () => {
      const event = (await timelineOf(id)).find(
        (e) =>
          e.type === 'notification-sent' &&
          (e.data.recipients as string[] | undefined)?.includes('commentator'),
      );
      expect(event).toBeDefined();
      return event!;
    }, 30_000);
    expect(sent.data.channel).toBe('webhook');
    expect(toZhou(id)).toHaveLength(2);
    const row = await stack.prisma.notification.findFirstOrThrow({
      where: { incidentId: id, personId: 'zhou-commentator' },
    });
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });
});
