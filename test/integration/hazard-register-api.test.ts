import { randomUUID } from 'node:crypto';
import { HazardIncidentStarted, HazardList, HazardSummary } from '../../api/hazard-schemas';
import { IncidentAnswer } from '../../api/responses';
import { eventually } from '../helpers/eventually';
import { caller, startApiStack, type ApiStack } from '../helpers/api-stack';
import { schemaIssues } from '../helpers/schema-issues';

// P4 (温泉街道) 四(一): "各单位要根据工作开展情况，随时摸排舆情隐患，填写网络舆情隐患排查表（附件3）及时上报领导小组
// 办公室进行汇总". The register over HTTP on the real stack (dev server, worker, SQLite): entries reported,
// listed from the projection, resolved, turned into an incident, and shown on the office's board.

const OPERATOR_KEY = 'hazard-register-operator-0123456789';
const P4 = 'p4-wenquan-subdistrict';
const HOUR = 3_600_000;

let stack: ApiStack;
beforeAll(async () => {
  stack = await startApiStack('hazard-register', OPERATOR_KEY);
});
afterAll(async () => {
  await stack?.stop();
});

const operator = caller(() => stack.baseUrl, OPERATOR_KEY);
const anonymous = caller(() => stack.baseUrl, undefined);

const entry = (extra: object = {}) => ({
  section: '城建科',
  hazard: `温泉小镇施工噪音扰民 ${randomUUID()}`,
  offlineMeasure: '约谈施工单位，夜间停工',
  onlineMeasure: '网评员关注微博话题，按统一口径回复',
  resolveBy: new Date(Date.now() + 72 * HOUR).toISOString(),
  reporter: 'informant-sun',
  ...extra,
});

async function listed(id: string, status?: string) {
  const res = await operator('GET', `/api/hazards${status ? `?status=${status}` : ''}`);
  expect(res.status).toBe(200);
  expect(schemaIssues(HazardList, res.body)).toEqual([]);
  return (res.body as HazardList).items.find((h) => h.id === id);
}

describe('POST /api/hazards and GET /api/hazards', () => {
  test('an entry of 附件3 is registered (201), its reminder set a day ahead of its 解决时限, and listed once stored', async () => {
    const body = entry();
    const res = await operator('POST', '/api/hazards', body);
    expect(res.status).toBe(201);
    expect(schemaIssues(HazardSummary, res.body)).toEqual([]);
    const created = res.body as HazardSummary;
    expect(created).toMatchObject({
      planId: P4,
      section: '城建科',
      hazard: body.hazard,
      status: 'open',
      overdue: false,
      reportedBy: 'informant-sun',
      resolveBy: body.resolveBy,
    });
    expect(Date.parse(created.remindAt)).toBe(Date.parse(body.resolveBy) - 24 * HOUR);

    const row = await eventually(async () => {
      const found = await listed(created.id, 'active');
      expect(found).toBeDefined();
      return found!;
    });
    expect(row).toMatchObject({ status: 'open', offlineMeasure: body.offlineMeasure });
    expect(await listed(created.id, 'resolved')).toBeUndefined();
  });

  test.each([
    ['section', { section: '' }],
    ['hazard', { hazard: undefined }],
    ['resolveBy', { resolveBy: new Date(Date.now() - HOUR).toISOString() }],
    ['resolveBy', { resolveBy: '下周五' }],
    ['reporter', { reporter: undefined }],
    ['planId', { planId: 'p1-acheng-agriculture' }],
    ['colour', { colour: 'red' }],
  ])('bad input is 400 naming %s, and nothing is registered', async (field, change) => {
    const before = await stack.prisma.hazard.count();
    const res = await operator('POST', '/api/hazards', entry(change));
    expect(res.status).toBe(400);
    expect(res.body.error!.code).toBe('invalid-request');
    expect(res.body.error!.details.map((d) => d.path).join(' ') + res.body.error!.message).toContain(field);
    expect(await stack.prisma.hazard.count()).toBe(before);
  });

  test('without the API key: 401', async () => {
    expect((await anonymous('POST', '/api/hazards', entry())).status).toBe(401);
    expect((await anonymous('GET', '/api/hazards')).status).toBe(401);
  });

  test('an unknown list parameter is 400 naming it', async () => {
    const res = await operator('GET', '/api/hazards?colour=red');
    expect(res.status).toBe(400);
    expect(res.body.error!.details).toEqual([{ path: 'colour', issue: 'unknown query parameter' }]);
  });
});

