import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { signApprovalToken } from '../../links/approval-token';
import { caller, startApiStack, type ApiStack } from '../helpers/api-stack';
import {
  launchBrowser,
  openContext,
  openNoJsContext,
  screenshot,
  seriousViolations,
  type ViewportName,
} from '../helpers/browser';
import { linksReceivedBy, P1, personIn } from '../helpers/approval-fixtures';
import { eventually } from '../helpers/eventually';
import { startHttpReceiver, type HttpReceiver } from '../helpers/peers';

// The approver's whole path in a real browser (Debian's Chromium): the message a real webhook receiver
// got, the link in it, the page on a phone with JavaScript off, the decision, the next stage's approver
// receiving their own link, and the incident's state. Screenshots land in .reports/screenshots/.

const OPERATOR_KEY = 'approval-browser-operator-0123456789';

let stack: ApiStack;
let receiver: HttpReceiver;
let browser: Browser;
beforeAll(async () => {
  [stack, receiver, browser] = await Promise.all([
    startApiStack('approval-browser', OPERATOR_KEY),
    startHttpReceiver(),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await receiver?.close();
});

const operator = caller(() => stack.baseUrl, OPERATOR_KEY);

const personWithWebhook = (role: string, name: string) => personIn(operator, role, name, receiver.url);

/** The worker signs links for PUBLIC_URL; the test's API listens elsewhere, so the path is opened on it. */
const linksFor = (personId: string) => linksReceivedBy(receiver, personId).map((p) => `${stack.baseUrl}${p}`);

async function complete(id: string, stepId: string, role: string, note?: string) {
  const done = await operator('POST', `/api/incidents/${id}/steps/${stepId}/complete`, {
    actor: { id: `${role}-person`, role },
    ...(note ? { note, link: 'https://docs.example/statement' } : {}),
  });
  expect(done.status).toBe(200);
}

async function openPage(viewport: ViewportName, url: string, javaScript = false) {
  const context = javaScript
    ? await openContext(browser, { viewport })
    : await openNoJsContext(browser, { viewport });
  const page = await context.newPage();
  const response = await page.goto(url);
  return { page, status: response?.status(), close: () => context.close() };
}

/** What a person sees, as text: what the assertions read. */
const seen = (page: Page) => page.locator('main').innerText();

/** Both sizes of a page, and no serious accessibility finding on it (axe needs JavaScript on). */
async function picture(url: string, name: string) {
  for (const viewport of ['phone', 'desk'] as const) {
    const shown = await openPage(viewport, url, true);
    await screenshot(shown.page, name);
    expect(await seriousViolations(shown.page)).toEqual([]);
    await shown.close();
  }
}

describe('the approver in a real browser', () => {
  test('decides both stages from the links in their messages, on a phone, with JavaScript off', async () => {
    const first = await personWithWebhook('party-group', '李建国');
    const second = await personWithWebhook('higher-org', '王书记');
    const created = await operator('POST', '/api/incidents', {
      planId: P1,
      title: '网传某村土地流转费用未兑现 <script>alert(1)</script>',
      level: 'l3',
      reporter: 'monitor-wang',
    });
    const id = created.body.id as string;
    await complete(id, 'report-facts', 'monitor');
    await complete(id, 'consult', 'party-group');
    await complete(id, 'draft-statement', 'office', '通稿：经核实，土地流转费用已于11月20日全部兑付。');
    await eventually(() => expect(linksFor(first)).toHaveLength(1));
    const [firstLink] = linksFor(first);

    // The page, at both sizes, checked for accessibility; the title's markup shows as text.
    await picture(firstLink!, 'approval-page');
    const phone = await openPage('phone', firstLink!);
    expect(phone.status).toBe(200);
    const shown = await seen(phone.page);
    expect(shown).toContain('网传某村土地流转费用未兑现 <script>alert(1)</script>');
    expect(shown).toContain('第 1 级审批，共 2 级');
    expect(shown).toContain('经核实，土地流转费用已于11月20日全部兑付。');

    // Send it back without a comment: refused, then with one.
    await phone.page.getByRole('radio', { name: '退回（需填写意见）' }).check();
    await phone.page.getByRole('button', { name: '提交审批意见' }).click();
    expect(await seen(phone.page)).toContain('退回需要填写意见');
    await phone.page.getByRole('textbox', { name: '意见' }).fill('请补充兑付凭证');
    await phone.page.getByRole('button', { name: '提交审批意见' }).click();
    expect(await seen(phone.page)).toContain('已退回领导小组办公室（局机关工委）修改');
    await phone.close();

    // Reworked and submitted again: a new link for the new round; this time approved.
    await complete(id, 'draft-statement', 'office', '通稿（修改稿）：附兑付凭证。');
    await eventually(() => expect(linksFor(first)).toHaveLength(2));
    const again = await openPage('phone', linksFor(first)[1]!);
    // The same form open twice (a second tab, a double tap): the second submit arrives after the first.
    const twin = await openPage('phone', linksFor(first)[1]!);
    const secondRound = await seen(again.page);
    expect(secondRound).toMatch(/第 2 轮（上次于 .+ 退回）/);
    expect(secondRound).toContain('请补充兑付凭证');
    expect(secondRound).toContain('通稿（修改稿）：附兑付凭证。');
    await again.page.getByRole('radio', { name: '同意' }).check();
    await again.page.getByRole('textbox', { name: '意见' }).fill('同意发布');
    await again.page.getByRole('button', { name: '提交审批意见' }).click();
    expect(await seen(again.page)).toContain('已提交上级党组织审批');
    await screenshot(again.page, 'approval-result');
    await again.close();

    // Who decided and when, not an error; and the page reloaded shows the same.
    await twin.page.getByRole('radio', { name: '同意' }).check();
    await twin.page.getByRole('button', { name: '提交审批意见' }).click();
    expect(await seen(twin.page)).toMatch(/此级审批已由 李建国 于 .+ 作出：同意/);
    await twin.page.reload();
    expect(await seen(twin.page)).toMatch(/此级审批已由 李建国 于 .+ 作出：同意/);
    await twin.close();

    // The next stage's approver gets their own link and decides the last stage.
    await eventually(() => expect(linksFor(second)).toHaveLength(1));
    // This one decides at a desk, with JavaScript on: the result page is checked for accessibility too.
    const last = await openPage('desk', linksFor(second)[0]!, true);
    expect(await seen(last.page)).toContain('第 2 级审批，共 2 级');
    expect(await seen(last.page)).toContain('李建国');
    await last.page.getByRole('radio', { name: '同意' }).check();
    await last.page.getByRole('button', { name: '提交审批意见' }).click();
    expect(await seen(last.page)).toContain('审批已全部完成');
    await screenshot(last.page, 'approval-result');
    expect(await seriousViolations(last.page)).toEqual([]);
    await last.close();

    const state = await operator('GET', `/api/incidents/${id}`);
    expect((state.body.steps as Record<string, { status: string }>)['approve-statement']!.status).toBe(
      'done',
    );
    await picture(linksFor(first)[1]!, 'approval-decided');
  });

  test('an expired link is a page with status 410 that says to ask the office; a tampered one 401', async () => {
    const who = await personWithWebhook('party-group', '李建国');
    const token = signApprovalToken(stack.linkSecret, {
      incidentId: randomUUID(),
      stepId: 'approve-statement',
      stage: 0,
      personId: who,
      role: 'party-group',
      expiresAt: new Date(Date.now() - 60_000),
    });
    const expired = await openPage('phone', `${stack.baseUrl}/approve/${token}`);
    expect(expired.status).toBe(410);
    expect(await seen(expired.page)).toContain('请联系办公室重新发送审批链接');
    await expired.close();
    await picture(`${stack.baseUrl}/approve/${token}`, 'approval-expired');
    const tampered = await openPage('desk', `${stack.baseUrl}/approve/${token.slice(0, -3)}xyz`);
    expect(tampered.status).toBe(401);
    expect(await seen(tampered.page)).toContain('此审批链接无效');
    await tampered.close();
  });
});
