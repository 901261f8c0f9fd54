import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import {
  launchBrowser,
  openContext,
  openNoJsContext,
  screenshot,
  seriousViolations,
  VIEWPORTS,
  type ViewportName,
} from '../helpers/browser';

// Proves the page-test kit on a page shaped like ours: strict CSP, Chinese text, a plain HTML form.

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const page = (title: string, body: string) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/style.css">
<script src="/enhance.js" defer></script>
</head>
<body><main>${body}</main></body>
</html>`;

const APPROVAL = page(
  '审批 · 舆情事件 INC-1',
  `<h1>审批</h1>
<p>舆情事件 INC-1：是否批准发布第二阶段对外回应？</p>
<form method="post" action="/decide">
<fieldset>
<legend>你的决定</legend>
<label><input type="radio" name="decision" value="approve" required> 批准</label>
<label><input type="radio" name="decision" value="reject"> 驳回</label>
</fieldset>
<button type="submit">提交</button>
</form>`,
);

const BROKEN = page(
  '审批（有缺陷）',
  `<h1>审批</h1>
<img src="/seal.png">
<form method="post" action="/decide"><input name="comment"><button type="submit">提交</button></form>`,
);

const STYLE = `body { font-family: sans-serif; margin: 0; padding: 1rem; line-height: 1.6; }
main { max-width: 40rem; margin: 0 auto; }
fieldset { border: 1px solid #666; padding: 0.75rem; }
label { display: block; padding: 0.5rem 0; }
button { margin-top: 1rem; padding: 0.6rem 1.5rem; font-size: 1rem; }`;

// A script the page loads from its own origin, so a test can tell whether JavaScript ran.
const ENHANCE = `document.documentElement.dataset.js = 'on';`;

const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

interface Site {
  url: string;
  posts: { body: string; acceptLanguage: string | undefined }[];
  close(): Promise<void>;
}

async function startSite(): Promise<Site> {
  const posts: Site['posts'] = [];
  const server: Server = createServer((req, res) => {
    const send = (status: number, type: string, body: string | Buffer) =>
      res.writeHead(status, { 'content-type': type, 'content-security-policy': CSP }).end(body);
    const html = 'text/html; charset=utf-8';
    if (req.method === 'POST' && req.url === '/decide') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        posts.push({
          body: Buffer.concat(chunks).toString('utf8'),
          acceptLanguage: req.headers['accept-language'],
        });
        send(200, html, page('已提交', '<h1>已提交</h1><p>你的决定已记录。</p>'));
      });
      return;
    }
    if (req.url === '/') return send(200, html, APPROVAL);
    if (req.url === '/broken') return send(200, html, BROKEN);
    if (req.url === '/style.css') return send(200, 'text/css; charset=utf-8', STYLE);
    if (req.url === '/enhance.js') return send(200, 'text/javascript; charset=utf-8', ENHANCE);
    if (req.url === '/seal.png') return send(200, 'image/png', ONE_PIXEL_PNG);
    send(404, 'text/plain; charset=utf-8', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Width of a PNG, from its IHDR chunk. */
const pngWidth = (file: string) => readFileSync(file).readUInt32BE(16);

let browser: Browser;
let site: Site;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const layouts = (['phone', 'desk'] as ViewportName[]).flatMap((viewport) =>
  [true, false].map((javaScript) => ({ viewport, javaScript })),
);

test.each(layouts)(
  'a strict-CSP Chinese page opens at the $viewport viewport (JavaScript $javaScript) and is screenshotted at that width',
  async ({ viewport, javaScript }) => {
    const context = await openContext(browser, { viewport, javaScript });
    try {
      const tab = await context.newPage();
      await tab.goto(site.url);
      await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('审批');
      await expect(tab.locator('html').getAttribute('data-js')).resolves.toBe(javaScript ? 'on' : null);
      const file = await screenshot(tab, `browser-kit-${javaScript ? 'js' : 'nojs'}`);
      expect(file).toMatch(
        new RegExp(`\\.reports/screenshots/browser-kit-(no)?js-${VIEWPORTS[viewport].width}\\.png$`),
      );
      expect(pngWidth(file)).toBe(VIEWPORTS[viewport].width);
    } finally {
      await context.close();
    }
  },
);

test.each(['phone', 'desk'] as ViewportName[])(
  'axe finds no serious or critical violation on the approval page at the %s viewport, its CSP intact',
  async (viewport) => {
    const context = await openContext(browser, { viewport });
    try {
      const tab = await context.newPage();
      await tab.goto(site.url);
      // The policy really is strict: an injected inline script is refused, so the kit cannot use one.
      await expect(tab.addScriptTag({ content: 'void 0' })).rejects.toThrow(/Content Security Policy/);
      expect(await seriousViolations(tab)).toEqual([]);
    } finally {
      await context.close();
    }
  },
);

test('with JavaScript off the form posts as plain HTML, in the reader’s language, and the server receives the choice', async () => {
  const context = await openNoJsContext(browser, { viewport: 'phone' });
  try {
    const tab = await context.newPage();
    await tab.goto(site.url);
    await tab.getByLabel('驳回').check();
    await tab.getByRole('button', { name: '提交' }).click();
    await tab.getByRole('heading', { name: '已提交' }).waitFor();
    expect(site.posts).toEqual([
      { body: 'decision=reject', acceptLanguage: expect.stringMatching(/^zh-CN\b/) as string },
    ]);
    await screenshot(tab, 'browser-kit-submitted-nojs');
  } finally {
    await context.close();
  }
});

test('axe reports an unlabelled input and an image without alt, so the check can fail', async () => {
  const context = await openContext(browser);
  try {
    const tab = await context.newPage();
    await tab.goto(`${site.url}/broken`);
    const violations = await seriousViolations(tab);
    expect(violations.map(({ rule, impact, targets }) => ({ rule, impact, targets }))).toEqual([
      { rule: 'image-alt', impact: 'critical', targets: ['img'] },
      { rule: 'label', impact: 'critical', targets: ['input'] },
    ]);
  } finally {
    await context.close();
  }
});

test('the axe check refuses a page without JavaScript instead of hanging on timers that never fire', async () => {
  const context = await openNoJsContext(browser);
  try {
    const tab = await context.newPage();
    await tab.goto(site.url);
    await expect(seriousViolations(tab)).rejects.toThrow('axe needs JavaScript');
  } finally {
    await context.close();
  }
});
