import { randomUUID } from 'node:crypto';
import {
  getHazardRow,
  listHazards,
  OPEN_HAZARD_STATUSES,
  storeHazard,
  type HazardRow,
} from '../../storage/hazards';
import { describeEachDatabase } from '../helpers/databases';

// P4's hazard register as stored (one row of 网络舆情隐患排查表 per entry, "随时摸排舆情隐患，填写网络舆情隐患排查表
// （附件3）及时上报领导小组办公室进行汇总"), on SQLite and PostgreSQL alike: each write of an entry's workflow is
// a snapshot with a version, and the register is read by deadline.

const HOUR = 3_600_000;
const planId = () => `p4-test-${randomUUID().slice(0, 8)}`;

function row(plan: string, extra: Partial<HazardRow> = {}): HazardRow {
  const id = randomUUID();
  const reportedAt = new Date('2026-12-01T01:00:00Z');
  return {
    id,
    workflowId: `hazard-${id}`,
    planId: plan,
    section: '城建科',
    hazard: '温泉小镇施工噪音扰民',
    offlineMeasure: '约谈施工单位',
    onlineMeasure: '按统一口径回复',
    resolveBy: new Date(reportedAt.getTime() + 72 * HOUR),
    remindAt: new Date(reportedAt.getTime() + 48 * HOUR),
    reportedBy: 'informant-sun',
    reportedAt,
    status: 'open',
    remindedAt: null,
    breachedAt: null,
    resolvedAt: null,
    resolvedBy: null,
    resolution: null,
    incidentId: null,
    version: 1,
    ...extra,
  };
}

describeEachDatabase('hazard register storage', (db) => {
  test('a newer snapshot replaces the row, an older or repeated one changes nothing', async () => {
    const { prisma } = db();
    const first = row(planId());
    await storeHazard(prisma, first);
    await storeHazard(prisma, first); // a retried write
    const breached = {
      ...first,
      status: 'overdue',
      breachedAt: new Date(first.resolveBy.getTime() + 1),
      version: 3,
    };
    await storeHazard(prisma, breached);
    // A late retry of the write in between arrives after the newer one.
    await storeHazard(prisma, { ...first, remindedAt: first.remindAt, version: 2 });
    const stored = await getHazardRow(prisma, first.id);
    expect(stored).toMatchObject({ status: 'overdue', version: 3, remindedAt: null });
    expect(stored!.breachedAt?.getTime()).toBe(first.resolveBy.getTime() + 1);
    expect(await prisma.hazard.count({ where: { id: first.id } })).toBe(1);
  });

  test('lists by deadline, soonest first, filtered by status and plan', async () => {
    const { prisma } = db();
    const plan = planId();
    const base = Date.parse('2026-12-10T00:00:00Z');
    const later = row(plan, { resolveBy: new Date(base + 2 * HOUR) });
    const sooner = row(plan, { resolveBy: new Date(base + HOUR), status: 'overdue' });
    const done = row(plan, {
      resolveBy: new Date(base),
      status: 'resolved',
      resolvedBy: 'section-head-zhao',
    });
    const elsewhere = row(planId());
    for (const r of [later, sooner, done, elsewhere]) await storeHazard(prisma, r);

    const active = await listHazards(prisma, { status: OPEN_HAZARD_STATUSES, planId: plan }, 10);
    expect(active.map((h) => h.id)).toEqual([sooner.id, later.id]);
    const all = await listHazards(prisma, { planId: plan }, 10);
    expect(all.map((h) => h.id)).toEqual([done.id, sooner.id, later.id]);
    expect(await listHazards(prisma, { planId: plan }, 1)).toHaveLength(1);
  });
});
