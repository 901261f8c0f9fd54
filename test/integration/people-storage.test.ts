import { randomUUID } from 'node:crypto';
import {
  findKeyHolder,
  issueApiKey,
  keyDigest,
  keyIdOf,
  listApiKeys,
  revokeApiKey,
} from '../../storage/api-keys';
import { reserveIdempotencyKey } from '../../storage/idempotency';
import { getStoredIncident, listIncidents, storedPlanId } from '../../storage/incident-list';
import {
  createPerson,
  deletePerson,
  getPerson,
  holdsRole,
  listPeople,
  replaceRoles,
  seedPeople,
  updatePerson,
} from '../../storage/people';
import { describeEachDatabase } from '../helpers/databases';

// The API's repository functions (people, roles, keys, intake idempotency, the incident list), on SQLite
// and on PostgreSQL alike. The suite shares one database per backend, so every test makes its own ids.

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const P1 = 'p1-acheng-agriculture';

describeEachDatabase('people and roles', (db) => {
  test('creates a person with roles and refuses a second person with the same id', async () => {
    const { prisma } = db();
    const id = unique('li');
    const created = await createPerson(
      prisma,
      { id, name: '李建国', phone: '+86 139 0451 0002', email: 'li@example.gov.cn' },
      [
        { planId: P1, role: 'party-group' },
        { planId: '*', role: 'monitor' },
      ],
    );
    expect(created).toMatchObject({
      id,
      name: '李建国',
      phone: '+86 139 0451 0002',
      webhook: null,
      hasWebhookSecret: false,
      active: true,
      roles: [
        { planId: '*', role: 'monitor' },
        { planId: P1, role: 'party-group' },
      ],
    });
    expect(await createPerson(prisma, { id, name: '另一个人' }, [])).toBe('exists');
    expect((await getPerson(prisma, id))?.name).toBe('李建国');
  });

  test('keeps the webhook secret in and only says whether there is one', async () => {
    const { prisma } = db();
    const id = unique('chen');
    const secret = 'a-webhook-secret-of-some-length';
    const created = await createPerson(
      prisma,
      { id, name: '陈静', webhook: { url: 'https://hooks.example/x', format: 'dingtalk', secret } },
      [],
    );
    expect(created).toMatchObject({
      webhook: { url: 'https://hooks.example/x', format: 'dingtalk' },
      hasWebhookSecret: true,
    });
    expect(JSON.stringify(await listPeople(prisma))).not.toContain(secret);
    const row = await prisma.person.findUniqueOrThrow({ where: { id } });
    expect(row.webhookSecret).toBe(secret);
  });

  test('a patch changes what it names, null clears, and an unknown person is null', async () => {
    const { prisma } = db();
    const id = unique('zhao');
    await createPerson(
      prisma,
      {
        id,
        name: '赵敏',
        phone: '+86 136 0451 0004',
        email: 'zhao@example.gov.cn',
        webhook: { url: 'https://hooks.example/z', format: 'json', secret: 'sixteen-chars-or-more' },
      },
      [{ planId: P1, role: 'higher-org' }],
    );
    const patched = await updatePerson(prisma, id, { phone: null, webhook: null, active: false });
    expect(patched).toMatchObject({
      name: '赵敏',
      phone: null,
      email: 'zhao@example.gov.cn',
      webhook: null,
      hasWebhookSecret: false,
      active: false,
      roles: [{ planId: P1, role: 'higher-org' }],
    });
    expect(await updatePerson(prisma, unique('nobody'), { name: 'x' })).toBeNull();
  });

  test('replacing roles leaves exactly the new ones, a repeated assignment stored once', async () => {
    const { prisma } = db();
    const id = unique('wu');
    await createPerson(prisma, { id, name: '吴霞' }, [{ planId: P1, role: 'office' }]);
    const replaced = await replaceRoles(prisma, id, [
      { planId: 'p5-yinzhou-civil-affairs', role: 'section' },
      { planId: 'p5-yinzhou-civil-affairs', role: 'section' },
    ]);
    expect(replaced?.roles).toEqual([{ planId: 'p5-yinzhou-civil-affairs', role: 'section' }]);
    expect(await replaceRoles(prisma, id, [])).toMatchObject({ roles: [] });
    expect(await replaceRoles(prisma, unique('nobody'), [])).toBeNull();
  });

  test('holds a role for its plan or through "*", and never while deactivated', async () => {
    const { prisma } = db();
    const id = unique('wang');
    await createPerson(prisma, { id, name: '王芳' }, [
      { planId: P1, role: 'office' },
      { planId: '*', role: 'monitor' },
    ]);
    expect(await holdsRole(prisma, id, P1, 'office')).toBe(true);
    expect(await holdsRole(prisma, id, 'p2-hrss-bureau', 'office')).toBe(false);
    expect(await holdsRole(prisma, id, 'p2-hrss-bureau', 'monitor')).toBe(true);
    expect(await holdsRole(prisma, id, P1, 'party-group')).toBe(false);
    await updatePerson(prisma, id, { active: false });
    expect(await holdsRole(prisma, id, P1, 'office')).toBe(false);
  });

  test('the seed file applied twice leaves the same people, roles replaced, others untouched', async () => {
    const { prisma } = db();
    const seeded = unique('sun');
    const bystander = unique('zheng');
    await createPerson(prisma, { id: bystander, name: '郑宇' }, [{ planId: P1, role: 'monitor' }]);
    await createPerson(prisma, { id: seeded, name: '旧名字' }, [{ planId: P1, role: 'monitor' }]);
    await updatePerson(prisma, seeded, { active: false });
    const file = [
      {
        id: seeded,
        name: '孙浩',
        email: 'sun@example.gov.cn',
        roles: [{ planId: 'p2-hrss-bureau', role: 'spokesperson' }],
      },
      { id: unique('zhou'), name: '周磊', roles: [{ planId: 'p3-work-safety', role: 'unit' }] },
    ];
    expect(await seedPeople(prisma, file)).toEqual({ created: 1, updated: 1 });
    const once = await listPeople(prisma);
    expect(await seedPeople(prisma, file)).toEqual({ created: 0, updated: 2 });
    const twice = await listPeople(prisma);
    const strip = (people: typeof once) => people.map(({ updatedAt: _u, ...p }) => p);
    expect(strip(twice)).toEqual(strip(once));
    expect(await getPerson(prisma, seeded)).toMatchObject({
      name: '孙浩',
      email: 'sun@example.gov.cn',
      // The file did not say; the API's deactivation stands.
      active: false,
      roles: [{ planId: 'p2-hrss-bureau', role: 'spokesperson' }],
    });
    expect((await getPerson(prisma, bystander))?.roles).toEqual([{ planId: P1, role: 'monitor' }]);
  });

  test('API processes starting together apply the same people file without one failing', async () => {
    const { prisma } = db();
    const file = Array.from({ length: 5 }, (_, i) => ({
      id: unique(`together-${i}`),
      name: `同时 ${i}`,
      roles: [{ planId: P1, role: 'office' }],
    }));
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => seedPeople(prisma, file)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    const created = outcomes.map((o) => (o.status === 'fulfilled' ? o.value.created : -1));
    expect(created.reduce((a, b) => a + b)).toBe(5);
    for (const p of file) expect((await getPerson(prisma, p.id))?.roles).toEqual(p.roles);
  });

  test('deleting a person takes their roles and keys with them', async () => {
    const { prisma } = db();
    const id = unique('gone');
    await createPerson(prisma, { id, name: '离职人员' }, [{ planId: P1, role: 'office' }]);
    const issued = await issueApiKey(prisma, id, 'laptop');
    expect(await deletePerson(prisma, id)).toBe(true);
    expect(await deletePerson(prisma, id)).toBe(false);
    expect(await prisma.roleAssignment.count({ where: { personId: id } })).toBe(0);
    expect(await findKeyHolder(prisma, keyDigest(issued!.key))).toBeNull();
  });
});

