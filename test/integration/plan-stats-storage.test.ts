import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { planFigures, readPlanStatsRows } from '../../storage/plan-stats';
import { describeEachDatabase } from '../helpers/databases';

// The two reads behind a plan's stats, on SQLite and on PostgreSQL alike: only the plan's incidents,
// only step events, and a breach stored by the worker counted against its step.

const T0 = Date.UTC(2025, 10, 24, 1, 0);
const MIN = 60_000;

type Event = { type: string; stepId?: string; minute: number; data?: Record<string, unknown> };

async function seedIncident(
  prisma: PrismaClient,
  incident: { planId: string; level: string; status: string; breached: boolean },
  events: Event[],
): Promise<string> {
  const id = randomUUID();
  await prisma.incident.create({
    data: {
      id,
      workflowId: `incident-${id}`,
      planVersion: 1,
      title: '预案统计',
      summary: '',
      leadRole: 'party-group',
      reporter: 'monitor-wang',
      discoveredAt: new Date(T0),
      lastSeq: events.length,
      ...incident,
    },
  });
  await prisma.timelineEvent.createMany({
    data: events.map((e, i) => ({
      incidentId: id,
      seq: i + 1,
      at: new Date(T0 + e.minute * MIN),
      type: e.type,
      stepId: e.stepId ?? null,
      data: JSON.stringify(e.data ?? {}),
    })),
  });
  return id;
}

const breach = (dueMinute: number, minute: number) => ({
  dueAt: T0 + dueMinute * MIN,
  recordedAt: T0 + minute * MIN,
  lateByMs: (minute - dueMinute) * MIN,
  escalatedTo: ['office'],
});

describeEachDatabase('plan stats from the projection', (db) => {
  test('reads only the plan’s incidents and their step events, a stored breach counting against its step', async () => {
    const { prisma } = db();
    const planId = `stats-${randomUUID()}`;
    await seedIncident(prisma, { planId, level: 'l3', status: 'open', breached: true }, [
      { type: 'incident-opened', minute: 0 },
      {
        type: 'step-opened',
        stepId: 'report-facts',
        minute: 0,
        data: { owner: 'monitor', dueAt: T0 + 30 * MIN },
      },
      { type: 'deadline-breached', stepId: 'report-facts', minute: 30, data: breach(30, 30) },
      { type: 'step-done', stepId: 'report-facts', minute: 45, data: { lateByMs: 15 * MIN } },
      { type: 'milestone-promised', minute: 50, data: { milestoneId: 'm1' } },
      { type: 'deadline-breached', minute: 70, data: { milestoneId: 'm1', ...breach(60, 70) } },
    ]);
    await seedIncident(prisma, { planId, level: 'l4', status: 'closed', breached: false }, [
      {
        type: 'step-opened',
        stepId: 'report-facts',
        minute: 0,
        data: { owner: 'monitor', dueAt: T0 + 30 * MIN },
      },
      { type: 'step-done', stepId: 'report-facts', minute: 5 },
      { type: 'step-opened', stepId: 'consult', minute: 5, data: { owner: 'party-group', dueAt: null } },
    ]);
    // Another plan's incident, breached on the same step: not this plan's figures.
    await seedIncident(prisma, { planId: `${planId}-other`, level: 'l3', status: 'open', breached: true }, [
      { type: 'step-opened', stepId: 'report-facts', minute: 0, data: { owner: 'monitor', dueAt: T0 } },
      { type: 'deadline-breached', stepId: 'report-facts', minute: 1, data: breach(0, 1) },
    ]);

    const rows = await readPlanStatsRows(prisma, planId);
    expect(rows.events.map((e) => e.type).sort()).toEqual([
      'deadline-breached',
      'step-done',
      'step-done',
      'step-opened',
      'step-opened',
      'step-opened',
    ]);

    const figures = planFigures(rows);
    expect(figures.incidents).toEqual({
      total: 2,
      byLevel: new Map([
        ['l3', 1],
        ['l4', 1],
      ]),
      byStatus: { open: 1, aftercare: 0, closed: 1 },
      breached: 1,
    });
    expect(figures.steps.get('report-facts')).toEqual({
      opened: 2,
      done: 2,
      timeToDoneMs: { median: 5 * MIN, p90: 45 * MIN },
      deadlines: { met: 1, breached: 1, pending: 0, shareMet: 0.5 },
    });
    expect(figures.steps.get('consult')).toMatchObject({
      opened: 1,
      done: 0,
      deadlines: { met: 0, breached: 0, pending: 0, shareMet: null },
    });
  });

  test('reads nothing for a plan with no incidents', async () => {
    const rows = await readPlanStatsRows(db().prisma, `stats-${randomUUID()}`);
    expect(rows).toEqual({ incidents: [], events: [] });
  });
});
