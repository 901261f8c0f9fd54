import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import express from 'express';
import type { Browser } from 'playwright-core';
import { planPagesRouter } from '../../api/pages/plan-pages-router';
import { STYLESHEET } from '../../api/pages/style';
import { PLAN_STYLES } from '../../api/pages/style-plans';
import { loadCatalog } from '../../plans/catalog';
import { createPrisma } from '../../storage/prisma';
import {
  launchBrowser,
  openContext,
  openNoJsContext,
  SCREENSHOTS,
  screenshot,
  seriousViolations,
  VIEWPORTS,
  type ViewportName,
} from '../helpers/browser';
import { tempDataDir } from '../helpers/temp-database';

// The plan pages over HTTP and in a real browser, on a real SQLite database migrated as `npm start`
// migrates it. The router is mounted behind a stand-in for the office session that sets the viewer and
// the form token; the real session (sign-in, cookie, CSRF) is tested by the office browser tests.

const P6 = 'p6-lixian-cyberspace';
const T0 = Date.UTC(2026, 10, 24, 1, 0);
const MIN = 60_000;

const catalog = loadCatalog();
let prisma: PrismaClient;
let server: Server;
let baseUrl: string;
let browser: Browser;

/** An incident of P6 at Ⅰ级 whose first report was done in 20 minutes of its 30. */
async function seedIncident(): Promise<void> {
  const id = randomUUID();
  await prisma.incident.create({
    data: {
      id,
      workflowId: `incident-${id}`,
      planId: P6,
      planVersion: 2,
      level: 'l1',
      status: 'open',
      breached: false,
      title: '网传某乡镇强拆视频',
      summary: '',
      leadRole: 'cac',
      reporter: 'monitor-wang',
      discoveredAt: new Date(T0),
      lastSeq: 2,
    },
  });
  await prisma.timelineEvent.createMany({
    data: [
      { type: 'step-opened', minute: 0, data: { dueAt: T0 + 30 * MIN } },
      { type: 'step-done', minute: 20, data: {} },
    ].map((e, i) => ({
      incidentId: id,
      seq: i + 1,
      at: new Date(T0 + e.minute * MIN),
      type: e.type,
      stepId: 'discover-and-report',
      data: JSON.stringify(e.data),
    })),
  });
}

/** The plan pages on a port of their own, behind the stand-in session, with the stylesheet beside them. */
async function serve(db: PrismaClient): Promise<{ server: Server; url: string }> {
  const app = express();
  app.get('/assets/style.css', (_req, res) => {
    res.type('text/css').send(`${STYLESHEET}\n${PLAN_STYLES}`);
  });
  // Stand-in for the office session middleware (see the note above).
  app.use('/plans', (_req, res, next) => {
    res.locals.viewer = { kind: 'operator', keyId: 'k', name: '运维' };
    res.locals.csrf = 't';
    next();
  });
  app.use('/plans', planPagesRouter({ catalog, prisma: db }));
  const listening = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => listening.once('listening', resolve));
  return { server: listening, url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}` };
}

const close = (s: Server | undefined) =>
  new Promise((resolve) => (s ? s.close(resolve) : resolve(undefined)));

beforeAll(async () => {
  const data = await tempDataDir('plan-pages');
  prisma = data.openPrisma();
  await seedIncident();
  ({ server, url: baseUrl } = await serve(prisma));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await close(server);
  await prisma?.$disconnect();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}${path}`, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const count = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].length;

