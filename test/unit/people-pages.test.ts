import { html, toText } from '../../api/pages/html';
import {
  emptyForm,
  formOf,
  newPersonFrom,
  personChangeFrom,
  readPersonForm,
} from '../../api/pages/people-form';
import {
  keyIssuedPage,
  newPersonPage,
  peopleListPage,
  personPage,
  rolesByPlan,
  testMessagePage,
  type PageContext,
} from '../../api/pages/people-pages';
import { loadCatalog } from '../../plans/catalog';
import type { PersonRecord } from '../../storage/people';

// The people pages as drawn from records: roles grouped per plan in the plan's own words, user text
// escaped, and no webhook secret or whole webhook URL anywhere but the person's own form.

const catalog = loadCatalog();
const P1 = 'p1-acheng-agriculture';
const P6 = 'p6-lixian-cyberspace';
const SECRET = 'dingtalk-signing-secret-0123456789';
const BOT_URL = 'https://oapi.dingtalk.example/robot/send?access_token=token-in-the-url-42';

const ctx: PageContext = {
  lang: 'zh',
  base: '/people',
  csrf: html`<input type="hidden" name="_csrf" value="t" />`,
};
const en: PageContext = { ...ctx, lang: 'en' };

function person(over: Partial<PersonRecord> = {}): PersonRecord {
  return {
    id: 'chen-jing',
    name: '陈静',
    phone: '+86 137 0451 0003',
    email: 'chen.jing@example.gov.cn',
    webhook: { url: BOT_URL, format: 'dingtalk' },
    hasWebhookSecret: true,
    active: true,
    roles: [
      { planId: P6, role: 'cac' },
      { planId: P1, role: 'office' },
      { planId: '*', role: 'monitor' },
      { planId: P1, role: 'party-group' },
    ],
    createdAt: new Date('2026-11-20T01:00:00Z'),
    updatedAt: new Date('2026-11-20T01:00:00Z'),
    ...over,
  };
}

const text = (h: ReturnType<typeof peopleListPage>) => toText(h);

