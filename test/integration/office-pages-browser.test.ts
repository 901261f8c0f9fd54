import type { Browser, BrowserContext, Page } from 'playwright-core';
import { caller, startApiStack, type ApiStack } from '../helpers/api-stack';
import { P1 } from '../helpers/approval-fixtures';
import {
  launchBrowser,
  openContext,
  openNoJsContext,
  screenshot,
  seriousViolations,
} from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { startHttpReceiver, type HttpReceiver } from '../helpers/peers';
import { builtinPlan } from '../helpers/plans';
import { incidentWorkflowId, type IncidentWorkflowInput } from '../../workflows/messages';

// The office's pages as three people use them in a real browser (Debian's Chromium) on the whole stack:
// a monitor signs in with the one-time link sent to their own webhook, the office signs in with a key;
// the board picks up a new incident without a reload, the monitor's step moves on the office's screen,
// a form the workflow refuses says why in words, each person sees only the forms of their roles, and
// forms without the session's token or after the session ended do nothing.

const OPERATOR_KEY = 'office-pages-operator-0123456789abcdef';

let stack: ApiStack;
let browser: Browser;
let peer: HttpReceiver;
let officeKey: string;
const operator = caller(() => stack.baseUrl, OPERATOR_KEY);

beforeAll(async () => {
  [stack, browser, peer] = await Promise.all([
    startApiStack('office-pages-browser', OPERATOR_KEY),
    launchBrowser(),
    startHttpReceiver(),
  ]);
  const people = [
    {
      id: 'wang',
      name: '王监测',
      webhook: { url: `${peer.url}/wang`, format: 'json' },
      roles: [{ planId: P1, role: 'monitor' }],
    },
    { id: 'chen', name: '陈办公室', roles: [{ planId: P1, role: 'office' }] },
  ];
  for (const p of people) expect((await operator('POST', '/api/people', p)).status).toBe(201);
  const issued = await operator('POST', '/api/people/chen/api-keys', { label: 'browser' });
  officeKey = issued.body.key as string;
});

afterAll(async () => {
  await browser?.close();
  await peer?.close();
  await stack?.stop();
});

