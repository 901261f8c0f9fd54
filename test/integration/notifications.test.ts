import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import {
  NOTIFICATION_REJECTED,
  NOTIFICATION_UNDELIVERED,
  type FailedDelivery,
} from '../../activities/delivery-failures';
import { createNotifyActivities } from '../../activities/notify';
import { verifyApprovalToken } from '../../links/approval-token';
import { smtpMailer, type Mailer } from '../../notifications/email';
import { signature } from '../../notifications/webhook';
import type { NotificationRequest } from '../../domain/incident';
import { describeEachDatabase, type TestDatabase } from '../helpers/databases';
import { TEST_LINKS, testNotifySettings } from '../helpers/notify-settings';
import { startHttpReceiver, startSmtpPeer, type HttpReceiver, type SmtpPeer } from '../helpers/peers';

const SECRET = 'webhook-secret-of-wang-0123456789';
const dueAt = Date.parse('2026-11-23T10:30:00Z'); // 18:30 in Beijing

let receiver: HttpReceiver;
let smtp: SmtpPeer;
let mailer: Mailer;
beforeAll(async () => {
  [receiver, smtp] = await Promise.all([startHttpReceiver(), startSmtpPeer()]);
  mailer = smtpMailer(smtp.url, '舆情应急 <incidents@test.local>');
});
afterAll(async () => {
  mailer?.close();
  await Promise.all([receiver?.close(), smtp?.close()]);
});
beforeEach(() => {
  receiver.deliveries.length = 0;
  receiver.stored.clear();
  smtp.mails.length = 0;
  receiver.answer = (_d, res) => res.writeHead(200).end('{}');
});

const planOf = (incidentId: string) => `plan-${incidentId}`;

async function incident(db: TestDatabase): Promise<string> {
  const id = randomUUID();
  await db.prisma.incident.create({
    data: {
      id,
      workflowId: `incident-${id}`,
      // A plan id of its own, so people assigned in one test never receive another test's messages.
      planId: planOf(id),
      planVersion: 1,
      title: '网传某村土地流转费用未兑现',
      summary: '',
      level: 'l2',
      leadRole: 'party-group',
      status: 'open',
      reporter: 'monitor-wang',
      discoveredAt: new Date(),
    },
  });
  return id;
}

/** Test people are named `<who>-<incident id>`, which says whose plan they are assigned in. */
const incidentOf = (personId: string) => personId.slice(personId.indexOf('-') + 1);

async function person(
  db: TestDatabase,
  id: string,
  roles: string[],
  contact: { email?: string; webhookUrl?: string; webhookFormat?: string; webhookSecret?: string },
) {
  await db.prisma.person.create({
    data: {
      id,
      name: id,
      ...contact,
      roles: { create: roles.map((role) => ({ planId: planOf(incidentOf(id)), role })) },
    },
  });
}

function request(
  incidentId: string,
  recipients: string[],
  extra: Partial<NotificationRequest> = {},
): NotificationRequest {
  return {
    key: `${incidentId}:7`,
    incidentId,
    recipients,
    subject: { zh: '【待审批】发布口径', en: '[Approval needed] Public statement' },
    body: { zh: '请审批「发布口径」。', en: 'Please decide "Public statement".' },
    causeSeq: 7,
    context: {
      level: { id: 'l2', names: { zh: '较大', en: 'Major' } },
      step: { id: 'approve-statement', title: { zh: '审批口径', en: 'Approve the statement' }, dueAt },
    },
    ...extra,
  };
}