describe('resolving an entry and turning one into an incident', () => {
  test('resolved: answered once stored, listed as resolved; a second resolve is 409 hazard-closed', async () => {
    const { body } = await operator('POST', '/api/hazards', entry());
    const id = body.id as string;
    const res = await operator('POST', `/api/hazards/${id}/resolve`, {
      by: 'section-head-zhao',
      note: '施工单位已整改',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'resolved',
      resolvedBy: 'section-head-zhao',
      resolution: '施工单位已整改',
    });
    await eventually(async () => expect((await listed(id, 'resolved'))?.status).toBe('resolved'));
    const again = await operator('POST', `/api/hazards/${id}/resolve`, { by: 'office-chen' });
    expect(again.status).toBe(409);
    expect(again.body.error!.code).toBe('hazard-closed');
    expect(again.body.error!.message).toContain('section-head-zhao');
  });

  test('an entry that breaks out starts a P4 incident through intake and closes as became-incident', async () => {
    const { body } = await operator('POST', '/api/hazards', entry());
    const id = body.id as string;
    const res = await operator('POST', `/api/hazards/${id}/incident`, { level: 'l3', by: 'office-chen' });
    expect(res.status).toBe(201);
    expect(schemaIssues(HazardIncidentStarted, res.body)).toEqual([]);
    const started = res.body as HazardIncidentStarted;
    expect(started.hazard).toMatchObject({ status: 'became-incident', incidentId: started.incident.id });
    expect(started.incident).toMatchObject({ planId: P4, level: 'l3' });

    const incident = await operator('GET', `/api/incidents/${started.incident.id}`);
    expect(incident.status).toBe(200);
    expect(schemaIssues(IncidentAnswer, incident.body)).toEqual([]);
    const answer = incident.body as IncidentAnswer;
    expect(answer.incident.title).toBe(`城建科：${body.hazard as string}`);
    expect(answer.incident.summary).toContain('线上管控措施及引导口径：网评员关注微博话题，按统一口径回复');
    expect(answer.incident.reporter).toBe('office-chen');

    await eventually(async () =>
      expect(await listed(id)).toMatchObject({ status: 'became-incident', incidentId: started.incident.id }),
    );
    const again = await operator('POST', `/api/hazards/${id}/incident`, { level: 'l3', by: 'office-chen' });
    expect(again.status).toBe(409);
    expect(again.body.error!.code).toBe('hazard-closed');
    expect(again.body.error!.message).toContain(started.incident.id);
    expect((await operator('POST', `/api/hazards/${id}/resolve`, { by: 'office-chen' })).status).toBe(409);
  });

  test('a level the plan does not have is 400 naming level, and the entry stays open', async () => {
    const { body } = await operator('POST', '/api/hazards', entry());
    const id = body.id as string;
    const res = await operator('POST', `/api/hazards/${id}/incident`, { level: 'l9', by: 'office-chen' });
    expect(res.status).toBe(400);
    expect(res.body.error!.details[0]!.path).toBe('level');
    await eventually(async () => expect((await listed(id, 'active'))?.status).toBe('open'));
  });

  test('an entry nobody reported is 404; a malformed id is 400', async () => {
    const unknown = await operator('POST', `/api/hazards/${randomUUID()}/resolve`, { by: 'office-chen' });
    expect(unknown.status).toBe(404);
    const malformed = await operator('POST', '/api/hazards/not-an-id/resolve', { by: 'office-chen' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error!.details[0]!.path).toBe('id');
  });
});

describe('the office board', () => {
  async function signIn(): Promise<string> {
    const res = await fetch(`${stack.baseUrl}/sign-in/key`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ key: OPERATOR_KEY, next: '/' }).toString(),
    });
    expect(res.status).toBe(303);
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  }
  const page = async (cookie: string, path: string) => {
    const res = await fetch(`${stack.baseUrl}${path}`, { redirect: 'manual', headers: { cookie } });
    expect(res.status).toBe(200);
    return res.text();
  };

  test('lists open entries with their section, hazard and deadline in Beijing time, the overdue one marked; the form reports one without script', async () => {
    const cookie = await signIn();
    // Reported through the page's own form, as a unit would with JavaScript off.
    const form = await page(cookie, '/hazards/new');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1]!;
    const hazard = `网传温泉水质不达标 ${randomUUID()}`;
    const posted = await fetch(`${stack.baseUrl}/hazards/new`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
      },
      body: new URLSearchParams({
        _csrf: csrf,
        section: '旅游办',
        hazard,
        offlineMeasure: '委托第三方检测',
        onlineMeasure: '发布检测结果',
        resolveBy: '2099-12-31T17:30',
      }).toString(),
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/#hazards');

    // One whose deadline passes in moments: the workflow records the breach and the board says so.
    const late = await operator(
      'POST',
      '/api/hazards',
      entry({ resolveBy: new Date(Date.now() + 2_000).toISOString() }),
    );
    expect(late.status).toBe(201);
    await eventually(
      async () => expect((await listed(late.body.id as string))?.status).toBe('overdue'),
      20_000,
    );

    const board = await eventually(async () => {
      const text = await page(cookie, '/');
      expect(text).toContain(hazard);
      return text;
    });
    expect(board).toContain('网络舆情隐患排查表');
    const row = (id: string) => new RegExp(`<tr data-hazard="${id}">[\\s\\S]*?</tr>`).exec(board)?.[0] ?? '';
    const fromForm = (await operator('GET', '/api/hazards?status=active')).body as HazardList;
    const formRow = row(fromForm.items.find((h) => h.hazard === hazard)!.id);
    expect(formRow).toContain('旅游办');
    expect(formRow).toContain('2099年12月31日 17:30');
    expect(formRow).toContain('class="countdown left"');
    const lateRow = row(late.body.id as string);
    // Marked in words and by the stylesheet's ⚠ on .late, not by colour alone.
    expect(lateRow).toContain('class="countdown late"');
    expect(lateRow).toContain('已超时');
    expect(lateRow).toContain('城建科');
  });

  test('a bad field in the form comes back as the page with what was typed and the field named', async () => {
    const cookie = await signIn();
    const form = await page(cookie, '/hazards/new');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1]!;
    const res = await fetch(`${stack.baseUrl}/hazards/new`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
      },
      body: new URLSearchParams({
        _csrf: csrf,
        section: '旅游办',
        hazard: '',
        resolveBy: '2099-12-31T17:30',
      }).toString(),
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).toContain('“舆情隐患内容”填写有误');
    expect(text).toContain('value="旅游办"');
  });
});
