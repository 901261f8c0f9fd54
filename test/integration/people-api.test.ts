import { randomUUID } from 'node:crypto';
import { ApiKeyList, IssuedApiKey, Me, Person, PersonList } from '../../api/responses';
import { caller, startApiStack, type ApiStack } from '../helpers/api-stack';
import { schemaIssues } from '../helpers/schema-issues';

// People, roles and person keys through HTTP on the real stack, and what a person's key may do on an
// incident: act as its owner, in a role the owner holds for the incident's plan.

const OPERATOR_KEY = 'people-api-operator-0123456789';
const P1 = 'p1-acheng-agriculture';

let stack: ApiStack;
beforeAll(async () => {
  stack = await startApiStack('people-api', OPERATOR_KEY);
});
afterAll(async () => {
  await stack?.stop();
});

const operator = caller(() => stack.baseUrl, OPERATOR_KEY);
const withKey = (key: string) => caller(() => stack.baseUrl, key);
const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A person created by the operator, with roles and a key of their own. */
async function personWithKey(roles: { planId: string; role: string }[]) {
  const id = unique('person');
  const created = await operator('POST', '/api/people', { id, name: '测试人员', roles });
  expect(created.status).toBe(201);
  const issued = await operator('POST', `/api/people/${id}/api-keys`, { label: 'test' });
  expect(issued.status).toBe(201);
  expect(schemaIssues(IssuedApiKey, issued.body)).toEqual([]);
  return {
    id,
    key: issued.body.key as string,
    keyId: issued.body.id as string,
    api: withKey(issued.body.key as string),
  };
}

