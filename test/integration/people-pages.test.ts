import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrismaClient } from '@prisma/client';
import express, { type RequestHandler } from 'express';
import type { Browser } from 'playwright-core';
import { peoplePagesRouter } from '../../api/pages/people-pages-router';
import { STYLESHEET } from '../../api/pages/style';
import { PEOPLE_STYLES } from '../../api/pages/style-people';
import { smtpMailer, type Mailer } from '../../notifications/email';
import { signature } from '../../notifications/webhook';
import { loadCatalog } from '../../plans/catalog';
import { findKeyHolder, keyDigest } from '../../storage/api-keys';
import { launchBrowser, openContext, screenshot, seriousViolations } from '../helpers/browser';
import { startHttpReceiver, startSmtpPeer, type HttpReceiver, type SmtpPeer } from '../helpers/peers';
import { startApiStack, type ApiStack } from '../helpers/api-stack';

// The people and roles pages over HTTP on a real SQLite database, with test messages sent by the real
// worker on a real Temporal dev server to real local peers (an HTTP receiver for webhooks, an SMTP
// server for e-mail), and drawn in Chromium at a phone's and a desk's width. The router is mounted as
// the app mounts it, behind a stand-in for the office session that lets every request in as an operator
// with a fixed form token: the real session, the operator check and CSRF are proved by the office's
// browser tests.

const P1 = 'p1-acheng-agriculture';
const P6 = 'p6-lixian-cyberspace';
const SECRET = 'dingtalk-signing-secret-0123456789';

let stack: ApiStack;
let prisma: PrismaClient;
let server: Server;
let base: string;
let receiver: HttpReceiver;
let smtp: SmtpPeer;
let mailer: Mailer;
let browser: Browser;

/** Stands in for the office session: an operator is signed in and the form token is "t". */
const signedInOperator: RequestHandler = (_req, res, next) => {
  res.locals.viewer = { kind: 'operator', keyId: 'k', name: '运维' };
  res.locals.csrf = 't';
  next();
};

beforeAll(async () => {
  [receiver, smtp, browser] = await Promise.all([startHttpReceiver(), startSmtpPeer(), launchBrowser()]);
  mailer = smtpMailer(smtp.url, '舆情应急 <incidents@test.local>');
  // The worker sends e-mail; the API (and so these pages) holds no SMTP settings.
  stack = await startApiStack('people-pages', 'people-pages-operator-0123456789', { mailer });
  prisma = stack.prisma;
  const pages = (testMessageWaitMs?: number) =>
    peoplePagesRouter({
      prisma,
      catalog: loadCatalog(),
      client: stack.client,
      taskQueue: stack.taskQueue,
      ...(testMessageWaitMs === undefined ? {} : { testMessageWaitMs }),
    });
  const app = express();
  app.get('/assets/style.css', (_req, res) => {
    res.type('text/css').send(`${STYLESHEET}\n${PEOPLE_STYLES}`);
  });
  app.use('/people', signedInOperator, express.urlencoded({ extended: false }), pages());
  // The same pages waiting only a moment for the worker, to see what they say while it still tries.
  app.use('/impatient', signedInOperator, express.urlencoded({ extended: false }), pages(300));
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await stack?.stop();
  mailer?.close();
  await Promise.all([receiver?.close(), smtp?.close()]);
});

