import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { exited } from '../../scripts/temporal-dev-server';
import { launchBrowser, openContext, screenshot, seriousViolations } from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { freePort } from '../helpers/free-port';
import { startHttpReceiver, type HttpReceiver } from '../helpers/peers';
import { killGroup, startBuiltGroup, waitForLog, type RunningProcess } from '../helpers/processes';

// What the README promises a newcomer: `npm start`, then a whole P6 (澧县网信办) Ⅰ级 incident run from the
// browser alone, from adding the people to reading the review. The service is the real one as `npm start`
// runs it (dev server, worker and API as processes); four browser contexts are four people at their own
// screens: the operator who adds the others, 李 of the county cyberspace office (cac, the lead at Ⅰ),
// 赵 of the joint meeting who is also an informant, and 孙 of the unit involved. Each signs in with the
// one-time link sent to their own webhook and uses only the forms their roles give them.

const P6 = 'p6-lixian-cyberspace';

let service: RunningProcess;
let dataDir: string;
let baseUrl: string;
let browser: Browser;
let peer: HttpReceiver;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'p6-walkthrough-'));
  const ports = new Set<number>();
  while (ports.size < 3) ports.add(await freePort());
  const [api, temporal, ui] = [...ports] as [number, number, number];
  baseUrl = `http://127.0.0.1:${api}`;
  [browser, peer] = await Promise.all([launchBrowser(), startHttpReceiver()]);
  service = startBuiltGroup(
    'scripts/start.js',
    {
      DATA_DIR: dataDir,
      PORT: String(api),
      TEMPORAL_PORT: String(temporal),
      TEMPORAL_UI_PORT: String(ui),
      PUBLIC_URL: baseUrl,
      API_KEYS: '',
      TEMPORAL_ADDRESS: '',
      DATABASE_URL: '',
    },
    path.join(dataDir, 'start.log'),
  );
  await waitForLog(service, 'Stop           Ctrl-C', 90_000);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await peer?.close();
  if (service?.child.pid) {
    service.child.kill('SIGINT');
    const stopped = exited(service.child);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([stopped, new Promise((r) => (timer = setTimeout(r, 20_000)))]);
    clearTimeout(timer);
    killGroup(service.child.pid);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** The operator key `npm start` printed in its banner. */
function bannerKey(): string {
  const key = /^ {2}API key {8}(ik_\S+)/m.exec(service.log())?.[1];
  if (!key) throw new Error(`no API key in the banner:\n${service.log()}`);
  return key;
}

async function person(): Promise<Page> {
  const context = await openContext(browser);
  contexts.push(context);
  return context.newPage();
}

/** The operator adds a person with a JSON webhook at the local peer and roles of P6. */
async function addPerson(page: Page, id: string, name: string, roles: string[]): Promise<void> {
  await page.goto(`${baseUrl}/people/new`);
  await page.fill('#f-id', id);
  await page.fill('#f-name', name);
  await page.fill('#f-webhookUrl', `${peer.url}/${id}`);
  await page.selectOption('#f-webhookFormat', 'json');
  await page.click(`details:has(input[value="${P6}/${roles[0]}"]) summary`);
  for (const role of roles) await page.check(`input[name=roles][value="${P6}/${role}"]`);
  await page.click('form.person-form button[type=submit]');
  expect(new URL(page.url()).pathname).toBe(`/people/${id}`);
}

/** Signs `page` in as `id` with the one-time link sent to their webhook. */
async function signInByLink(page: Page, id: string): Promise<void> {
  const sent = () => peer.deliveries.filter((d) => d.path === `/${id}` && d.body.includes('/sign-in/link/'));
  const before = sent().length;
  await page.goto(`${baseUrl}/sign-in`);
  await page.fill('#who', id);
  await page.click('#by-link ~ p ~ form button[type=submit]');
  const link = await eventually(() => {
    expect(sent().length).toBeGreaterThan(before);
    return (JSON.parse(sent().at(-1)!.body) as { link: string }).link;
  }, 30_000);
  await page.goto(`${baseUrl}${new URL(link).pathname}`);
  await page.click('form button[type=submit]');
  expect(new URL(page.url()).pathname).toBe('/');
}

const incidentPage = (page: Page, id: string) => page.goto(`${baseUrl}/incidents/${id}`);

/** The form of `input` for `stepId` on the incident page, once the workflow offers it to this person. */
async function formFor(page: Page, id: string, input: string, stepId?: string) {
  const form = page.locator(`form[action$="/do/${input}"]`, {
    ...(stepId ? { has: page.locator(`input[name=stepId][value="${stepId}"]`) } : {}),
  });
  await eventually(async () => {
    await incidentPage(page, id);
    expect(await form.count()).toBe(1);
  }, 30_000);
  return form;
}

/** Completes a step from its form, with a note, and reads the page's verdict. */
async function complete(page: Page, id: string, stepId: string, note: string): Promise<void> {
  const form = await formFor(page, id, 'completeStep', stepId);
  await form.locator('textarea[name=note]').fill(note);
  await form.locator('button[type=submit]').click();
  expect(await page.textContent('.flash')).toContain('已办理');
}

test('a newcomer runs a whole P6 Ⅰ incident from the browser alone: three people, intake to review', async () => {
  // The operator signs in with the key from the banner and adds the three people.
  const operator = await person();
  await operator.goto(`${baseUrl}/`);
  await operator.fill('#key', bannerKey());
  await operator.click('#by-key ~ form button[type=submit]');
  await addPerson(operator, 'li', '李网信', ['cac']);
  await addPerson(operator, 'zhao', '赵联席', ['joint-meeting', 'informants']);
  await addPerson(operator, 'sun', '孙单位', ['involved-unit']);

  const [li, zhao, sun] = [await person(), await person(), await person()];
  await signInByLink(li, 'li');
  await signInByLink(zhao, 'zhao');
  await signInByLink(sun, 'sun');

  // 李 files the incident at Ⅰ级 from the intake form.
  await li.goto(`${baseUrl}/incidents/new`);
  await li.selectOption('#planId', P6);
  await li.fill('#title', '网传澧县某乡镇强拆视频');
  await li.fill('#summary', '抖音视频转发量两小时过万');
  await li.selectOption('#level', `${P6}:l1`);
  await li.click('form.stack > button[type=submit]');
  const id = /^\/incidents\/([0-9a-f-]{36})$/.exec(new URL(li.url()).pathname)?.[1];
  expect(id).toBeDefined();
  const incident = id!;

  // Everyone's board shows it.
  await eventually(async () => {
    await sun.goto(`${baseUrl}/`);
    expect(await sun.locator(`tr[data-incident="${incident}"]`).count()).toBe(1);
  }, 30_000);

  // The first hour: each does their own steps; nobody is offered another's.
  await complete(li, incident, 'discover-and-report', '已报部领导和县委网信领导小组，建议定为Ⅰ级');
  await complete(li, incident, 'staff-at-post', '全员到岗，监测指挥系统已启动');
  await complete(zhao, incident, 'members-arrive', '联席会议成员已到县网信办');
  await complete(zhao, incident, 'informants-online', '信息员、评论员已上线');
  await incidentPage(sun, incident);
  expect(await sun.locator('form[action$="/do/completeStep"]').count()).toBe(0);
  await complete(li, incident, 'report-province-city', '已报省、市网信办，统一口径');
  await complete(zhao, incident, 'hold-joint-meeting', '会议确定由涉事单位发布情况通报');

  // The release: drafted by the unit, approved by the cyberspace office, then published and amplified.
  await complete(sun, incident, 'draft-release', '情况通报（草稿）：经核查，视频系旧闻拼接。');
  const decide = await formFor(li, incident, 'decideApproval', 'approve-release');
  await decide.locator('input[type=radio][value=approve]').check();
  await decide.locator('button[type=submit]').click();
  expect(await li.textContent('.flash')).toContain('已办理');
  await complete(sun, incident, 'publish-release', '已在官方微博发布情况通报');
  await complete(li, incident, 'positive-publicity', '已转发权威稿件');
  await complete(zhao, incident, 'commentary', '评论文章已在三家网站刊发');

  // The incident subsides; the lead writes the after-action review on its form.
  const subside = await formFor(li, incident, 'subside');
  await subside.locator('button[type=submit]').click();
  expect(await li.textContent('.flash')).toContain('已办理');
  const review = await formFor(li, incident, 'submitReview', 'summary-evaluation');
  for (const field of await review.locator('textarea[name^="answers."]').all()) {
    await field.fill('见会议纪要');
  }
  await review.locator('button[type=submit]').click();
  expect(await li.textContent('.flash')).toContain('已办理');
  await incidentPage(li, incident);
  await screenshot(li, 'walkthrough-p6-incident');
  await li.setViewportSize({ width: 360, height: 780 });
  await screenshot(li, 'walkthrough-p6-incident');
  await li.setViewportSize({ width: 1280, height: 900 });
  expect(await seriousViolations(li)).toEqual([]);

  // Every step is done or skipped, and nothing was late in this run.
  const steps = await li.locator('tr[data-step]').all();
  expect(steps.length).toBeGreaterThan(10);
  for (const row of steps) expect(await row.textContent()).toMatch(/已完成|已跳过|不适用/);

  // The reviewer replays the incident's workflow history for the after-action review.
  await li.goto(`${baseUrl}/incidents/${incident}/review`);
  const reviewText = await li.textContent('main');
  expect(reviewText).toContain('经当前代码重放，结果一致');
  expect(reviewText).not.toContain('结果不一致');
  await screenshot(li, 'walkthrough-p6-review');
});