async function newIncident(): Promise<string> {
  const created = await operator('POST', '/api/incidents', {
    planId: P1,
    title: '网传某村土地流转费用未兑现',
    level: 'l3',
    reporter: 'monitor-wang',
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

describe('people API', () => {
  test('an operator creates, reads, changes, lists and deletes a person; the webhook secret never comes back', async () => {
    const id = unique('chen-jing');
    const secret = 'dingtalk-bot-secret-0123456789';
    const created = await operator('POST', '/api/people', {
      id,
      name: '陈静',
      phone: '+86 137 0451 0003',
      email: 'chen.jing@example.gov.cn',
      webhook: { url: 'https://oapi.dingtalk.example/robot/send', format: 'dingtalk', secret },
      roles: [{ planId: P1, role: 'office' }],
    });
    expect(created).toMatchObject({
      status: 201,
      body: {
        id,
        name: '陈静',
        webhook: { url: 'https://oapi.dingtalk.example/robot/send', format: 'dingtalk' },
        hasWebhookSecret: true,
        active: true,
        roles: [{ planId: P1, role: 'office' }],
      },
    });
    expect(JSON.stringify(created.body)).not.toContain(secret);
    expect(schemaIssues(Person, created.body)).toEqual([]);

    const again = await operator('POST', '/api/people', { id, name: '另一个陈静' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'person-exists' } } });
    expect(again.body.error?.details[0]?.path).toBe('id');

    const patched = await operator('PATCH', `/api/people/${id}`, { phone: null, name: '陈静（办公室）' });
    expect(patched).toMatchObject({
      status: 200,
      body: { name: '陈静（办公室）', phone: null, hasWebhookSecret: true },
    });
    expect(schemaIssues(Person, patched.body)).toEqual([]);
    const read = await operator('GET', `/api/people/${id}`);
    expect(read.body).toEqual(patched.body);
    const listed = await operator('GET', '/api/people');
    expect(listed.body.items).toContainEqual(patched.body);
    expect(schemaIssues(PersonList, listed.body)).toEqual([]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const cleared = await operator('PATCH', `/api/people/${id}`, { webhook: null });
    expect(cleared.body).toMatchObject({ webhook: null, hasWebhookSecret: false });
    expect(schemaIssues(Person, cleared.body)).toEqual([]);

    expect((await operator('DELETE', `/api/people/${id}`)).status).toBe(204);
    expect((await operator('GET', `/api/people/${id}`)).status).toBe(404);
    expect((await operator('DELETE', `/api/people/${id}`)).status).toBe(404);
    expect((await operator('PATCH', `/api/people/${id}`, { name: 'x' })).status).toBe(404);
  });

  test('refuses bad people with 400 naming the field', async () => {
    const badId = await operator('POST', '/api/people', { id: 'Not A Slug', name: '王芳' });
    expect(badId).toMatchObject({ status: 400, body: { error: { code: 'invalid-request' } } });
    expect(badId.body.error?.details[0]?.path).toBe('id');
    const badFormat = await operator('POST', '/api/people', {
      id: unique('wang'),
      name: '王芳',
      webhook: { url: 'https://hooks.example/x', format: 'slack' },
    });
    expect(badFormat.body.error?.details[0]?.path).toBe('webhook.format');
    const emptyPatch = await operator('PATCH', `/api/people/${unique('wang')}`, {});
    expect(emptyPatch.status).toBe(400);
    const unknownField = await operator('PATCH', `/api/people/${unique('wang')}`, { webhookSecret: 'x' });
    expect(unknownField.body.error?.details[0]?.issue).toContain('webhookSecret');
  });

  test('replaces a person’s roles, each checked against the plan catalog, and changes nothing when one is wrong', async () => {
    const id = unique('li');
    await operator('POST', '/api/people', {
      id,
      name: '李建国',
      roles: [{ planId: P1, role: 'party-group' }],
    });

    const replaced = await operator('PUT', `/api/people/${id}/roles`, {
      roles: [
        { planId: '*', role: 'monitor' },
        { planId: 'p2-hrss-bureau', role: 'spokesperson' },
      ],
    });
    expect(replaced).toMatchObject({
      status: 200,
      body: {
        roles: [
          { planId: '*', role: 'monitor' },
          { planId: 'p2-hrss-bureau', role: 'spokesperson' },
        ],
      },
    });
    expect(schemaIssues(Person, replaced.body)).toEqual([]);

    const unknownRole = await operator('PUT', `/api/people/${id}/roles`, {
      roles: [
        { planId: P1, role: 'office' },
        { planId: P1, role: 'mayor' },
      ],
    });
    expect(unknownRole).toMatchObject({ status: 400, body: { error: { code: 'invalid-request' } } });
    expect(unknownRole.body.error?.details).toEqual([
      { path: 'roles.1.role', issue: expect.stringContaining('has no role "mayor"') as string },
    ]);
    const unknownPlan = await operator('PUT', `/api/people/${id}/roles`, {
      roles: [{ planId: 'p9', role: 'office' }],
    });
    expect(unknownPlan.body.error?.details[0]?.path).toBe('roles.0.planId');
    const nowhere = await operator('PUT', `/api/people/${id}/roles`, {
      roles: [{ planId: '*', role: 'astronaut' }],
    });
    expect(nowhere.body.error?.details[0]?.path).toBe('roles.0.role');
    expect((await operator('GET', `/api/people/${id}`)).body.roles).toEqual(replaced.body.roles);

    const createdWrong = await operator('POST', '/api/people', {
      id: unique('zhao'),
      name: '赵敏',
      roles: [{ planId: P1, role: 'chief' }],
    });
    expect(createdWrong.body.error?.details[0]?.path).toBe('roles.0.role');
    expect((await operator('PUT', `/api/people/${unique('nobody')}/roles`, { roles: [] })).status).toBe(404);
  });

  test('issues a key shown once, keeps only its hash, lists it and revokes it', async () => {
    const person = await personWithKey([{ planId: P1, role: 'office' }]);
    expect(person.key).toMatch(/^pk_/);
    const stored = await stack.prisma.apiKey.findMany({ where: { personId: person.id } });
    expect(JSON.stringify(stored)).not.toContain(person.key);

    const me = await person.api('GET', '/api/me');
    expect(me).toMatchObject({
      status: 200,
      body: {
        kind: 'person',
        keyId: person.keyId,
        person: { id: person.id },
        roles: [{ planId: P1, role: 'office' }],
      },
    });
    expect(schemaIssues(Me, me.body)).toEqual([]);

    const keys = await operator('GET', `/api/people/${person.id}/api-keys`);
    expect(keys.body.items).toEqual([
      { id: person.keyId, label: 'test', createdAt: expect.any(String) as string, revokedAt: null },
    ]);
    expect(JSON.stringify(keys.body)).not.toContain(person.key);
    expect(schemaIssues(ApiKeyList, keys.body)).toEqual([]);

    expect((await operator('DELETE', `/api/people/${person.id}/api-keys/${person.keyId}`)).status).toBe(204);
    const revoked = await operator('GET', `/api/people/${person.id}/api-keys`);
    expect(revoked.body.items).toEqual([
      expect.objectContaining({ revokedAt: expect.any(String) as string }),
    ]);
    expect(schemaIssues(ApiKeyList, revoked.body)).toEqual([]);
    expect((await operator('DELETE', `/api/people/${person.id}/api-keys/${person.keyId}`)).status).toBe(404);
    expect(await person.api('GET', '/api/me')).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized' } },
    });
    expect((await operator('POST', `/api/people/${unique('nobody')}/api-keys`, { label: 'x' })).status).toBe(
      404,
    );
  });

  test('tells an operator key that it is one', async () => {
    const me = await operator('GET', '/api/me');
    expect(me).toMatchObject({
      status: 200,
      body: { kind: 'operator', person: null, roles: [] },
    });
    expect(schemaIssues(Me, me.body)).toEqual([]);
  });

  test('a person key may not manage people (403), and stops working when its person is deactivated', async () => {
    const person = await personWithKey([{ planId: P1, role: 'office' }]);
    for (const [method, url, body] of [
      ['GET', '/api/people', undefined],
      ['POST', '/api/people', { id: unique('x'), name: 'x' }],
      ['PUT', `/api/people/${person.id}/roles`, { roles: [{ planId: '*', role: 'office' }] }],
      ['POST', `/api/people/${person.id}/api-keys`, { label: 'another' }],
    ] as const) {
      const refused = await person.api(method, url, body);
      expect(refused).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    }
    await operator('PATCH', `/api/people/${person.id}`, { active: false });
    expect((await person.api('GET', '/api/me')).status).toBe(401);
  });
});