beforeEach(() => {
  receiver.answer = (_d, res) => res.writeHead(200).end('{"errcode":0}');
});

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A form post as a browser sends it: fields repeated for a list, no redirect followed. */
async function post(path: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams({ _csrf: 't' });
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  const res = await fetch(`${base}${path}`, { method: 'POST', body, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

async function get(path: string) {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** A person added through the form, with a webhook pointing at the local receiver. */
async function addPerson(extra: Record<string, string | string[]> = {}) {
  const id = unique('chen');
  const added = await post('/people', {
    id,
    name: '陈静',
    email: `${id}@example.gov.cn`,
    webhookUrl: `${receiver.url}/robot/send?access_token=${id}`,
    webhookFormat: 'dingtalk',
    webhookSecret: SECRET,
    roles: [`${P1}/office`, `${P6}/cac`, '*/monitor'],
    ...extra,
  });
  expect(added).toMatchObject({ status: 303, location: `/people/${id}?done=added` });
  return id;
}

describe('people pages', () => {
  test('adding a person with roles answers 303 and the list shows them with their roles per plan', async () => {
    const id = await addPerson();
    const shown = await get(`/people/${id}?done=added`);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('已添加。');

    const list = await get('/people');
    expect(list).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    const row = list.text.slice(list.text.indexOf(`<code>${id}</code>`));
    expect(row.slice(0, 3000)).toMatch(/领导小组办公室（局机关工委）[\s\S]*县网信办/);
    expect(list.text).toContain('舆情监控员');
    expect(list.text).not.toContain(SECRET);
    expect(list.text).not.toContain(`access_token=${id}`);
    expect(await prisma.roleAssignment.count({ where: { personId: id } })).toBe(3);
  });

  test('a bad e-mail comes back as a 422 page naming the field, keeping what was typed', async () => {
    const id = unique('wang');
    const refused = await post('/people', {
      id,
      name: '王立 <b>',
      email: 'wang.li-at-example',
      phone: '+86 139 0451 0002',
      webhookSecret: SECRET,
      roles: [`${P1}/monitor`],
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('电子邮箱：格式不正确');
    expect(refused.text).toContain(`value="${id}"`);
    expect(refused.text).toContain('value="王立 &lt;b&gt;"');
    expect(refused.text).toContain('value="wang.li-at-example"');
    expect(refused.text).toContain('value="+86 139 0451 0002"');
    expect(refused.text).toMatch(/value="p1-acheng-agriculture\/monitor"\s+checked/);
    expect(refused.text).not.toContain(SECRET);
    expect(await prisma.person.findUnique({ where: { id } })).toBeNull();

    const taken = await addPerson();
    const again = await post('/people', { id: taken, name: '另一个陈静' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('人员编号：已被使用');
  });

  test('saving with the secret left empty keeps it, and the test message is signed with it', async () => {
    const id = await addPerson();
    const saved = await post(`/people/${id}`, {
      name: '陈静（办公室）',
      email: '',
      phone: '',
      webhookUrl: `${receiver.url}/robot/send?access_token=${id}`,
      webhookFormat: 'dingtalk',
      webhookSecret: '',
      active: 'on',
      roles: [`${P1}/party-group`],
    });
    expect(saved).toMatchObject({ status: 303, location: `/people/${id}?done=saved` });
    const row = await prisma.person.findUniqueOrThrow({ where: { id }, include: { roles: true } });
    expect(row).toMatchObject({ name: '陈静（办公室）', email: null, webhookSecret: SECRET, active: true });
    expect(row.roles.map((r) => `${r.planId}/${r.role}`)).toEqual([`${P1}/party-group`]);
    expect((await get(`/people/${id}`)).text).toContain('已设置。留空则保持不变');

    const before = receiver.deliveries.length;
    const sent = await post(`/people/${id}/test-message`, {});
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('测试消息已送出');
    const delivery = receiver.deliveries.slice(before).find((d) => d.path.includes(id));
    expect(delivery?.headers['x-signature']).toBe(signature(SECRET, delivery!.body));
    expect(JSON.parse(delivery!.body)).toMatchObject({
      msgtype: 'markdown',
      markdown: { text: expect.stringContaining('陈静（办公室），您好：这是一条测试消息') as unknown },
    });

    const cleared = await post(`/people/${id}`, {
      name: '陈静（办公室）',
      webhookUrl: `${receiver.url}/robot/send?access_token=${id}`,
      webhookFormat: 'dingtalk',
      clearSecret: 'on',
    });
    expect(cleared.status).toBe(303);
    expect(await prisma.person.findUniqueOrThrow({ where: { id } })).toMatchObject({
      webhookSecret: null,
      active: false,
    });
  });

  test('a key is shown once when issued, works as the person’s key, and stops working when revoked', async () => {
    const id = await addPerson();
    const refused = await post(`/people/${id}/keys`, { label: '' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('密钥用途：必填');

    const issued = await post(`/people/${id}/keys`, { label: '手机' });
    expect(issued.status).toBe(201);
    expect(issued.text).toContain('此密钥只显示这一次');
    const key = /<code class="issued-key"[^>]*>(pk_[A-Za-z0-9_-]+)<\/code>/.exec(issued.text)?.[1];
    expect(key).toBeDefined();
    expect(issued.text.split(key!)).toHaveLength(2);
    const holder = await findKeyHolder(prisma, keyDigest(key!));
    expect(holder).toMatchObject({ personId: id, name: '陈静' });

    const page = await get(`/people/${id}`);
    expect(page.text).not.toContain(key!);
    expect(page.text).toContain(holder!.keyId);
    expect((await get('/people')).text).toMatch(new RegExp(`<code>${id}</code>[\\s\\S]*?1 个有效`));

    const revoked = await post(`/people/${id}/keys/${holder!.keyId}/revoke`, {});
    expect(revoked).toMatchObject({ status: 303, location: `/people/${id}?done=revoked` });
    expect(await findKeyHolder(prisma, keyDigest(key!))).toBeNull();
    expect((await get(`/people/${id}?done=revoked`)).text).toContain('密钥已吊销');
    expect((await post(`/people/${id}/keys/${holder!.keyId}/revoke`, {})).status).toBe(404);
  });

  test('a test message reaches the person by e-mail and by webhook through the worker, and a refusal is shown with its reason', async () => {
    const id = await addPerson();
    const mailsBefore = smtp.mails.length;
    const sent = await post(`/people/${id}/test-message`, {});
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('测试消息已送出');
    const mail = smtp.mails.slice(mailsBefore).find((m) => m.to.includes(`${id}@example.gov.cn`));
    expect(mail?.raw).toContain('Subject:');
    expect(receiver.deliveries.some((d) => d.path.includes(id))).toBe(true);
    expect(sent.text).toContain(`${id}@example.gov.cn`);
    expect(sent.text).toMatch(/127\.0\.0\.1:\d+ — <span class="good">已送出/);

    receiver.answer = (_d, res) => res.writeHead(403).end();
    const refused = await post(`/people/${id}/test-message`, {});
    expect(refused.status).toBe(502);
    expect(refused.text).toContain('未能送出测试消息');
    expect(refused.text).toContain('answered HTTP 403');
    expect(refused.text).not.toContain(`access_token=${id}`);

    // A receiver that answers "later" is retried by Temporal; the page does not wait for all of it.
    receiver.answer = (_d, res) => res.writeHead(503).end();
    const later = await post(`/impatient/${id}/test-message`, {});
    expect(later.status).toBe(202);
    expect(later.text).toContain('系统会继续重试');
  });

  test('a person with no channel, or inactive, is told so and nothing is sent', async () => {
    const added = await post('/people', { id: unique('zhao'), name: '赵敏' });
    const zhao = /^\/people\/([^?]+)/.exec(added.location!)![1]!;
    const nowhere = await post(`/people/${zhao}/test-message`, {});
    expect(nowhere.status).toBe(409);
    expect(nowhere.text).toContain('此人没有可用的联系方式');

    const id = await addPerson();
    await post(`/people/${id}`, { name: '陈静', webhookUrl: `${receiver.url}/robot/send`, roles: [] });
    const before = receiver.deliveries.length;
    const inactive = await post(`/people/${id}/test-message`, {});
    expect(inactive.status).toBe(409);
    expect(inactive.text).toContain('此人已停用');
    expect(receiver.deliveries.length).toBe(before);
  });

  test('a person or key that does not exist is a 404 page, not JSON', async () => {
    for (const path of ['/people/nobody-here', '/people/Not%20A%20Slug']) {
      const missing = await get(path);
      expect(missing).toMatchObject({ status: 404, type: 'text/html; charset=utf-8' });
      expect(missing.text).toContain('找不到此人员');
    }
    expect((await post('/people/nobody-here/test-message', {})).status).toBe(404);
    expect((await post('/people/nobody-here/keys', { label: 'x' })).status).toBe(404);
  });

  test('the list and the person form read well on a phone and at a desk', async () => {
    const id = await addPerson();
    await post('/people', {
      id: unique('li'),
      name: '李建国',
      phone: '+86 139 0451 0002',
      roles: [`${P1}/party-group`, `${P1}/higher-org`],
    });
    await post(`/people/${id}/keys`, { label: '值班电脑' });
    for (const viewport of ['phone', 'desk'] as const) {
      const context = await openContext(browser, { viewport });
      const page = await context.newPage();
      await page.goto(`${base}/people`);
      expect(await page.locator('h1').innerText()).toBe('人员与角色');
      const sideways = Number(
        await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
      );
      expect(sideways).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'people-list');

      await page.goto(`${base}/people/${id}`);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'people-edit');

      // The form as a person fills it in: an address the browser lets through but the service refuses.
      await page.goto(`${base}/people/new`);
      await page.fill('#f-id', unique('wang'));
      await page.fill('#f-name', '王立');
      await page.fill('#f-email', 'wang@localhost');
      await page.locator('summary', { hasText: '蠡县互联网舆情应急预案' }).click();
      await page.getByLabel('县网信办', { exact: true }).check();
      const [answer] = await Promise.all([
        page.waitForResponse(`${base}/people`),
        page.click('form.person-form button[type=submit]'),
      ]);
      expect(answer.status()).toBe(422);
      expect(await page.locator('#problems').innerText()).toContain('电子邮箱：格式不正确');
      expect(await page.inputValue('#f-email')).toBe('wang@localhost');
      expect(await page.getByLabel('县网信办', { exact: true }).isChecked()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'people-new-refused');
      await context.close();
    }
  });
});
