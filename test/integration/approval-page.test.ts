import type { ApprovalLink } from '../../links/approval-token';
import { caller, startApiStack, type ApiStack } from '../helpers/api-stack';
import { linksReceivedBy, p1AwaitingApproval, personIn, statementLink } from '../helpers/approval-fixtures';
import { eventually } from '../helpers/eventually';
import { startHttpReceiver, type HttpReceiver } from '../helpers/peers';

// The approver's page over plain HTTP: what each answer says and with which status and headers. The
// same flows run in a real browser in test/e2e/approval-page-browser.test.ts.

const OPERATOR_KEY = 'approval-page-operator-0123456789';

let stack: ApiStack;
let receiver: HttpReceiver;
beforeAll(async () => {
  stack = await startApiStack('approval-page', OPERATOR_KEY);
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

const operator = caller(() => stack.baseUrl, OPERATOR_KEY);

type Steps = Record<string, { status: string; stage?: number; decisions?: unknown[] }>;
const stepsOf = async (id: string) => (await operator('GET', `/api/incidents/${id}`)).body.steps as Steps;

const NOTE = '通稿：经核实，土地流转费用已于11月20日全部兑付。';
const awaitingApproval = (title?: string) =>
  p1AwaitingApproval(operator, { note: NOTE, ...(title ? { title } : {}) });
const person = (role: string, name: string) => personIn(operator, role, name);
const tokenFor = (incidentId: string, personId: string, extra: Partial<ApprovalLink> = {}) =>
  statementLink(stack.linkSecret, incidentId, personId, extra);

async function page(path: string, init: RequestInit = {}) {
  const res = await fetch(`${stack.baseUrl}${path}`, { redirect: 'manual', ...init });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const post = (token: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  page(`/approve/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.baseUrl, ...headers },
    body: new URLSearchParams(form).toString(),
  });

describe('the approval page over HTTP', () => {
  test('the office sends the link again: the approver gets a fresh one through their channel', async () => {
    const id = await personIn(operator, 'party-group', '李建国', receiver.url);
    const incidentId = await awaitingApproval();
    await eventually(() => expect(linksReceivedBy(receiver, id)).toHaveLength(1));
    const lead = (await operator('GET', `/api/incidents/${incidentId}`)).body.leadRole as string;
    const resent = await operator('POST', `/api/incidents/${incidentId}/steps/approve-statement/links`, {
      actor: { id: 'office-zhang', role: lead },
    });
    expect(resent).toMatchObject({ status: 200, body: { accepted: true, stepStatus: 'open' } });
    await eventually(() => expect(linksReceivedBy(receiver, id)).toHaveLength(2));
    // A second message (its own outbox key), not a repeat of the first that a receiver would drop. The
    // link in it may equal the first when both were signed within the same second (same expiry).
    const keys = receiver.deliveries
      .filter((d) => d.path === `/${id}` && 'link' in (JSON.parse(d.body) as object))
      .map((d) => d.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(2);
    const [first, fresh] = linksReceivedBy(receiver, id);
    for (const path of [first!, fresh!]) {
      const shown = await page(path);
      expect(shown.status).toBe(200);
      expect(shown.text).toContain('提交审批意见');
    }
    const notLead = await operator('POST', `/api/incidents/${incidentId}/steps/approve-statement/links`, {
      actor: { id: 'chen', role: 'office' },
    });
    expect(notLead).toMatchObject({ status: 409, body: { error: { code: 'wrong-role' } } });
  });

  test('shows what is decided, in Chinese first, with strict headers, and decides nothing on GET or HEAD', async () => {
    const id = await awaitingApproval();
    const token = tokenFor(id, await person('party-group', '李建国'));
    const shown = await page(`/approve/${token}`);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('<html lang="zh-CN">');
    for (const text of [
      '网传某村土地流转费用未兑现',
      '通稿审批',
      '第 1 级审批，共 2 级',
      '经核实，土地流转费用',
      '提交审批意见',
    ]) {
      expect(shown.text).toContain(text);
    }
    expect(shown.headers.get('cache-control')).toBe('no-store');
    expect(shown.headers.get('referrer-policy')).toBe('no-referrer');
    expect(shown.headers.get('x-robots-tag')).toContain('noindex');
    expect(shown.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(shown.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await page(`/approve/${token}`, { method: 'HEAD' })).status).toBe(200);
    const english = await page(`/approve/${token}?lang=en`);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('Stage 1 of 2');
    const byBrowser = await page(`/approve/${token}`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(byBrowser.text).toContain('<html lang="en">');
    expect((await stepsOf(id))['approve-statement']).toMatchObject({
      status: 'open',
      stage: 0,
      decisions: [],
    });
  });

  test('refuses a rejection without a comment, keeping what was typed, then takes it with one', async () => {
    const id = await awaitingApproval();
    const token = tokenFor(id, await person('party-group', '李建国'));
    const bare = await post(token, { decision: 'reject', comment: '   ' });
    expect(bare.status).toBe(422);
    expect(bare.text).toContain('退回需要填写意见');
    const none = await post(token, { comment: '我的意见<b>' });
    expect(none.status).toBe(422);
    expect(none.text).toContain('请选择');
    expect(none.text).toContain('我的意见&lt;b&gt;');
    const rejected = await post(token, { decision: 'reject', comment: '请补充兑付凭证' });
    expect(rejected.status).toBe(200);
    expect(rejected.text).toContain('已退回领导小组办公室（局机关工委）修改');
    expect((await stepsOf(id))['draft-statement']!.status).toBe('open');
    const state = await operator('GET', `/api/incidents/${id}`);
    const decided = (state.body.timeline as { type: string; data: Record<string, unknown> }[]).find(
      (e) => e.type === 'approval-decided',
    );
    expect(decided?.data).toMatchObject({ decision: 'reject', comment: '请补充兑付凭证' });
    // Decided through a link: from which address and browser, for the record.
    expect(decided?.data.via).toEqual({ address: expect.stringMatching(/\S/) as unknown, userAgent: 'node' });
  });

  test('an approval goes to the next stage; a second submit and a later visit say who decided and when', async () => {
    const id = await awaitingApproval();
    const token = tokenFor(id, await person('party-group', '李建国'));
    const approved = await post(token, { decision: 'approve', comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.text).toContain('已提交上级党组织审批');
    const again = await post(token, { decision: 'approve' });
    expect(again.status).toBe(200);
    expect(again.text).toContain('此级审批已由 李建国 于');
    expect((await page(`/approve/${token}`)).text).toContain('此级审批已由 李建国 于');
    const second = tokenFor(id, await person('higher-org', '王书记'), { stage: 1, role: 'higher-org' });
    const next = await page(`/approve/${second}`);
    expect(next.text).toContain('第 2 级审批，共 2 级');
    expect(next.text).toContain('李建国');
  });

  test('shows a title with markup as text', async () => {
    const id = await awaitingApproval('<script>alert(1)</script>网传');
    const token = tokenFor(id, await person('party-group', '李建国'));
    const shown = await page(`/approve/${token}`);
    expect(shown.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;网传');
    expect(shown.text).not.toContain('<script>');
  });

  test('answers an expired link 410, a tampered or unknown one 401, as pages that say what to do', async () => {
    const id = await awaitingApproval();
    const who = await person('party-group', '李建国');
    const expired = await page(`/approve/${tokenFor(id, who, { expiresAt: new Date(Date.now() - 1000) })}`);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('请联系办公室重新发送审批链接');
    const token = tokenFor(id, who);
    const tampered = await page(`/approve/${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`);
    expect(tampered.status).toBe(401);
    expect(tampered.text).toContain('此审批链接无效');
    expect((await page('/approve/not-a-token')).status).toBe(401);
    expect(tampered.headers.get('cache-control')).toBe('no-store');
  });

  test('refuses a decision posted from another site', async () => {
    const id = await awaitingApproval();
    const token = tokenFor(id, await person('party-group', '李建国'));
    const forged = await post(token, { decision: 'approve' }, { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    const crossSite = await post(token, { decision: 'approve' }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect((await stepsOf(id))['approve-statement']!.decisions).toEqual([]);
  });

  test('limits tries per link, and never writes the link to the log', async () => {
    const id = await awaitingApproval();
    const token = tokenFor(id, await person('party-group', '李建国'));
    const logged: string[] = [];
    const spies = (['log', 'error', 'warn', 'info'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      }),
    );
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i += 1) statuses.push((await post(token, { comment: `try ${i}` })).status);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(422));
      const refused = await post(token, { decision: 'approve' });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await stepsOf(id))['approve-statement']!.decisions).toEqual([]);
      await page(`/approve/${token}`);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(logged.filter((line) => line.includes(token))).toEqual([]);
  });

  test('serves its one stylesheet', async () => {
    const css = await page('/assets/style.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.text).toContain('Noto Sans CJK SC');
  });
});