describeEachDatabase('person API keys', (db) => {
  test('stores only the SHA-256 of an issued key and finds the holder by it', async () => {
    const { prisma } = db();
    const id = unique('li');
    await createPerson(prisma, { id, name: '李建国' }, []);
    const issued = await issueApiKey(prisma, id, 'phone');
    expect(issued).toMatchObject({ label: 'phone', id: keyIdOf(keyDigest(issued!.key)) });
    const rows = await prisma.apiKey.findMany({ where: { personId: id } });
    expect(rows).toEqual([expect.objectContaining({ hash: keyDigest(issued!.key), label: 'phone' })]);
    expect(JSON.stringify(rows)).not.toContain(issued!.key);
    expect(await findKeyHolder(prisma, keyDigest(issued!.key))).toEqual({
      personId: id,
      name: '李建国',
      keyId: issued!.id,
    });
    expect(await issueApiKey(prisma, unique('nobody'), 'x')).toBeNull();
  });

  test('a revoked key, or any key of a deactivated person, finds nobody', async () => {
    const { prisma } = db();
    const id = unique('chen');
    await createPerson(prisma, { id, name: '陈静' }, []);
    const laptop = (await issueApiKey(prisma, id, 'laptop'))!;
    const phone = (await issueApiKey(prisma, id, 'phone'))!;
    expect(await revokeApiKey(prisma, id, laptop.id)).toBe(true);
    expect(await revokeApiKey(prisma, id, laptop.id)).toBe(false);
    expect(await findKeyHolder(prisma, keyDigest(laptop.key))).toBeNull();
    expect(await findKeyHolder(prisma, keyDigest(phone.key))).not.toBeNull();
    const listed = await listApiKeys(prisma, id);
    expect(listed.map((k) => [k.label, k.revokedAt === null])).toEqual([
      ['laptop', false],
      ['phone', true],
    ]);
    await updatePerson(prisma, id, { active: false });
    expect(await findKeyHolder(prisma, keyDigest(phone.key))).toBeNull();
  });
});

