import { planStatsAnswer } from '../../api/plan-stats-answer';
import { PlanStats } from '../../api/responses';
import {
  nearestRank,
  NO_STEP_FIGURES,
  planFigures,
  type IncidentCountRow,
  type StepEventRow,
} from '../../storage/plan-stats';
import { builtinPlan } from '../helpers/plans';
import { schemaIssues } from '../helpers/schema-issues';

// A plan's figures from projection rows made by hand: counts, nearest-rank times to done, and which
// deadlines count as met, breached or pending.

const MIN = 60_000;
const T0 = Date.UTC(2025, 10, 24, 1, 0);

/** Builds one incident's step events in seq order, times in minutes after T0. */
function incident(id: string) {
  const events: StepEventRow[] = [];
  const add = (type: string, stepId: string | null, minute: number, data: Record<string, unknown> = {}) => {
    events.push({
      incidentId: id,
      seq: events.length + 1,
      type,
      stepId,
      at: new Date(T0 + minute * MIN),
      data: JSON.stringify(data),
    });
  };
  return {
    events,
    opened(stepId: string, minute: number, dueMinute: number | null = null) {
      add('step-opened', stepId, minute, {
        owner: 'monitor',
        dueAt: dueMinute === null ? null : T0 + dueMinute * MIN,
      });
      return this;
    },
    done(stepId: string, minute: number) {
      add('step-done', stepId, minute, { role: 'monitor' });
      return this;
    },
    breached(stepId: string, minute: number, dueMinute: number) {
      const dueAt = T0 + dueMinute * MIN;
      add('deadline-breached', stepId, minute, {
        dueAt,
        recordedAt: T0 + minute * MIN,
        lateByMs: (minute - dueMinute) * MIN,
        escalatedTo: ['office'],
      });
      return this;
    },
    milestoneBreached(milestoneId: string, minute: number) {
      add('deadline-breached', null, minute, { milestoneId, dueAt: T0, lateByMs: minute * MIN });
      return this;
    },
  };
}

const figuresOf = (...incidents: { events: StepEventRow[] }[]) =>
  planFigures({ incidents: [], events: incidents.flatMap((i) => i.events) });

const stepOf = (figures: ReturnType<typeof planFigures>, stepId: string) =>
  figures.steps.get(stepId) ?? NO_STEP_FIGURES;

describe('nearest-rank percentiles', () => {
  test('take the value at rank ⌈p·n/100⌉ of the sorted values, never an interpolation', () => {
    const values = [40, 15, 50, 35, 20];
    expect(nearestRank(values, 30)).toBe(20);
    expect(nearestRank(values, 40)).toBe(20);
    expect(nearestRank(values, 50)).toBe(35);
    expect(nearestRank(values, 90)).toBe(50);
    expect(nearestRank(values, 100)).toBe(50);
  });

  test('give the lower middle as the median of an even count, and one value for every percentile', () => {
    expect(nearestRank([4, 1, 3, 2], 50)).toBe(2);
    expect(nearestRank([7], 50)).toBe(7);
    expect(nearestRank([7], 90)).toBe(7);
  });

  test('stay exact where p·n/100 is whole but p/100·n is not in floating point', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    // 0.55 * 100 is 55.00000000000001 in floating point, which would round up to rank 56.
    expect(nearestRank(hundred, 55)).toBe(55);
  });

  test('are null for no values', () => {
    expect(nearestRank([], 50)).toBeNull();
  });
});

