import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Result as AxeResult, RunOptions as AxeRunOptions } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// The kit for page tests: Debian's Chromium (toolchain/setup.sh installs it; nothing is downloaded)
// driven by playwright-core, pinned to the release built for the same Chromium major.

// The binary itself, not the /usr/bin/chromium launcher script: the launcher adds desktop flags from
// /etc/chromium.d (extensions, GPU rasterization) and its /dev/shm check is itself a shell error on
// machines with two /dev/shm mounts; playwright passes the flags a test browser needs.
const CHROMIUM = '/usr/lib/chromium/chromium';

export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desk: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export const SCREENSHOTS = path.resolve(__dirname, '../../.reports/screenshots');

/** One per test file: starting Chromium costs about half a second, a context a few milliseconds. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: run bash toolchain/setup.sh (Debian's chromium package)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Chromium will not start its sandbox as root (containers, CI), so there and only there it runs
    // without; as any other user it sandboxes through user namespaces. playwright's default is no
    // sandbox for everyone, hence the explicit choice.
    chromiumSandbox: process.getuid?.() !== 0,
  });
}

export interface ContextOptions {
  viewport?: ViewportName;
  /** Off: what a reader without JavaScript gets, so pages must work as plain HTML forms. */
  javaScript?: boolean;
  /** Sets navigator.language and the Accept-Language header. */
  locale?: string;
  /** Sent with every request of the context: a bearer key for the pages that need one. */
  headers?: Record<string, string>;
}

// Which contexts run without JavaScript, so the axe check can refuse them instead of hanging.
const javaScriptOff = new WeakSet<BrowserContext>();

export async function openContext(
  browser: Browser,
  { viewport = 'desk', javaScript = true, locale = 'zh-CN', headers }: ContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    javaScriptEnabled: javaScript,
    locale,
    ...(headers ? { extraHTTPHeaders: headers } : {}),
  });
  if (!javaScript) javaScriptOff.add(context);
  return context;
}

export function openNoJsContext(
  browser: Browser,
  options: Omit<ContextOptions, 'javaScript'> = {},
): Promise<BrowserContext> {
  return openContext(browser, { ...options, javaScript: false });
}

/** Full-page PNG at .reports/screenshots/<name>-<viewport width>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const width = page.viewportSize()?.width ?? 0;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface Violation {
  rule: string;
  impact: AxeResult['impact'];
  help: string;
  /** CSS selectors of the offending elements, so a failing test names them. */
  targets: string[];
}

let axeSource: string | undefined;

/**
 * axe-core's serious and critical findings on the page as it stands; a test expects none.
 * Our pages send `default-src 'none'`, which blocks page.addScriptTag (an inline script), so axe's
 * source is evaluated through the DevTools protocol, which CSP does not govern: the page is checked
 * exactly as served, its policy intact (no bypassCSP context needed).
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  if (javaScriptOff.has(page.context())) {
    // axe schedules its work on timers, which never fire while scripts are disabled.
    throw new Error('axe needs JavaScript: check the page in a context with JavaScript on');
  }
  if (!(await page.evaluate(() => 'axe' in globalThis))) {
    axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
  }
  const options: AxeRunOptions = { resultTypes: ['violations'] };
  const violations = await page.evaluate(
    (runOptions) =>
      (globalThis as unknown as { axe: { run(o: AxeRunOptions): Promise<{ violations: AxeResult[] }> } }).axe
        .run(runOptions)
        .then((results) =>
          results.violations.map((v) => ({
            rule: v.id,
            impact: v.impact,
            help: v.help,
            targets: v.nodes.map((n) => n.target.join(' ')),
          })),
        ),
    options,
  );
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