/** The text of a mail as nodemailer wrote it (base64 bodies, encoded-word subjects). */
function decodeMail(raw: string): { headers: string; subject: string; text: string } {
  const [headers = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = headers.replace(/\r?\n\s+/g, ' ');
  const qp = (s: string) => decodeURIComponent(s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, '%$1'));
  const subject = (/^Subject: (.*)$/m.exec(unfolded)?.[1] ?? '').replace(
    /=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi,
    (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : qp(data.replace(/_/g, ' ')),
  );
  const body = rest.join('\n\n');
  const text = /Content-Transfer-Encoding: base64/i.test(unfolded)
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : qp(body);
  return { headers: unfolded, subject, text };
}

describeEachDatabase('notifications to real peers', (db) => {
  const activities = (extra = {}) =>
    createNotifyActivities(
      db().prisma,
      testNotifySettings(undefined, { mailer, webhookTimeoutMs: 1_000, ...extra }),
    );

  test('a webhook carries the outbox key and an HMAC of its exact body, with Chinese first', async () => {
    const id = await incident(db());
    await person(db(), `wang-${id}`, ['office'], {
      webhookUrl: `${receiver.url}/hook/wang`,
      webhookSecret: SECRET,
    });
    await activities().sendNotification(request(id, ['office']));
    expect(receiver.deliveries).toHaveLength(1);
    const d = receiver.deliveries[0]!;
    expect(d.headers['x-signature']).toBe(signature(SECRET, d.body));
    expect(d.headers['x-signature']).not.toBe(signature('another-secret-0123456789abcdef', d.body));
    expect(d.headers['idempotency-key']).toBe(`${id}:7:wang-${id}:webhook`);
    const body = JSON.parse(d.body) as { key: string; text: string; subject: string };
    expect(body.key).toBe(`${id}:7:wang-${id}:webhook`);
    expect(body.text.indexOf('请审批')).toBeLessThan(body.text.indexOf('Please decide'));
    expect(body.text).toContain('时限：11月23日 18:30');
    expect(body.text).toContain('Due: 23 Nov 18:30 (Beijing time)');
    expect(body.text).toContain('事件：网传某村土地流转费用未兑现');
    const row = await db().prisma.notification.findUniqueOrThrow({ where: { key: body.key } });
    expect(row).toMatchObject({ status: 'sent', channel: 'webhook', role: 'office', attempts: 1 });
  });

  test('group bots get their own body shapes: WeCom and DingTalk markdown, Feishu text', async () => {
    const id = await incident(db());
    for (const format of ['wecom', 'dingtalk', 'feishu']) {
      await person(db(), `${format}-${id}`, ['monitor'], {
        webhookUrl: `${receiver.url}/${format}`,
        webhookFormat: format,
      });
    }
    await activities().sendNotification(request(id, ['monitor']));
    const byPath = Object.fromEntries(
      receiver.deliveries.map((d) => [d.path, JSON.parse(d.body) as unknown]),
    );
    expect(byPath['/wecom']).toMatchObject({
      msgtype: 'markdown',
      markdown: { content: expect.stringContaining('**【待审批】发布口径**') as unknown },
    });
    expect(byPath['/dingtalk']).toMatchObject({
      msgtype: 'markdown',
      markdown: {
        title: '【待审批】发布口径 / [Approval needed] Public statement',
        text: expect.stringContaining('请审批') as unknown,
      },
    });
    const feishu = byPath['/feishu'] as { msg_type: string; content: { text: string } };
    expect(feishu.msg_type).toBe('text');
    expect(feishu.content.text.indexOf('请审批')).toBeLessThan(feishu.content.text.indexOf('Please decide'));
    // Without a secret there is no signature to check, rather than a signature nobody can verify.
    expect(receiver.deliveries.every((d) => d.headers['x-signature'] === undefined)).toBe(true);
  });

  test('an e-mail goes through SMTP with the outbox key in its Message-ID, Chinese first', async () => {
    const id = await incident(db());
    await person(db(), `li-${id}`, ['party-group'], { email: 'li@office.example' });
    await activities().sendNotification(request(id, ['party-group']));
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['li@office.example']);
    const { headers, subject, text } = decodeMail(mail.raw);
    expect(headers).toContain(`Message-ID: <${id}.7.li-${id}.email@incident-orchestrator>`);
    expect(subject).toBe('【待审批】发布口径 / [Approval needed] Public statement');
    expect(text.indexOf('请审批')).toBeLessThan(text.indexOf('Please decide'));
  });

  test('an approval request gives each person their own signed link to that stage', async () => {
    const id = await incident(db());
    for (const p of ['zhao', 'qian']) {
      await person(db(), `${p}-${id}`, ['higher-org'], { webhookUrl: `${receiver.url}/${p}` });
    }
    const approval = { stepId: 'approve-statement', stage: 1, role: 'higher-org' };
    await activities().sendNotification(
      request(id, ['higher-org'], { context: { ...request(id, []).context!, approval } }),
    );
    const links = receiver.deliveries.map((d) => String((JSON.parse(d.body) as { link: string }).link));
    expect(links).toHaveLength(2);
    expect(links[0]).not.toBe(links[1]);
    const claims = links.map((l) =>
      verifyApprovalToken(TEST_LINKS.secret, l.split('/approve/')[1]!, new Date()),
    );
    expect(claims.map((c) => [c.incidentId, c.stepId, c.stage, c.role, c.personId]).sort()).toEqual([
      [id, 'approve-statement', 1, 'higher-org', `qian-${id}`],
      [id, 'approve-statement', 1, 'higher-org', `zhao-${id}`],
    ]);
    // The outbox keeps the message for the record, not the credential.
    const rows = await db().prisma.notification.findMany({ where: { incidentId: id } });
    expect(rows.every((r) => !r.body.includes('/approve/'))).toBe(true);
  });

  test('a role nobody holds is logged and stored without a person; someone in two roles is told once', async () => {
    const id = await incident(db());
    await person(db(), `chen-${id}`, ['office', 'commentator'], { webhookUrl: `${receiver.url}/chen` });
    const lines: string[] = [];
    await activities({ log: (l: string) => lines.push(l) }).sendNotification(
      request(id, ['office', 'commentator', 'higher-org']),
    );
    expect(receiver.deliveries).toHaveLength(1);
    expect(lines).toEqual([expect.stringContaining(`key=${id}:7:higher-org:log`)]);
    const rows = await db().prisma.notification.findMany({
      where: { incidentId: id },
      orderBy: { key: 'asc' },
    });
    expect(rows.map((r) => [r.role, r.channel, r.personId, r.status])).toEqual([
      ['office', 'webhook', `chen-${id}`, 'sent'],
      ['higher-org', 'log', null, 'sent'],
    ]);
  });

  test('a peer answering 500 fails the activity naming who, and the retry sends only what did not go out', async () => {
    const id = await incident(db());
    await person(db(), `ok-${id}`, ['office'], { webhookUrl: `${receiver.url}/ok` });
    await person(db(), `down-${id}`, ['office'], {
      webhookUrl: `${receiver.url}/down`,
      webhookSecret: SECRET,
    });
    receiver.answer = (d, res) => res.writeHead(d.path === '/down' ? 500 : 200).end();
    const failure = await activities()
      .sendNotification(request(id, ['office']))
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain(`webhook to down-${id} (127.0.0.1:`);
    expect((failure as Error).message).toContain('answered HTTP 500');
    expect((failure as Error).message).not.toContain(SECRET);
    const down = await db().prisma.notification.findUniqueOrThrow({
      where: { key: `${id}:7:down-${id}:webhook` },
    });
    expect(down).toMatchObject({ status: 'failed', attempts: 1, lastError: 'answered HTTP 500' });

    receiver.answer = (_d, res) => res.writeHead(200).end();
    await activities().sendNotification(request(id, ['office']));
    expect(receiver.deliveries.filter((d) => d.path === '/ok')).toHaveLength(1);
    expect(receiver.deliveries.filter((d) => d.path === '/down')).toHaveLength(2);
    const after = await db().prisma.notification.findUniqueOrThrow({ where: { key: down.key } });
    expect(after).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  test('a peer answering 400 is asked once, and the failure says not to try again, naming the delivery', async () => {
    const id = await incident(db());
    await person(db(), `refuses-${id}`, ['office'], { webhookUrl: `${receiver.url}/refuses` });
    receiver.answer = (_d, res) => res.writeHead(400).end('{"errcode":93000}');
    const failure = await activities()
      .sendNotification(request(id, ['office']))
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    const host = new URL(receiver.url).host;
    expect(failure).toMatchObject({
      type: NOTIFICATION_REJECTED,
      nonRetryable: true,
      message: `not delivered: webhook to refuses-${id} (${host}): answered HTTP 400`,
      details: [
        {
          channel: 'webhook',
          role: 'office',
          personId: `refuses-${id}`,
          recipient: host,
          reason: 'answered HTTP 400',
          retryable: false,
          status: 400,
        },
      ],
    });
    expect(receiver.deliveries).toHaveLength(1);
    const row = await db().prisma.notification.findUniqueOrThrow({
      where: { key: `${id}:7:refuses-${id}:webhook` },
    });
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastError: 'answered HTTP 400' });
  });

  test('a 503 beside a 400 makes the failure worth retrying, and its details name each failed delivery', async () => {
    const id = await incident(db());
    for (const p of ['busy', 'ok', 'refuses']) {
      await person(db(), `${p}-${id}`, ['office'], { webhookUrl: `${receiver.url}/${p}` });
    }
    const answers: Record<string, number> = { '/busy': 503, '/refuses': 400 };
    receiver.answer = (d, res) => res.writeHead(answers[d.path] ?? 200).end();
    const failure = (await activities()
      .sendNotification(request(id, ['office']))
      .catch((e: unknown) => e)) as ApplicationFailure;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: NOTIFICATION_UNDELIVERED, nonRetryable: false });
    const host = new URL(receiver.url).host;
    // The message reads as it always has: the workflow records it on the timeline.
    expect(failure.message).toBe(
      `not delivered: webhook to busy-${id} (${host}): answered HTTP 503; ` +
        `webhook to refuses-${id} (${host}): answered HTTP 400`,
    );
    const details = failure.details as FailedDelivery[];
    expect(details.map((f) => [f.personId, f.status, f.retryable])).toEqual([
      [`busy-${id}`, 503, true],
      [`refuses-${id}`, 400, false],
    ]);
  });

  test('a webhook address with credentials never shows them in the failure, its details or the outbox', async () => {
    const id = await incident(db());
    const url = new URL(`${receiver.url}/creds`);
    url.username = 'bot';
    url.password = 'pa55-of-the-bot-0123456789';
    await person(db(), `creds-${id}`, ['office'], { webhookUrl: url.href });
    const failure = (await activities()
      .sendNotification(request(id, ['office']))
      .catch((e: unknown) => e)) as ApplicationFailure;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.message).toContain(`webhook to creds-${id}`);
    expect(failure.message).toContain('//***@'); // fetch's own error names the address
    expect(failure.cause).toBeUndefined();
    const row = await db().prisma.notification.findUniqueOrThrow({
      where: { key: `${id}:7:creds-${id}:webhook` },
    });
    for (const text of [failure.message, JSON.stringify(failure.details), row.lastError ?? '']) {
      expect(text).not.toContain('pa55-of-the-bot');
    }
  });

  test('a peer that never answers is given up on after the timeout', async () => {
    const id = await incident(db());
    await person(db(), `slow-${id}`, ['office'], { webhookUrl: `${receiver.url}/slow` });
    receiver.answer = () => undefined; // holds the request open
    const failure = await activities({ webhookTimeoutMs: 300 })
      .sendNotification(request(id, ['office']))
      .catch((e: unknown) => e);
    expect((failure as Error).message).toContain('no answer within 300 ms');
    const row = await db().prisma.notification.findUniqueOrThrow({
      where: { key: `${id}:7:slow-${id}:webhook` },
    });
    expect(row).toMatchObject({ status: 'failed', lastError: 'no answer within 300 ms' });
  });
});