describe('the acting person on human inputs', () => {
  test('a person key acts as its owner, and the timeline records the person', async () => {
    const monitor = await personWithKey([{ planId: P1, role: 'monitor' }]);
    const id = await newIncident();
    const done = await monitor.api('POST', `/api/incidents/${id}/steps/report-facts/complete`, {
      actor: { role: 'monitor' },
      note: '已电话上报',
    });
    expect(done).toMatchObject({ status: 200, body: { accepted: true, stepStatus: 'done' } });

    const state = await operator('GET', `/api/incidents/${id}`);
    const timeline = state.body.timeline as { type: string; stepId?: string; actor?: string }[];
    expect(timeline).toContainEqual(
      expect.objectContaining({ type: 'step-done', stepId: 'report-facts', actor: monitor.id }),
    );
    // Stored before the answer came back.
    const row = await stack.prisma.timelineEvent.findFirstOrThrow({
      where: { incidentId: id, type: 'step-done', stepId: 'report-facts' },
    });
    expect(row.actor).toBe(monitor.id);
  });

  test('a person may name themselves, but naming someone else is 403 actor-mismatch', async () => {
    const monitor = await personWithKey([{ planId: P1, role: 'monitor' }]);
    const id = await newIncident();
    const other = await monitor.api('POST', `/api/incidents/${id}/steps/report-facts/complete`, {
      actor: { id: 'wang', role: 'monitor' },
    });
    expect(other).toMatchObject({ status: 403, body: { error: { code: 'actor-mismatch' } } });
    expect(other.body.error?.details[0]?.path).toBe('actor.id');
    const self = await monitor.api('POST', `/api/incidents/${id}/steps/report-facts/complete`, {
      actor: { id: monitor.id, role: 'monitor' },
    });
    expect(self.status).toBe(200);
  });

  test('a role not assigned to the person for this plan is 403 role-not-assigned, and the workflow never hears of it', async () => {
    const person = await personWithKey([
      { planId: P1, role: 'monitor' },
      { planId: 'p2-hrss-bureau', role: 'office' },
    ]);
    const id = await newIncident();
    for (const role of ['party-group', 'office']) {
      const refused = await person.api('POST', `/api/incidents/${id}/close`, {
        actor: { role },
        reason: '不实信息',
      });
      expect(refused).toMatchObject({ status: 403, body: { error: { code: 'role-not-assigned' } } });
      expect(refused.body.error?.message).toContain(P1);
    }
    const after = await operator('GET', `/api/incidents/${id}`);
    expect(after.body.status).toBe('open');
    const timeline = after.body.timeline as { type: string }[];
    expect(timeline.map((e) => e.type)).not.toContain('incident-closed');
  });

  test('a role held under "*" counts in every plan', async () => {
    const lead = await personWithKey([{ planId: '*', role: 'party-group' }]);
    const id = await newIncident();
    const closed = await lead.api('POST', `/api/incidents/${id}/close`, {
      actor: { role: 'party-group' },
      reason: '经核实为不实信息',
    });
    expect(closed).toMatchObject({ status: 200, body: { incidentStatus: 'closed' } });
  });

  test('the workflow still judges the step: a held role that does not own it is refused with 409', async () => {
    const office = await personWithKey([{ planId: P1, role: 'office' }]);
    const id = await newIncident();
    const wrong = await office.api('POST', `/api/incidents/${id}/steps/report-facts/complete`, {
      actor: { role: 'office' },
    });
    expect(wrong).toMatchObject({ status: 409, body: { error: { code: 'wrong-role' } } });
  });

  test('with an operator key the body must name the acting person: 400 naming actor.id', async () => {
    const id = await newIncident();
    const missing = await operator('POST', `/api/incidents/${id}/steps/report-facts/complete`, {
      actor: { role: 'monitor' },
    });
    expect(missing).toMatchObject({ status: 400, body: { error: { code: 'invalid-request' } } });
    expect(missing.body.error?.details).toEqual([{ path: 'actor.id', issue: expect.any(String) as string }]);
  });

  test('a person acting on an incident that does not exist gets 404', async () => {
    const monitor = await personWithKey([{ planId: P1, role: 'monitor' }]);
    const missing = await monitor.api('POST', `/api/incidents/${randomUUID()}/steps/report-facts/complete`, {
      actor: { role: 'monitor' },
    });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
  });
});