describeEachDatabase('intake idempotency keys', (db) => {
  const entry = (key: string, requestHash: string) => ({
    key,
    requestHash,
    incidentId: randomUUID(),
    response: { answer: requestHash },
  });

  test('the first reservation wins; a repeat gets the first incident id and answer back', async () => {
    const { prisma } = db();
    const key = unique('operator:abc intake');
    const first = await reserveIdempotencyKey(prisma, entry(key, 'h1'));
    expect(first).toMatchObject({ fresh: true, requestHash: 'h1' });
    const again = await reserveIdempotencyKey(prisma, entry(key, 'h2'));
    expect(again).toMatchObject({
      fresh: false,
      requestHash: 'h1',
      incidentId: first.incidentId,
      response: { answer: 'h1' },
    });
    expect(again.createdAt.getTime()).toBe(first.createdAt.getTime());
  });

  test('racing duplicates resolve by the unique key to one incident', async () => {
    const { prisma } = db();
    const key = unique('person:li intake');
    const results = await Promise.all(
      Array.from({ length: 8 }, () => reserveIdempotencyKey(prisma, entry(key, 'same'))),
    );
    expect(results.filter((r) => r.fresh)).toHaveLength(1);
    expect(new Set(results.map((r) => r.incidentId)).size).toBe(1);
  });
});

describeEachDatabase('incident list from the projection', (db) => {
  /** Incidents under a plan id of the test's own, so tests sharing the database do not see each other's. */
  async function seedIncidents(
    planId: string,
    rows: { title: string; createdAt: Date; status?: string; level?: string; breached?: boolean }[],
  ): Promise<string[]> {
    const ids: string[] = [];
    for (const r of rows) {
      const id = randomUUID();
      ids.push(id);
      await db().prisma.incident.create({
        data: {
          id,
          workflowId: `incident-${id}`,
          planId,
          planVersion: 1,
          title: r.title,
          summary: `摘要 ${r.title}`,
          level: r.level ?? 'l3',
          leadRole: 'party-group',
          status: r.status ?? 'open',
          breached: r.breached ?? false,
          reporter: 'monitor-wang',
          discoveredAt: r.createdAt,
          createdAt: r.createdAt,
        },
      });
    }
    return ids;
  }

  test('pages newest first, ties ordered by id, every incident once across pages', async () => {
    const planId = unique('plan');
    const t = Date.parse('2026-11-23T02:00:00Z');
    // Five share one creation time: the id must break the tie the same way on every page.
    const ids = await seedIncidents(
      planId,
      [0, 1, 1, 1, 1, 1, 2].map((m, i) => ({ title: `事件${i}`, createdAt: new Date(t + m * 60_000) })),
    );
    const seen: string[] = [];
    let after;
    let pages = 0;
    do {
      const page = await listIncidents(db().prisma, { planId }, { limit: 3, after });
      seen.push(...page.items.map((i) => i.id));
      after = page.next ?? undefined;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    const newestFirst = [ids[6]!, ...ids.slice(1, 6).sort().reverse(), ids[0]!];
    expect(seen).toEqual(newestFirst);
  });

  test('filters by status, level, breach and free text in title or summary', async () => {
    const planId = unique('plan');
    const at = new Date();
    const [flood, fee, late] = await seedIncidents(planId, [
      { title: '洪水谣言', createdAt: at, status: 'closed', level: 'l2' },
      { title: '补贴被截留', createdAt: at, level: 'l3' },
      { title: '投诉未回复', createdAt: at, level: 'l3', breached: true },
    ]);
    const ids = async (filter: Parameters<typeof listIncidents>[1]) =>
      (await listIncidents(db().prisma, { planId, ...filter }, { limit: 10 })).items.map((i) => i.id).sort();
    expect(await ids({ status: 'closed' })).toEqual([flood]);
    expect(await ids({ level: 'l3' })).toEqual([fee, late].sort());
    expect(await ids({ breached: true })).toEqual([late]);
    expect(await ids({ breached: false })).toEqual([flood, fee].sort());
    expect(await ids({ q: '截留' })).toEqual([fee]);
    expect(await ids({ q: '摘要 投诉' })).toEqual([late]);
    expect(await ids({ q: '没有这样的事' })).toEqual([]);
    expect((await listIncidents(db().prisma, { planId }, { limit: 3 })).next).toBeNull();
  });

  test('an incident comes back with its timeline in order, and its plan id', async () => {
    const planId = unique('plan');
    const [id] = await seedIncidents(planId, [{ title: '单个事件', createdAt: new Date() }]);
    for (const seq of [2, 1]) {
      await db().prisma.timelineEvent.create({
        data: { incidentId: id!, seq, at: new Date(), type: 'step-opened', data: '{}' },
      });
    }
    const stored = await getStoredIncident(db().prisma, id!);
    expect(stored?.timeline.map((e) => e.seq)).toEqual([1, 2]);
    expect(await storedPlanId(db().prisma, id!)).toBe(planId);
    expect(await getStoredIncident(db().prisma, randomUUID())).toBeNull();
    expect(await storedPlanId(db().prisma, randomUUID())).toBeNull();
  });
});
