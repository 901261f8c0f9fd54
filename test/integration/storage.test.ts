import { completeStep } from '../../inputs/complete-step';
import { decideApproval } from '../../inputs/decide-approval';
import { reclassify } from '../../inputs/reclassify';
import { randomUUID } from 'node:crypto';
import { createStorageActivities } from '../../activities/storage';
import * as engine from '../../engine/incident';
import type { IncidentState } from '../../domain/incident';
import { viewOf } from '../../engine/view';
import { describeEachDatabase } from '../helpers/databases';
import { builtinPlan } from '../helpers/plans';

// The storage suite: what the workflow's storage activity writes, on SQLite and on PostgreSQL alike.

const plan = builtinPlan('p1-acheng-agriculture');
const t0 = Date.parse('2026-11-23T02:00:00Z');

function openedIncident(): IncidentState {
  return engine.openIncident(
    {
      id: randomUUID(),
      title: '网传某村土地流转费用未兑现',
      summary: '微博话题',
      level: 'l3',
      reporter: 'monitor-wang',
      discoveredAt: t0,
      source: { platform: 'weibo', url: 'https://weibo.example/1' },
    },
    plan,
    t0,
  ).state;
}

describeEachDatabase('storage activity', (db) => {
  const store = () => createStorageActivities(db().prisma);

  test('a retried recordProgress stores each event once and the projection once', async () => {
    const state = openedIncident();
    const record = {
      workflowId: `incident-${state.incident.id}`,
      incident: viewOf(state),
      events: state.timeline,
    };
    await store().recordProgress(record);
    await store().recordProgress(record);
    const { prisma } = db();
    const id = state.incident.id;
    expect(await prisma.timelineEvent.count({ where: { incidentId: id } })).toBe(state.timeline.length);
    const row = await prisma.incident.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      planId: plan.id,
      level: 'l3',
      status: 'open',
      sourcePlatform: 'weibo',
      sourceUrl: 'https://weibo.example/1',
      lastSeq: state.timeline.length,
      breached: false,
      discoveredAt: new Date(t0),
      openSteps: ',report-facts,monitor-trend,',
      urgentAt: new Date(viewOf(state).steps['report-facts']!.dueAt!),
    });
    // Written as Prisma writes dates, so they compare with rows Prisma wrote (the list's keyset).
    expect(await prisma.incident.count({ where: { id, createdAt: { lte: new Date() } } })).toBe(1);
    const first = await prisma.timelineEvent.findFirstOrThrow({ where: { incidentId: id, seq: 1 } });
    expect(first.at).toEqual(new Date(state.timeline[0]!.at));
  });

  test('an older snapshot arriving late never overwrites a newer projection', async () => {
    const state = openedIncident();
    const workflowId = `incident-${state.incident.id}`;
    const older = { workflowId, incident: viewOf(state), events: [...state.timeline] };
    completeStep.apply(
      state,
      plan,
      { stepId: 'report-facts', actor: { id: 'wang', role: 'monitor' } },
      t0 + 1000,
    );
    reclassify.apply(
      state,
      plan,
      { actor: { id: 'lead', role: state.leadRole }, level: 'l2', reason: '转载量上升' },
      t0 + 2000,
    );
    const newer = { workflowId, incident: viewOf(state), events: state.timeline.slice(older.events.length) };
    await store().recordProgress(older);
    await store().recordProgress(newer);
    await store().recordProgress(older);
    const row = await db().prisma.incident.findUniqueOrThrow({ where: { id: state.incident.id } });
    expect(row.level).toBe('l2');
    expect(row.lastSeq).toBe(state.timeline.length);
  });

  test('a workflow task run again after its worker died replaces the events its lost run stored under the same seqs', async () => {
    // The lost run stored a decision and the owner notices' outcomes; the run that replaced it took a
    // completed step first, so the same seqs name other events there. The projection must end as the committed run says.
    const state = openedIncident();
    const workflowId = `incident-${state.incident.id}`;
    const base = state.timeline.length;
    const at = t0 + 60_000;
    const lost = [
      {
        seq: base + 1,
        at,
        type: 'approval-decided' as const,
        stepId: 'approve-statement',
        actor: 'li',
        data: { role: 'party-group', decision: 'approve', stage: 0 },
      },
      { seq: base + 2, at, type: 'notification-sent' as const, data: { key: 'k1', recipients: ['office'] } },
      { seq: base + 3, at, type: 'notification-sent' as const, data: { key: 'k2', recipients: ['office'] } },
    ];
    const committed = [
      {
        seq: base + 1,
        at: at + 10_000,
        type: 'step-done' as const,
        stepId: 'report-facts',
        actor: 'wang',
        data: {},
      },
      ...lost.slice(1).map((e, i) => ({ ...e, seq: base + 2 + i, at: at + 10_000 })),
    ];
    const view = (lastSeq: number) => ({ ...viewOf(state), lastSeq });
    await store().recordProgress({ workflowId, incident: view(base), events: state.timeline });
    await store().recordProgress({ workflowId, incident: view(base + 3), events: lost });
    await store().recordProgress({ workflowId, incident: view(base + 3), events: committed });
    const rows = await db().prisma.timelineEvent.findMany({
      where: { incidentId: state.incident.id, seq: { gt: base } },
      orderBy: { seq: 'asc' },
    });
    expect(rows.map((r) => [r.seq, r.type, r.stepId])).toEqual([
      [base + 1, 'step-done', 'report-facts'],
      [base + 2, 'notification-sent', null],
      [base + 3, 'notification-sent', null],
    ]);
    expect(rows.map((r) => (JSON.parse(r.data) as { key: string }).key)).toEqual([undefined, 'k1', 'k2']);
    // The decision the lost run stored is no decision of the committed one.
    expect(await db().prisma.approval.count({ where: { incidentId: state.incident.id } })).toBe(0);
  });

  test('approval decisions become approval rows, once each, with who decided in which role', async () => {
    const state = openedIncident();
    const workflowId = `incident-${state.incident.id}`;
    for (const [stepId, actor] of [
      ['report-facts', { id: 'wang', role: 'monitor' }],
      ['consult', { id: 'li', role: 'party-group' }],
      ['draft-statement', { id: 'chen', role: 'office' }],
    ] as const) {
      completeStep.apply(state, plan, { stepId, actor }, t0 + 1000);
    }
    decideApproval.apply(
      state,
      plan,
      { stepId: 'approve-statement', actor: { id: 'li', role: 'party-group' }, decision: 'approve' },
      t0 + 2000,
    );
    decideApproval.apply(
      state,
      plan,
      {
        stepId: 'approve-statement',
        actor: { id: 'zhao', role: 'higher-org' },
        decision: 'reject',
        comment: '口径需统一',
      },
      t0 + 3000,
    );
    const record = { workflowId, incident: viewOf(state), events: state.timeline };
    await store().recordProgress(record);
    await store().recordProgress(record);
    const rows = await db().prisma.approval.findMany({
      where: { incidentId: state.incident.id },
      orderBy: { seq: 'asc' },
    });
    expect(rows.map((r) => [r.actor, r.role, r.stage, r.decision, r.comment])).toEqual([
      ['li', 'party-group', 0, 'approve', null],
      ['zhao', 'higher-org', 1, 'reject', '口径需统一'],
    ]);
  });
});