async function newIncident(title: string, discoveredAt?: Date): Promise<string> {
  const created = await operator('POST', '/api/incidents', {
    planId: P1,
    title,
    summary: '网传补贴被截留',
    level: 'l4',
    reporter: 'wang',
    ...(discoveredAt ? { discoveredAt: discoveredAt.toISOString() } : {}),
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function signInWithKey(context: BrowserContext, key: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await page.fill('#key', key);
  await page.click('#by-key ~ form button[type=submit]');
  expect(new URL(page.url()).pathname).toBe('/');
  return page;
}

/** The link the worker sent to the person's webhook, pointed at this stack. */
async function linkSentTo(path: string): Promise<string> {
  const d = await eventually(() => {
    // The person's to-do notices reach the same webhook; the sign-in message is the one with that link.
    const found = peer.deliveries.filter((x) => x.path === path && x.body.includes('/sign-in/link/')).at(-1);
    expect(found).toBeDefined();
    return found!;
  }, 20_000);
  const link = (JSON.parse(d.body) as { link: string }).link;
  return `${stack.baseUrl}${new URL(link).pathname}`;
}

test('a person signs in with the one-time link sent to their own channel, and the link works once', async () => {
  const context = await openContext(browser);
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/`);
  await page.fill('#who', 'wang');
  await page.click('#by-link ~ p ~ form button[type=submit]');
  expect(await page.textContent('h1')).toContain('请查收登录链接');
  const link = await linkSentTo('/wang');
  await page.goto(link);
  await page.click('form button[type=submit]');
  expect(new URL(page.url()).pathname).toBe('/');
  expect(await page.textContent('nav.office')).toContain('王监测');
  const cookie = (await context.cookies()).find((c) => c.name === 'office_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  // The same link again, in another browser: used.
  const other = await openContext(browser);
  const again = await other.newPage();
  await again.goto(link);
  await again.click('form button[type=submit]');
  expect(await again.textContent('h1')).toContain('登录链接无效');
  await other.close();
  await context.close();
});

test('the board shows a new incident and its countdown without a reload', async () => {
  const context = await openContext(browser);
  const page = await signInWithKey(context, officeKey);
  const id = await newIncident('看板新舆情');
  const row = page.locator(`tr[data-incident="${id}"]`);
  await eventually(async () => expect(await row.count()).toBe(1), 30_000);
  expect(await row.locator('.countdown').textContent()).toMatch(/剩余/);
  // Late: the words and one ⚠ (the stylesheet's), not two.
  const lateId = await newIncident('看板超时舆情', new Date(Date.now() - 2 * 3_600_000));
  const late = page.locator(`tr[data-incident="${lateId}"] .countdown`);
  await eventually(async () => expect(await late.count()).toBe(1), 30_000);
  expect(await late.textContent()).toMatch(/^\s*已超时/);
  // Runs in the page: the browser's getComputedStyle, typed here without the DOM library.
  type Styles = { getComputedStyle(el: unknown, pseudo: string): { content: string } };
  const before = await late.evaluate(
    (el) => (globalThis as unknown as Styles).getComputedStyle(el, '::before').content,
  );
  expect(before).toBe('"⚠ "');
  for (const viewport of ['phone', 'desk'] as const) {
    await page.setViewportSize(
      viewport === 'phone' ? { width: 360, height: 780 } : { width: 1280, height: 900 },
    );
    await screenshot(page, 'office-board');
  }
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});

test('a monitor completes their step, the office sees it done, and a form the workflow refuses says why', async () => {
  const id = await newIncident('监测完成步骤');
  const monitorContext = await openContext(browser);
  const monitor = await monitorContext.newPage();
  // The monitor signs in by link (their own channel).
  await monitor.goto(`${stack.baseUrl}/sign-in`);
  await monitor.fill('#who', 'wang');
  const before = peer.deliveries.filter((x) => x.body.includes('/sign-in/link/')).length;
  await monitor.click('#by-link ~ p ~ form button[type=submit]');
  await eventually(
    () =>
      expect(peer.deliveries.filter((x) => x.body.includes('/sign-in/link/')).length).toBeGreaterThan(before),
    20_000,
  );
  await monitor.goto(await linkSentTo('/wang'));
  await monitor.click('form button[type=submit]');

  const officeContext = await openContext(browser);
  const office = await signInWithKey(officeContext, officeKey);

  await eventually(async () => {
    await monitor.goto(`${stack.baseUrl}/incidents/${id}`);
    expect(await monitor.locator('form[action$="/do/completeStep"]').count()).toBeGreaterThan(0);
  }, 20_000);
  // Only the forms of one's roles: the office does not report facts for the monitor.
  await office.goto(`${stack.baseUrl}/incidents/${id}`);
  expect(
    await office.locator('form[action$="/do/completeStep"] input[name=stepId][value="report-facts"]').count(),
  ).toBe(0);

  const form = monitor.locator('form[action$="/do/completeStep"]', {
    has: monitor.locator('input[name=stepId][value="report-facts"]'),
  });
  await form.locator('textarea[name=note]').fill('已电话上报');
  await form.locator('button[type=submit]').click();
  expect(await monitor.textContent('.flash')).toContain('已办理');
  await screenshot(monitor, 'office-incident');

  await office.reload();
  expect(await office.textContent('tr[data-step="report-facts"]')).toContain('已完成');
  // P4 四(三)："对不能及时回复的，要说明原因，给出时间表": a promised reply is listed with its reason.
  const promise = office.locator('form[action$="/do/promiseMilestone"]');
  await promise.locator('[name=title]').fill('公布核查结果');
  await promise.locator('[name=reason]').fill('现场核查尚未结束');
  await promise
    .locator('[name=dueAt]')
    .fill(new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 16));
  await promise.locator('button[type=submit]').click();
  expect(await office.textContent('.flash')).toContain('已办理');
  expect(await office.textContent('section[aria-labelledby=milestones]')).toContain('原因：现场核查尚未结束');
  await office.setViewportSize({ width: 360, height: 780 });
  await screenshot(office, 'office-incident');
  expect(await seriousViolations(office)).toEqual([]);

  // A form sent again once its step is done (a second tab, a stale page): the workflow refuses, the page
  // says why in words.
  const csrf = await monitor.locator('input[name=_csrf]').first().inputValue();
  const refused = await monitor.request.post(`${stack.baseUrl}/incidents/${id}/do/completeStep`, {
    form: { _csrf: csrf, 'actor.role': 'monitor', stepId: 'report-facts', lang: 'zh' },
    headers: { 'sec-fetch-site': 'same-origin' },
  });
  expect(refused.status()).toBe(409);
  expect(await refused.text()).toContain('此步骤当前不能办理');

  await monitorContext.close();
  await officeContext.close();
});

// A running incident keeps the plan it was opened under: its page draws that snapshot and offers what
// the incident will accept, not the catalog's newer version (this stop changed several plans).
test('an incident opened under an older plan version shows that version’s steps, not the catalog’s', async () => {
  const current = builtinPlan(P1);
  const older = {
    ...current,
    version: current.version - 1,
    steps: current.steps.map((s) =>
      s.id === 'report-facts' ? { ...s, title: { zh: '旧版：报告事实', en: 'Old: report the facts' } } : s,
    ),
  };
  const id = crypto.randomUUID();
  const input: IncidentWorkflowInput = {
    incident: {
      id,
      title: '旧版预案下的舆情',
      summary: '',
      level: 'l4',
      reporter: 'wang',
      discoveredAt: Date.now(),
    },
    plan: older,
  };
  await stack.client.workflow.start('incidentWorkflow', {
    taskQueue: stack.taskQueue,
    workflowId: incidentWorkflowId(id),
    args: [input],
  });
  const context = await openContext(browser);
  const page = await signInWithKey(context, officeKey);
  await eventually(async () => {
    await page.goto(`${stack.baseUrl}/incidents/${id}`);
    expect(await page.textContent('tr[data-step="report-facts"]')).toContain('旧版：报告事实');
  }, 20_000);
  await context.close();
});

test('a form without the session token, or after the session ended, does nothing', async () => {
  const id = await newIncident('表单令牌');
  const context = await openContext(browser);
  const page = await signInWithKey(context, officeKey);
  const forged = await page.request.post(`${stack.baseUrl}/incidents/${id}/do/updateMetrics`, {
    form: { _csrf: 'not-the-token', 'actor.role': 'office', 'metrics.reposts': '5' },
    headers: { 'sec-fetch-site': 'same-origin' },
  });
  expect(forged.status()).toBe(403);
  const crossSite = await page.request.post(`${stack.baseUrl}/incidents/${id}/do/updateMetrics`, {
    form: {
      _csrf: await page.locator('input[name=_csrf]').first().inputValue(),
      'actor.role': 'office',
      'metrics.reposts': '5',
    },
    headers: { 'sec-fetch-site': 'cross-site' },
  });
  expect(crossSite.status()).toBe(403);
  const state = await operator('GET', `/api/incidents/${id}`);
  expect((state.body.metrics as Record<string, unknown>).reposts).toBeUndefined();

  // The session ends (expired in the store): the next page asks to sign in again.
  await stack.prisma.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
  await page.goto(`${stack.baseUrl}/incidents/${id}`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await context.close();
});

/** Screenshots of the page at a phone's and a desk's width, and its serious accessibility violations. */
async function atBothWidths(page: Page, name: string) {
  for (const size of [
    { width: 360, height: 780 },
    { width: 1280, height: 900 },
  ]) {
    await page.setViewportSize(size);
    await screenshot(page, name);
  }
  return seriousViolations(page);
}

test('the sign-in page and the intake form read well on a phone and at a desk', async () => {
  const context = await openContext(browser);
  const signIn = await context.newPage();
  await signIn.goto(`${stack.baseUrl}/sign-in`);
  expect(await atBothWidths(signIn, 'office-sign-in')).toEqual([]);
  const page = await signInWithKey(context, officeKey);
  await page.goto(`${stack.baseUrl}/incidents/new`);
  expect(await atBothWidths(page, 'office-intake')).toEqual([]);
  await context.close();
});

test('with JavaScript off a person signs in, reads the board and starts an incident', async () => {
  const context = await openNoJsContext(browser);
  const page = await signInWithKey(context, officeKey);
  expect(await page.textContent('h1')).toContain('舆情看板');
  await page.goto(`${stack.baseUrl}/incidents/new`);
  await page.selectOption('#planId', P1);
  await page.fill('#title', '无脚本立案');
  await page.selectOption('#level', `${P1}:l4`);
  // When it happened, typed as Beijing wall time: an hour ago, to the minute.
  const happened = Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000;
  await page.fill('#occurredAt', new Date(happened + 8 * 3_600_000).toISOString().slice(0, 16));
  // P1 五(一)2："当发生群体性突发事件时，组织对网络舆情进行24小时不间断监控": ticked at intake.
  await page.check(`input[name=flags][value="${P1}:mass-incident"]`);
  await page.click('form.stack > button[type=submit]');
  expect(new URL(page.url()).pathname).toMatch(/^\/incidents\/[0-9a-f-]{36}$/);
  expect(await page.textContent('h1')).toContain('无脚本立案');
  const id = new URL(page.url()).pathname.split('/')[2]!;
  const state = await operator('GET', `/api/incidents/${id}`);
  expect((state.body.incident as { occurredAt?: number }).occurredAt).toBe(happened);
  expect(await page.textContent('header.incident-head')).toContain('事发于');
  expect(await page.textContent('header.incident-head')).toContain('发生群体性突发事件');
  expect(await page.textContent('tr[data-step="round-the-clock-monitoring"]')).not.toContain('已跳过');
  await screenshot(page, 'office-intake-result');
  await context.close();
});

// P2 第五步: "如自己对疑问或者质疑不能正确引导…要及时上报。上报后，经…领导小组会商后拿出合理方案加以回复".
test('with JavaScript off a monitor raises a question from the incident page and its round joins the steps', async () => {
  const P2 = 'p2-hrss-bureau';
  const person = { id: 'sun', name: '孙网评', roles: [{ planId: P2, role: 'monitor' }] };
  expect((await operator('POST', '/api/people', person)).status).toBe(201);
  const key = (await operator('POST', '/api/people/sun/api-keys', { label: 'browser' })).body.key as string;
  const created = await operator('POST', '/api/incidents', {
    planId: P2,
    title: '网友质疑社保补贴名单',
    summary: '回复后跟帖质疑',
    level: 'l4',
    reporter: 'sun',
  });
  const id = created.body.id as string;
  const context = await openNoJsContext(browser);
  const page = await signInWithKey(context, key);
  await eventually(async () => {
    await page.goto(`${stack.baseUrl}/incidents/${id}`);
    expect(await page.textContent('section[aria-labelledby=questions]')).toContain('尚未上报疑问');
  }, 20_000);
  const form = page.locator('form[action$="/do/raiseQuestion"]');
  await form.locator('textarea[name=text]').fill('为什么名单里没有我们村？');
  await form.locator('button[type=submit]').click();
  expect(await page.textContent('.flash')).toContain('已办理');
  const questions = page.locator('section[aria-labelledby=questions]');
  expect(await questions.textContent()).toContain('为什么名单里没有我们村？');
  expect(await questions.textContent()).toContain('答复中');
  expect(await page.textContent('tr[data-step="q1-consult-reply"]')).toContain('疑问1：会商回复方案');
  await screenshot(page, 'office-question');
  await page.setViewportSize({ width: 360, height: 780 });
  await screenshot(page, 'office-question');
  await context.close();
  // axe runs on timers, so the same page is checked with JavaScript on.
  const checking = await openContext(browser, { viewport: 'phone' });
  const checked = await signInWithKey(checking, key);
  await checked.goto(`${stack.baseUrl}/incidents/${id}`);
  expect(await seriousViolations(checked)).toEqual([]);
  await checking.close();
});
