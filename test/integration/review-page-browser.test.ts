import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { caller, startApiStack, type ApiStack } from '../helpers/api-stack';
import { P1 } from '../helpers/approval-fixtures';
import {
  launchBrowser,
  openContext,
  openNoJsContext,
  SCREENSHOTS,
  screenshot,
  seriousViolations,
  type ViewportName,
} from '../helpers/browser';

// The after-action review as its reader meets it: an incident run over the API on the whole stack
// (an approval sent back once, then approved), its review page opened in a real browser (Debian's
// Chromium) with the API key, on a phone and at a desk, with and without JavaScript, printed to A4.
// Screenshots land in .reports/screenshots/, the PDF in .reports/.

const OPERATOR_KEY = 'review-page-operator-0123456789abcdef';
const AUTH = { Authorization: `Bearer ${OPERATOR_KEY}` };

let stack: ApiStack;
let browser: Browser;
let incidentId: string;

const operator = caller(() => stack.baseUrl, OPERATOR_KEY);

async function accepted(path: string, body: Record<string, unknown>) {
  const res = await operator('POST', `/api/incidents/${incidentId}${path}`, body);
  expect(res).toMatchObject({ status: 200, body: { accepted: true } });
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startApiStack('review-page-browser', OPERATOR_KEY), launchBrowser()]);
  const created = await operator('POST', '/api/incidents', {
    planId: P1,
    title: '网传化肥补贴被截留 <b>转发</b>',
    summary: '短视频转发量上升',
    level: 'l3',
    reporter: 'monitor-wang',
    source: { platform: 'douyin' },
  });
  expect(created.status).toBe(201);
  incidentId = created.body.id as string;
  await accepted('/steps/report-facts/complete', {
    actor: { id: 'wang', role: 'monitor' },
    note: '已电话上报',
  });
  await accepted('/steps/consult/complete', { actor: { id: 'li', role: 'party-group' } });
  await accepted('/steps/draft-statement/complete', { actor: { id: 'chen', role: 'office' } });
  await accepted('/steps/approve-statement/decision', {
    actor: { id: 'li', role: 'party-group' },
    decision: 'reject',
    comment: '请补充兑付凭证',
  });
  await accepted('/steps/draft-statement/complete', {
    actor: { id: 'chen', role: 'office' },
    note: '已补充凭证',
  });
  await accepted('/steps/approve-statement/decision', {
    actor: { id: 'li', role: 'party-group' },
    decision: 'approve',
  });
  await accepted('/steps/approve-statement/decision', {
    actor: { id: 'zhao', role: 'higher-org' },
    decision: 'approve',
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const reviewUrl = (id: string, query = '') => `${stack.baseUrl}/incidents/${id}/review${query}`;

async function open(
  url: string,
  {
    viewport = 'desk',
    javaScript = true,
    key = true,
  }: { viewport?: ViewportName; javaScript?: boolean; key?: boolean } = {},
) {
  const options = { viewport, ...(key ? { headers: AUTH } : {}) };
  const context = javaScript ? await openContext(browser, options) : await openNoJsContext(browser, options);
  const page = await context.newPage();
  // The policy must admit the page's own running head by its hash: a refusal would show here.
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  const response = await page.goto(url);
  return { page, response: response!, refused, close: () => context.close() };
}

const seen = (page: Page) => page.locator('main').innerText();

/** How far the page is wider than the screen: a phone must never scroll sideways as a whole. */
const overflow = async (page: Page): Promise<number> =>
  Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));