describe('the plan pages over HTTP', () => {
  test('the list links every plan in the catalog, Chinese first', async () => {
    const res = await get('/plans');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'; style-src 'self'/);
    expect(res.text).toContain('<html lang="zh-CN">');
    for (const plan of catalog.list()) {
      expect(res.text).toContain(`href="/plans/${plan.id}"`);
      expect(res.text).toContain(plan.title.zh);
    }
    expect(res.text).toContain('href="/plans?lang=en"');
  });

  test('a plan page draws one node per step and writes the plan’s figures from the database', async () => {
    const plan = catalog.get(P6)!;
    const res = await get(`/plans/${P6}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/style-src 'self'/);
    expect(res.text).toMatch(/<svg\s+class="diagram plan-diagram"/);
    expect(count(res.text, /<g\s+class="step step-[a-z]+"\s+data-step="/g)).toBe(plan.steps.length);
    for (const step of plan.steps) expect(res.text).toContain(`data-step="${step.id}"`);
    expect(res.text).toMatch(/<svg\s+class="diagram role-diagram"/);
    // The seeded incident: one at Ⅰ级, its first report done in 20 minutes, on time.
    expect(res.text).toContain('共 1 起事件');
    expect(res.text).toContain('20 分钟');
    expect(res.text).toContain('100%（1/1）');
    expect(res.text).toContain(`href="/plans/${P6}?lang=en"`);
  });

  test('the English page is asked for with ?lang=en and switches back to Chinese', async () => {
    const res = await get(`/plans/${P6}?lang=en`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('Li County online public-opinion emergency plan');
    expect(res.text).toContain(`href="/plans/${P6}?lang=zh"`);
  });

  test('an unknown plan is a 404 page that names the id it was asked for', async () => {
    const res = await get('/plans/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toContain('找不到预案');
    expect(res.text).toContain('「nope」');
  });

  test('an id with markup in it comes back as text', async () => {
    const res = await get(`/plans/${encodeURIComponent('<script>x</script>')}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('&lt;script&gt;');
  });
});

describe('when the figures cannot be read', () => {
  test('the plan page is a 500 page in words, not an error in JSON', async () => {
    // A database file nobody migrated: the stats query finds no tables.
    const unmigrated = createPrisma(
      `file:${path.join(mkdtempSync(path.join(tmpdir(), 'plan-pages-')), 'x.db')}`,
    );
    const broken = await serve(unmigrated);
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await fetch(`${broken.url}/plans/${P6}`);
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('系统暂时无法读取预案统计，请稍后再试。');
      expect(quiet).toHaveBeenCalledWith('api: plan page:', expect.anything());
    } finally {
      quiet.mockRestore();
      await close(broken.server);
      await unmigrated.$disconnect();
    }
  });
});

describe('the plan page in a real browser', () => {
  async function open(path: string, viewport: ViewportName, javaScript = true) {
    const context = javaScript
      ? await openContext(browser, { viewport })
      : await openNoJsContext(browser, { viewport });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    const response = await page.goto(`${baseUrl}${path}`);
    return { page, response: response!, refused, close: () => context.close() };
  }

  test('P6 reads on a phone and at a desk: the diagram in its own box, nothing refused by the policy', async () => {
    const plan = catalog.get(P6)!;
    for (const viewport of ['phone', 'desk'] as const) {
      const shown = await open(`/plans/${P6}`, viewport);
      expect(shown.response.status()).toBe(200);
      expect(shown.refused).toEqual([]);
      expect(await shown.page.locator('main svg.plan-diagram g.step').count()).toBe(plan.steps.length);
      // The page never scrolls sideways as a whole; the diagram scrolls in its box.
      const overflow = Number(
        await shown.page.evaluate(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        ),
      );
      expect(overflow).toBeLessThanOrEqual(0);
      // Chinese text in the diagram has a real font: its lines are as wide as CJK glyphs make them.
      const textLength = await shown.page
        .locator(`g.step[data-step="hold-joint-meeting"] tspan`)
        .first()
        .evaluate((t) => (t as unknown as { getComputedTextLength(): number }).getComputedTextLength());
      expect(textLength).toBeGreaterThan(5 * 12);
      expect(await seriousViolations(shown.page)).toEqual([]);
      await screenshot(shown.page, 'plans-p6');
      // The diagram and the roles alone, at the size the page shows them, to look at closely.
      const width = VIEWPORTS[viewport].width;
      await shown.page
        .locator('section[aria-labelledby="diagram"]')
        .screenshot({ path: path.join(SCREENSHOTS, `plans-p6-diagram-${width}.png`) });
      await shown.page
        .locator('section[aria-labelledby="roles"]')
        .screenshot({ path: path.join(SCREENSHOTS, `plans-p6-roles-${width}.png`) });
      await shown.close();
    }
  });

  test('the list and the English page at 360 and 1280 px, and the page without JavaScript', async () => {
    for (const viewport of ['phone', 'desk'] as const) {
      const list = await open('/plans', viewport);
      expect(await seriousViolations(list.page)).toEqual([]);
      await screenshot(list.page, 'plans-list');
      await list.close();
      const english = await open(`/plans/${P6}?lang=en`, viewport);
      await screenshot(english.page, 'plans-p6-en');
      await english.close();
      const p3 = await open('/plans/p3-work-safety', viewport, false);
      expect(await p3.page.locator('svg.plan-diagram g.step').count()).toBe(
        catalog.get('p3-work-safety')!.steps.length,
      );
      await screenshot(p3.page, 'plans-p3');
      await p3.close();
      // P1's question round (第七步) on its own, to look at closely; axe needs JavaScript on.
      const p1 = await open('/plans/p1-acheng-agriculture', viewport);
      const round = p1.page.locator('section[aria-labelledby="questions"]');
      expect(await round.locator('ol.plan-steps > li').count()).toBe(4);
      expect(await seriousViolations(p1.page)).toEqual([]);
      await round.screenshot({
        path: path.join(SCREENSHOTS, `plans-p1-questions-${VIEWPORTS[viewport].width}.png`),
      });
      await p1.close();
    }
  });
});