describe('plan figures from projection rows', () => {
  test('count incidents by level, status and breach', () => {
    const rows: IncidentCountRow[] = [
      { level: 'l3', status: 'open', breached: false, count: 2 },
      { level: 'l3', status: 'closed', breached: true, count: 1 },
      { level: 'l1', status: 'aftercare', breached: true, count: 3 },
    ];
    const { incidents } = planFigures({ incidents: rows, events: [] });
    expect(incidents.total).toBe(6);
    expect(Object.fromEntries(incidents.byLevel)).toEqual({ l3: 3, l1: 3 });
    expect(incidents.byStatus).toEqual({ open: 2, aftercare: 3, closed: 1 });
    expect(incidents.breached).toBe(4);
  });

  test('give the median and p90 of the times to done over incidents, in ms', () => {
    const minutes = [10, 50, 20, 40, 30, 60, 70, 80, 90, 100];
    const figures = figuresOf(...minutes.map((m, i) => incident(`i${i}`).opened('s', 0).done('s', m)));
    expect(stepOf(figures, 's')).toMatchObject({
      opened: 10,
      done: 10,
      timeToDoneMs: { median: 50 * MIN, p90: 90 * MIN },
    });
  });

  test('time a step done, reopened and done again from its first opening to its last completion', () => {
    const figures = figuresOf(
      incident('a').opened('draft', 5).done('draft', 15).opened('draft', 20).done('draft', 45),
    );
    expect(stepOf(figures, 'draft')).toMatchObject({
      opened: 1,
      done: 1,
      timeToDoneMs: { median: 40 * MIN, p90: 40 * MIN },
    });
  });

  test('count a step opened but not done as opened only, with no time to done', () => {
    const figures = figuresOf(incident('a').opened('consult', 0), incident('b').opened('consult', 0));
    expect(stepOf(figures, 'consult')).toMatchObject({
      opened: 2,
      done: 0,
      timeToDoneMs: { median: null, p90: null },
    });
  });

  test('count a deadline met when the step is done without a breach, and breached when it was missed', () => {
    const figures = figuresOf(
      incident('on-time').opened('report', 0, 30).done('report', 20),
      incident('late').opened('report', 0, 30).breached('report', 30, 30).done('report', 50),
      incident('on-time-2').opened('report', 0, 30).done('report', 29),
    );
    expect(stepOf(figures, 'report').deadlines).toEqual({
      met: 2,
      breached: 1,
      pending: 0,
      shareMet: 2 / 3,
    });
  });

  test('count a step still open past its breached due time as breached, and one open before it as pending', () => {
    const figures = figuresOf(
      incident('overdue').opened('report', 0, 30).breached('report', 31, 30),
      incident('running').opened('report', 0, 30),
    );
    expect(stepOf(figures, 'report').deadlines).toEqual({
      met: 0,
      breached: 1,
      pending: 1,
      shareMet: 0,
    });
  });

  test('leave steps without a due time out of the deadlines, share null', () => {
    const figures = figuresOf(incident('a').opened('consult', 0).done('consult', 10));
    expect(stepOf(figures, 'consult').deadlines).toEqual({
      met: 0,
      breached: 0,
      pending: 0,
      shareMet: null,
    });
  });

  test('do not count a milestone’s breach against any step of the incident', () => {
    const figures = figuresOf(
      incident('a').opened('report', 0, 30).milestoneBreached('m1', 40).done('report', 10),
    );
    expect(stepOf(figures, 'report').deadlines).toEqual({
      met: 1,
      breached: 0,
      pending: 0,
      shareMet: 1,
    });
    expect([...figures.steps.keys()]).toEqual(['report']);
  });

  test('count a monitor step with a missed follow-up report as breached, even once it is done', () => {
    const figures = figuresOf(
      incident('a').opened('monitor', 0, 60).breached('monitor', 61, 60).done('monitor', 300),
    );
    expect(stepOf(figures, 'monitor').deadlines).toMatchObject({ met: 0, breached: 1, shareMet: 0 });
  });

  test('count a step breached once and done again after a rework as breached', () => {
    const figures = figuresOf(
      incident('a')
        .opened('draft', 0, 30)
        .done('draft', 10)
        .opened('draft', 20, 50)
        .breached('draft', 51, 50)
        .done('draft', 60),
    );
    expect(stepOf(figures, 'draft').deadlines).toMatchObject({ met: 0, breached: 1, pending: 0 });
  });
});

describe('the stats answer', () => {
  const p1 = builtinPlan('p1-acheng-agriculture');

  test('lists every level and step of the plan in plan order, those no incident reached at zero', () => {
    const figures = planFigures({
      incidents: [{ level: 'l3', status: 'open', breached: false, count: 2 }],
      events: incident('a').opened('report-facts', 0, 30).done('report-facts', 12).events,
    });
    const answer = planStatsAnswer(p1, figures);
    expect(schemaIssues(PlanStats, answer)).toEqual([]);
    expect(answer.planVersion).toBe(p1.version);
    expect(answer.incidents.byLevel.map((l) => [l.level, l.count])).toEqual([
      ['l1', 0],
      ['l2', 0],
      ['l3', 2],
      ['l4', 0],
    ]);
    expect(answer.steps.map((s) => s.stepId)).toEqual(p1.steps.map((s) => s.id));
    expect(answer.steps[0]).toMatchObject({
      stepId: 'report-facts',
      kind: 'task',
      title: p1.steps[0]?.title,
      opened: 1,
      done: 1,
      timeToDoneMs: { median: 12 * MIN, p90: 12 * MIN },
      deadlines: { met: 1, breached: 0, pending: 0, shareMet: 1 },
    });
    expect(answer.steps.find((s) => s.stepId === 'review')).toMatchObject({
      opened: 0,
      done: 0,
      timeToDoneMs: { median: null, p90: null },
      deadlines: { met: 0, breached: 0, pending: 0, shareMet: null },
    });
  });
});