describe('the people list', () => {
  test('groups each person’s roles per plan, every plan (*) first, in the plan’s own words', () => {
    const groups = rolesByPlan(catalog, person().roles);
    expect(groups.map((g) => g.planId)).toEqual(['*', P1, P6]);
    expect(groups[1]!.roles.map((r) => r.names.zh)).toEqual(['领导小组办公室（局机关工委）', '局党组']);
    expect(groups[0]!.roles[0]!.names.zh).toBe('舆情监控员');

    const page = text(peopleListPage(ctx, catalog, [person()], new Map([['chen-jing', 2]])));
    const p1At = page.indexOf('哈尔滨市阿城区农业农村局网络舆情事件应急处置预案');
    const p6At = page.indexOf('蠡县互联网舆情应急预案');
    expect(page.indexOf('所有预案（*）')).toBeLessThan(p1At);
    expect(p1At).toBeLessThan(page.indexOf('局党组'));
    expect(page.indexOf('局党组')).toBeLessThan(p6At);
    expect(page.indexOf('县网信办')).toBeGreaterThan(p6At);
    expect(page).toContain('2 个有效');
    expect(page).toContain('钉钉');
  });

  test('a role of a plan no longer in the catalog is still shown, under its plan id', () => {
    const groups = rolesByPlan(catalog, [{ planId: 'p9-gone', role: 'clerk' }]);
    expect(groups).toEqual([
      { planId: 'p9-gone', plan: undefined, roles: [{ id: 'clerk', names: { zh: 'clerk', en: 'clerk' } }] },
    ]);
    expect(
      text(
        peopleListPage(en, catalog, [person({ roles: [{ planId: 'p9-gone', role: 'clerk' }] })], new Map()),
      ),
    ).toContain('Plan p9-gone (no longer listed)');
  });

  test('escapes a name that is markup', () => {
    const page = text(
      peopleListPage(ctx, catalog, [person({ name: '<script>alert(1)</script>' })], new Map()),
    );
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('shows a webhook by its format and host, never its secret or its URL with the token', () => {
    const page = text(peopleListPage(ctx, catalog, [person()], new Map()));
    expect(page).toContain('oapi.dingtalk.example');
    expect(page).not.toContain('token-in-the-url-42');
    expect(page).not.toContain(SECRET);
  });

  test('says when a person cannot be reached and has no roles', () => {
    const page = text(
      peopleListPage(
        ctx,
        catalog,
        [person({ email: null, phone: null, webhook: null, roles: [] })],
        new Map(),
      ),
    );
    expect(page).toContain('无联系方式');
    expect(page).toContain('未分配角色');
    expect(page).toContain('0 个有效');
  });
});

describe('the person form', () => {
  const pageFor = (p: PersonRecord, values = formOf(p)) =>
    toText(personPage(ctx, catalog, { person: p, values, problems: [], keys: [] }));

  test('ticks the roles held, per plan and for every plan, and opens only the plans with one ticked', () => {
    const page = pageFor(person());
    expect(page).toMatch(/value="p1-acheng-agriculture\/office"\s+checked/);
    expect(page).toMatch(/value="\*\/monitor"\s+checked/);
    expect(page).not.toMatch(/value="p1-acheng-agriculture\/monitor"\s+checked/);
    expect(page.match(/<details\s+open/g)).toHaveLength(3);
  });

  test('never draws the webhook secret, even when the form comes back with one typed', () => {
    const { values } = readPersonForm({
      name: '陈静',
      email: 'not-an-address',
      webhookUrl: BOT_URL,
      webhookFormat: 'dingtalk',
      webhookSecret: SECRET,
      active: 'on',
    });
    const checked = personChangeFrom(values, SECRET, catalog);
    expect(checked).toMatchObject({ ok: false, problems: [{ field: 'email', problem: 'email' }] });
    const problems = checked.ok ? [] : checked.problems;
    const page = toText(personPage(ctx, catalog, { person: person(), values, problems, keys: [] }));
    expect(page).not.toContain(SECRET);
    expect(page).toContain('value="not-an-address"');
    expect(page).toContain('电子邮箱：格式不正确');
    expect(page).toContain('刚才填写的密钥没有保存');
    expect(page).toMatch(/id="f-email"[^>]*aria-invalid="true"/);
  });

  test('says a secret is set and is kept when left empty', () => {
    expect(pageFor(person())).toContain('已设置。留空则保持不变');
    expect(pageFor(person({ hasWebhookSecret: false }))).toContain('未设置');
  });

  test('asks for the id only when adding, and every form carries the CSRF field', () => {
    const adding = toText(newPersonPage(ctx, catalog, emptyForm(), []));
    expect(adding).toContain('name="id"');
    expect(adding.match(/name="_csrf"/g)).toHaveLength(1);
    const editing = pageFor(person());
    expect(editing).not.toContain('name="id"');
    // The person form, the key form, the revoke form of the one key and the test message.
    const withKey = toText(
      personPage(ctx, catalog, {
        person: person(),
        values: formOf(person()),
        problems: [],
        keys: [{ id: 'abcdef012345', label: '手机', createdAt: new Date(), revokedAt: null }],
      }),
    );
    expect(withKey.match(/name="_csrf"/g)).toHaveLength(4);
    expect(editing.match(/name="_csrf"/g)).toHaveLength(3);
  });

  test('escapes a name that is markup in the title and the form', () => {
    const page = pageFor(person({ name: '<script>x</script>' }));
    expect(page).not.toContain('<script>');
    expect(page).toContain('value="&lt;script&gt;x&lt;/script&gt;"');
  });
});

describe('reading the form', () => {
  test('takes a new person with roles as the people API would', () => {
    const { values, secret } = readPersonForm({
      id: 'wang-li',
      name: ' 王立 ',
      email: 'wang.li@example.gov.cn',
      webhookUrl: '',
      webhookFormat: 'json',
      webhookSecret: '',
      roles: [`${P1}/monitor`, '*/office'],
    });
    expect(newPersonFrom(values, secret, catalog)).toEqual({
      ok: true,
      value: {
        id: 'wang-li',
        name: '王立',
        email: 'wang.li@example.gov.cn',
        roles: [
          { planId: P1, role: 'monitor' },
          { planId: '*', role: 'office' },
        ],
      },
    });
  });

  test('names each field that is wrong, in the order of the form', () => {
    const { values, secret } = readPersonForm({
      id: 'Wang Li',
      name: '',
      phone: 'call me',
      webhookSecret: 'short',
      roles: `${P1}/no-such-role`,
    });
    const checked = newPersonFrom(values, secret, catalog);
    expect(checked.ok ? [] : checked.problems.map((p) => p.problem)).toEqual([
      'id',
      'name',
      'phone',
      'secretWithoutUrl',
      'roles',
    ]);
    const secretTooShort = newPersonFrom(
      { ...emptyForm(), id: 'wang', name: '王', webhookUrl: 'https://hooks.example/x' },
      'short',
      catalog,
    );
    expect(secretTooShort).toMatchObject({ ok: false, problems: [{ field: 'webhookSecret' }] });
    expect(newPersonFrom({ ...emptyForm(), id: 'new', name: '王' }, '', catalog)).toMatchObject({
      ok: false,
      problems: [{ problem: 'idReserved' }],
    });
  });

  test('a change keeps the secret unless one is typed or its removal is ticked', () => {
    const base = { ...formOf(person()), webhookUrl: BOT_URL };
    const kept = personChangeFrom(base, '', catalog);
    expect(kept).toMatchObject({ ok: true, value: { patch: { keepWebhookSecret: true } } });
    const replaced = personChangeFrom(base, SECRET, catalog);
    expect(replaced).toMatchObject({ ok: true, value: { patch: { webhook: { secret: SECRET } } } });
    const cleared = personChangeFrom({ ...base, clearSecret: true }, '', catalog);
    expect(cleared).toMatchObject({ ok: true, value: { patch: { keepWebhookSecret: false } } });
    const unticked = readPersonForm({ name: '陈静' }).values;
    expect(personChangeFrom(unticked, '', catalog)).toMatchObject({
      ok: true,
      value: { patch: { active: false, webhook: null, email: null, phone: null }, roles: [] },
    });
  });
});

describe('the key and the test message', () => {
  test('the new key is shown once with the warning to copy it now', () => {
    const page = toText(
      keyIssuedPage(ctx, person(), {
        key: 'pk_secret-key-value',
        id: 'abc',
        label: '手机',
        createdAt: new Date(),
      }),
    );
    expect(page.match(/pk_secret-key-value/g)).toHaveLength(1);
    expect(page).toContain('此密钥只显示这一次');
  });

  test('the outcome names each channel and what became of the message there', () => {
    const sent = toText(
      testMessagePage(ctx, person(), {
        kind: 'sent',
        sent: [{ channel: 'webhook', recipient: 'oapi.dingtalk.example' }],
      }),
    );
    expect(sent).toContain('测试消息已送出');
    expect(sent).toContain('oapi.dingtalk.example');
    // The person has an address, but the worker sent no mail: the page says why.
    expect(sent).toContain('服务未配置邮件发送');
    const failed = toText(
      testMessagePage(ctx, person(), {
        kind: 'failed',
        failures: [
          {
            channel: 'webhook',
            role: '',
            personId: 'chen-jing',
            recipient: 'oapi.dingtalk.example',
            reason: 'answered HTTP 403',
            retryable: false,
            status: 403,
          },
        ],
      }),
    );
    expect(failed).toContain('未能送出测试消息');
    expect(failed).toContain('answered HTTP 403');
    expect(failed).not.toContain('token-in-the-url-42');
    expect(toText(testMessagePage(en, person(), { kind: 'no-channel' }))).toContain(
      'no channel the service can use',
    );
    expect(toText(testMessagePage(en, person(), { kind: 'inactive' }))).toContain('is inactive');
    expect(toText(testMessagePage(en, person(), { kind: 'pending' }))).toContain('keeps trying');
  });
});
