import type { Browser } from 'playwright-core';
import { caller, startApiStack, type ApiStack } from '../helpers/api-stack';
import {
  launchBrowser,
  openContext,
  openNoJsContext,
  screenshot,
  seriousViolations,
} from '../helpers/browser';
import { eventually } from '../helpers/eventually';

// P4 四(一): "各单位要根据工作开展情况，随时摸排舆情隐患，填写网络舆情隐患排查表（附件3）及时上报领导小组办公室进行
// 汇总". In a real browser with JavaScript off, on the whole stack: a unit's person fills in the table's
// row on its form, and the office's board lists it with the other open entries, the overdue one marked.

const OPERATOR_KEY = 'hazard-browser-operator-0123456789abcdef';
const P4 = 'p4-wenquan-subdistrict';

let stack: ApiStack;
let browser: Browser;
let unitKey: string;
const operator = caller(() => stack.baseUrl, OPERATOR_KEY);

beforeAll(async () => {
  [stack, browser] = await Promise.all([startApiStack('hazard-browser', OPERATOR_KEY), launchBrowser()]);
  const person = { id: 'zhao', name: '赵科长', roles: [{ planId: P4, role: 'involved-unit' }] };
  expect((await operator('POST', '/api/people', person)).status).toBe(201);
  unitKey = (await operator('POST', '/api/people/zhao/api-keys', { label: 'browser' })).body.key as string;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('with JavaScript off a unit reports a hazard on its form and the board lists it by deadline, the overdue one marked', async () => {
  // An entry whose deadline passes in moments, reported through the API by the informant system.
  const late = await operator('POST', '/api/hazards', {
    section: '城建科',
    hazard: '温泉小镇施工噪音扰民，居民拟在微博投诉',
    offlineMeasure: '约谈施工单位，夜间停工',
    onlineMeasure: '按统一口径回复',
    resolveBy: new Date(Date.now() + 2_000).toISOString(),
    reporter: 'informant-sun',
  });
  expect(late.status).toBe(201);

  const context = await openNoJsContext(browser);
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/sign-in`);
  await page.fill('#key', unitKey);
  await page.click('#by-key ~ form button[type=submit]');
  expect(new URL(page.url()).pathname).toBe('/');

  await page.click('#hazards a[href="/hazards/new"]');
  expect(await page.textContent('h1')).toBe('上报隐患');
  await page.fill('#section', '旅游办');
  await page.fill('#hazard', '网传温泉水质不达标');
  await page.fill('#offlineMeasure', '委托第三方检测');
  await page.fill('#onlineMeasure', '检测结果出来后发布通报');
  await page.fill('#resolveBy', '2099-12-31T17:30');
  for (const size of [
    { width: 360, height: 780 },
    { width: 1280, height: 900 },
  ]) {
    await page.setViewportSize(size);
    await screenshot(page, 'hazard-form');
  }
  await page.click('form.stack button[type=submit]');
  expect(new URL(page.url()).pathname).toBe('/');

  await eventually(async () => {
    await page.reload();
    const rows = page.locator('#hazards tbody tr[data-hazard]');
    expect(await rows.count()).toBe(2);
    const lateRow = page.locator(`tr[data-hazard="${late.body.id as string}"]`);
    expect(await lateRow.textContent()).toContain('已超时');
    expect(await lateRow.locator('.countdown.late').count()).toBe(1);
  }, 20_000);
  const rows = await page.locator('#hazards tbody tr[data-hazard]').allTextContents();
  // Soonest deadline first: the overdue entry, then the one due in 2099.
  expect(rows[0]).toContain('城建科');
  expect(rows[1]).toContain('旅游办');
  expect(rows[1]).toContain('2099年12月31日 17:30');
  const stored = await stack.prisma.hazard.findFirst({ where: { section: '旅游办' } });
  expect(stored).toMatchObject({ reportedBy: 'zhao', hazard: '网传温泉水质不达标', status: 'open' });
  for (const size of [
    { width: 360, height: 780 },
    { width: 1280, height: 900 },
  ]) {
    await page.setViewportSize(size);
    await screenshot(page, 'hazard-board');
  }
  await context.close();
});

test('the board with the register and the form have no serious accessibility problem', async () => {
  const context = await openContext(browser);
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/sign-in`);
  await page.fill('#key', unitKey);
  await page.click('#by-key ~ form button[type=submit]');
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto(`${stack.baseUrl}/hazards/new`);
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});