describe('the review page in a real browser', () => {
  test('shows the review in Chinese, with the picture and the approval sent back, on a phone and at a desk', async () => {
    for (const viewport of ['phone', 'desk'] as const) {
      const shown = await open(reviewUrl(incidentId), { viewport });
      expect(shown.response.status()).toBe(200);
      const headers = shown.response.headers();
      expect(headers['cache-control']).toBe('no-store');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['content-security-policy']).toMatch(
        /default-src 'none'; style-src 'self' 'sha256-[^']+';/,
      );
      expect(shown.refused).toEqual([]);

      expect(await shown.page.getAttribute('html', 'lang')).toBe('zh-CN');
      const text = await seen(shown.page);
      // The title's markup is text, as typed.
      expect(text).toContain('网传化肥补贴被截留 <b>转发</b>');
      expect(text).toContain('哈尔滨市阿城区农业农村局网络舆情事件应急处置预案');
      expect(text).toContain('经当前代码重放，结果一致');
      expect(text).toMatch(/第 1 轮（退回），.+ 提交/);
      expect(text).toMatch(/第 2 轮（通过），.+ 提交/);
      expect(text).toContain('请补充兑付凭证');
      expect(text).toContain('已电话上报');
      // Chinese first: the sections in the plans' own words.
      for (const heading of ['基本情况', '缓报记录', '关键时效', '处置过程图', '级别与牵头', '审批记录']) {
        expect(text).toContain(heading);
      }

      // The picture: drawn by the server, every shape explained by its <title>.
      const chart = shown.page.locator('svg.chart');
      await expect(chart.count()).resolves.toBe(1);
      const titles = await chart.locator('title').allTextContents();
      expect(titles.some((t) => t.startsWith('快报事实：'))).toBe(true);
      expect(titles.some((t) => t.startsWith('形成通稿：') && t.includes('退回重办'))).toBe(true);
      expect(titles.some((t) => t.includes('牵头'))).toBe(true);

      expect(await overflow(shown.page)).toBe(0);
      await screenshot(shown.page, 'review-page');
      expect(await seriousViolations(shown.page)).toEqual([]);
      await shown.close();
    }
  });

  test('reads the same without JavaScript, and in English on the switch', async () => {
    const plain = await open(reviewUrl(incidentId), { viewport: 'phone', javaScript: false });
    expect(plain.response.status()).toBe(200);
    expect(await seen(plain.page)).toContain('第 1 轮（退回）');
    expect(await plain.page.locator('svg.chart title').count()).toBeGreaterThan(3);
    expect(await overflow(plain.page)).toBe(0);
    await screenshot(plain.page, 'review-page-no-js');
    // The switch is a plain link.
    await plain.page.getByRole('link', { name: 'English' }).click();
    expect(await plain.page.getAttribute('html', 'lang')).toBe('en');
    const english = await seen(plain.page);
    expect(english).toContain('After-action review');
    expect(english).toMatch(/Round 1 \(sent back\), submitted/);
    await plain.close();

    const en = await open(reviewUrl(incidentId, '?lang=en'));
    expect(await seen(en.page)).toContain('Replayed against the current code: consistent');
    await screenshot(en.page, 'review-page-en');
    expect(await seriousViolations(en.page)).toEqual([]);
    await en.close();
  });

  test('prints to A4 with the incident and plan at the head of each page', async () => {
    const shown = await open(reviewUrl(incidentId));
    await shown.page.emulateMedia({ media: 'print' });
    await screenshot(shown.page, 'review-page-print');
    // Print hides the language switch and lets every table run the page's width.
    expect(await shown.page.locator('p.lang').isVisible()).toBe(false);
    const pdf = await shown.page.pdf({ format: 'A4' });
    const reports = path.dirname(SCREENSHOTS);
    mkdirSync(reports, { recursive: true });
    writeFileSync(path.join(reports, 'review-page.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    await shown.close();
  });

  test('without a key the answer is a page saying a key is needed', async () => {
    const shown = await open(reviewUrl(incidentId), { key: false, viewport: 'phone' });
    expect(shown.response.status()).toBe(401);
    expect(shown.response.headers()['content-type']).toMatch(/^text\/html/);
    expect(shown.response.headers()['www-authenticate']).toBe('Bearer');
    expect(await seen(shown.page)).toContain('需要登录密钥');
    expect(await seen(shown.page)).not.toContain('网传化肥补贴被截留');
    await shown.close();
    const wrongKey = await fetch(reviewUrl(incidentId), { headers: { Authorization: 'Bearer not-a-key' } });
    expect(wrongKey.status).toBe(401);
    expect(await wrongKey.text()).toContain('需要登录密钥');
  });

  test('an unknown incident is a 404 page that says so; an id that is not one a 400 naming the field', async () => {
    const unknown = randomUUID();
    const missing = await open(reviewUrl(unknown), { viewport: 'phone' });
    expect(missing.response.status()).toBe(404);
    expect(missing.response.headers()['cache-control']).toBe('no-store');
    const said = await seen(missing.page);
    expect(said).toContain('找不到复盘');
    expect(said).toContain(`no incident ${unknown}`);
    await screenshot(missing.page, 'review-page-not-found');
    await missing.close();

    const bad = await open(reviewUrl('not-an-id'), { viewport: 'phone' });
    expect(bad.response.status()).toBe(400);
    expect(await seen(bad.page)).toContain('invalid path: id: an incident id (UUID)');
    await bad.close();
  });
});
