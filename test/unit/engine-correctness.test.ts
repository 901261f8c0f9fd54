import { completeStep } from '../../inputs/complete-step';
import { decideApproval } from '../../inputs/decide-approval';
import { reclassify } from '../../inputs/reclassify';
import { updateMetrics } from '../../inputs/update-metrics';
import { promiseMilestone } from '../../inputs/promise-milestone';
import { completeMilestone } from '../../inputs/complete-milestone';
import {
  forgetStored,
  lastSeq,
  openIncident,
  recentVerdict,
  recordBreaches,
  rememberVerdict,
  RECENT_UPDATES_KEPT,
} from '../../engine/incident';
import type { IncidentState, Plan, Verdict } from '../../domain/incident';
import { factsAt as facts, HOUR, MINUTE, T0 } from '../helpers/input-fixtures';
import { builtinPlan } from '../helpers/plans';
import { approval, monitor, task, tinyPlan } from './tiny-plan';

// The behaviour behind patch 'engine-correctness', on the pure engine: every case here failed before it.

const open = (plan: Plan, level: string) =>
  openIncident(facts(level), plan, T0, { ownerNotices: true, correctness: true });
const as = (role: string) => ({ id: `${role}-person`, role });
const eventsOf = (state: IncidentState, type: string) => state.timeline.filter((e) => e.type === type);

describe('a level change moves the deadlines of steps already open', () => {
  const p6 = builtinPlan('p6-lixian-cyberspace');

  test('P6 filed at Ⅱ and raised to Ⅰ a minute later: discover-and-report is due 30 min after discovery, not 60', () => {
    const { state } = open(p6, 'l2');
    expect(state.steps['discover-and-report']!.dueAt).toBe(T0 + 60 * MINUTE);
    const notices = reclassify.apply(
      state,
      p6,
      { actor: as('cac'), level: 'l1', reason: '升级' },
      T0 + MINUTE,
    );
    expect(state.steps['discover-and-report']!.dueAt).toBe(T0 + 30 * MINUTE);
    const [changed] = eventsOf(state, 'deadline-changed');
    expect(changed).toMatchObject({
      stepId: 'discover-and-report',
      data: {
        from: T0 + 60 * MINUTE,
        to: T0 + 30 * MINUTE,
        why: 'level-changed',
        level: { from: 'l2', to: 'l1' },
      },
    });
    // The owner hears of it, in Beijing time.
    const told = notices.find((n) => n.causeSeq === changed!.seq);
    expect(told?.recipients).toEqual(['cac']);
    expect(told?.body.zh).toContain('由 11月24日 11:00 调整为 11月24日 10:30');
  });

  test('P4 一般 raised to 重大: verifying the facts is due 30 min after the form, not 2 h', () => {
    const p4 = builtinPlan('p4-wenquan-subdistrict');
    const { state } = open(p4, 'l3');
    let now = T0;
    // Do the work in plan order until verify-facts is open.
    for (let i = 0; i < 10 && state.steps['verify-and-report']!.status !== 'open'; i++) {
      now += MINUTE;
      const step = p4.steps.find((s) => state.steps[s.id]!.status === 'open' && s.kind === 'task')!;
      completeStep.apply(state, p4, { stepId: step.id, actor: as((step as { owner: string }).owner) }, now);
    }
    const formDone = state.steps['dispatch-form']!.doneAt!;
    expect(state.steps['verify-and-report']!.dueAt).toBe(formDone + 2 * HOUR);
    reclassify.apply(state, p4, { actor: as(state.leadRole), level: 'l1', reason: '升级' }, now + MINUTE);
    expect(state.steps['verify-and-report']!.dueAt).toBe(formDone + 30 * MINUTE);
  });

  test('raised after the stricter deadline has passed: breached at once', () => {
    const { state } = open(p6, 'l2');
    const at = T0 + 40 * MINUTE;
    reclassify.apply(state, p6, { actor: as('cac'), level: 'l1', reason: '升级' }, at);
    recordBreaches(state, p6, at);
    const [breach] = eventsOf(state, 'deadline-breached');
    expect(breach).toMatchObject({
      stepId: 'discover-and-report',
      data: { dueAt: T0 + 30 * MINUTE, lateByMs: 10 * MINUTE },
    });
  });

  test('lowered: the new level’s deadline applies, even though it is later', () => {
    const { state } = open(p6, 'l1');
    reclassify.apply(state, p6, { actor: as('cac'), level: 'l2', reason: '降级' }, T0 + MINUTE);
    expect(state.steps['discover-and-report']!.dueAt).toBe(T0 + 60 * MINUTE);
    expect(eventsOf(state, 'deadline-changed')).toHaveLength(1);
  });

  test('incidents from before the patch keep their old deadline (their histories replay unchanged)', () => {
    const { state } = openIncident(facts('l2'), p6, T0, { ownerNotices: true });
    reclassify.apply(state, p6, { actor: as('cac'), level: 'l1', reason: '升级' }, T0 + MINUTE);
    expect(state.steps['discover-and-report']!.dueAt).toBe(T0 + 60 * MINUTE);
    expect(eventsOf(state, 'deadline-changed')).toEqual([]);
  });
});

describe('lateness is on the record of work done late', () => {
  const plan = tinyPlan([
    task('draft', 'clerk', { deadline: { within: 'PT1H', from: 'discovery' } }),
    approval('approve', 'draft', ['lead', 'chief'], { deadline: { within: 'PT2H', from: 'discovery' } }),
  ]);

  test('a step done after its due time carries lateByMs, whether or not a breach was recorded first', () => {
    const { state } = open(plan, 'l2');
    completeStep.apply(state, plan, { stepId: 'draft', actor: as('clerk') }, T0 + HOUR + 5 * MINUTE);
    expect(eventsOf(state, 'step-done')[0]!.data).toMatchObject({ lateByMs: 5 * MINUTE });
  });

  test('an approval decided late says so on the decision and on the step', () => {
    const { state } = open(plan, 'l2');
    completeStep.apply(state, plan, { stepId: 'draft', actor: as('clerk') }, T0 + 10 * MINUTE);
    decideApproval.apply(
      state,
      plan,
      { stepId: 'approve', actor: as('lead'), decision: 'approve' },
      T0 + 3 * HOUR,
    );
    decideApproval.apply(
      state,
      plan,
      { stepId: 'approve', actor: as('chief'), decision: 'approve' },
      T0 + 4 * HOUR,
    );
    const decided = eventsOf(state, 'approval-decided').map((e) => e.data.lateByMs);
    expect(decided).toEqual([HOUR, 2 * HOUR]);
    expect(eventsOf(state, 'step-done').at(-1)!.data).toMatchObject({ lateByMs: 2 * HOUR });
  });

  test('a step done on time carries no lateness', () => {
    const { state } = open(plan, 'l2');
    completeStep.apply(state, plan, { stepId: 'draft', actor: as('clerk') }, T0 + 59 * MINUTE);
    expect(eventsOf(state, 'step-done')[0]!.data).not.toHaveProperty('lateByMs');
  });

  test('a promised reply given late carries lateByMs', () => {
    const { state } = open(plan, 'l2');
    promiseMilestone.apply(
      state,
      plan,
      { actor: as('lead'), title: '答复', reason: '正在核实', dueAt: T0 + HOUR },
      T0,
    );
    completeMilestone.apply(state, plan, { actor: as('lead'), milestoneId: 'm1' }, T0 + 2 * HOUR);
    expect(eventsOf(state, 'milestone-done')[0]!.data).toMatchObject({ late: true, lateByMs: HOUR });
  });
});

describe('a follow-up cadence missed through an outage', () => {
  const plan = tinyPlan([monitor('watch', 'clerk', { followUpEvery: 'PT1H' })]);

  test('records one breach saying how many reports were missed, and the next one is due in the future', () => {
    const { state } = open(plan, 'l2');
    const now = T0 + 5 * HOUR + 30 * MINUTE; // due at 1 h, 2 h, … 5 h: five missed
    const notices = recordBreaches(state, plan, now);
    const breaches = eventsOf(state, 'deadline-breached');
    expect(breaches).toHaveLength(1);
    expect(breaches[0]!.data).toMatchObject({ dueAt: T0 + HOUR, missedReports: 5 });
    expect(state.steps.watch!.dueAt).toBe(T0 + 6 * HOUR);
    expect(recordBreaches(state, plan, now)).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body.zh).toContain('共漏报 5 次');
  });
});

describe('breach notices are written in Beijing time', () => {
  test('the due time reads 11月24日 10:30 and the lateness in hours and minutes, never ISO or UTC', () => {
    const plan = tinyPlan([task('draft', 'clerk', { deadline: { within: 'PT30M', from: 'discovery' } })]);
    const { state } = open(plan, 'l2');
    const [notice] = recordBreaches(state, plan, T0 + HOUR + 35 * MINUTE);
    expect(notice!.body.zh).toContain('应于 11月24日 10:30 完成，已超时 1 小时 5 分');
    expect(notice!.body.en).toContain('24 Nov 10:30 (Beijing time)');
    expect(`${notice!.body.zh}${notice!.body.en}`).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});

describe('a decision names its stage and the workflow refuses a stage no longer open', () => {
  const plan = tinyPlan([
    task('draft', 'clerk'),
    approval('approve', 'draft', ['lead', 'chief']),
    task('publish', 'clerk', { after: ['approve'] }),
  ]);
  const atApproval = () => {
    const { state } = open(plan, 'l2');
    completeStep.apply(state, plan, { stepId: 'draft', actor: as('clerk') }, T0 + MINUTE);
    return state;
  };

  test('a decision for the awaited stage passes', () => {
    const state = atApproval();
    expect(
      decideApproval.validate(state, plan, {
        stepId: 'approve',
        actor: as('lead'),
        decision: 'approve',
        stage: 0,
      }),
    ).toBeUndefined();
  });

  test('a second decision for a decided stage is refused, naming who decided it and when', () => {
    const state = atApproval();
    decideApproval.apply(
      state,
      plan,
      { stepId: 'approve', actor: as('lead'), decision: 'approve', stage: 0 },
      T0 + 2 * MINUTE,
    );
    const refusal = decideApproval.validate(state, plan, {
      stepId: 'approve',
      actor: as('lead'),
      decision: 'reject',
      comment: '不行',
      stage: 0,
    });
    expect(refusal?.code).toBe('stage-closed');
    expect(refusal?.message).toContain('lead-person');
    expect(refusal?.message).toContain('11月24日 10:02');
  });

  test('the last stage of an approved step is closed too, not merely "already decided"', () => {
    const state = atApproval();
    decideApproval.apply(
      state,
      plan,
      { stepId: 'approve', actor: as('lead'), decision: 'approve' },
      T0 + 2 * MINUTE,
    );
    decideApproval.apply(
      state,
      plan,
      { stepId: 'approve', actor: as('chief'), decision: 'approve' },
      T0 + 3 * MINUTE,
    );
    const refusal = decideApproval.validate(state, plan, {
      stepId: 'approve',
      actor: as('chief'),
      decision: 'approve',
      stage: 1,
    });
    expect(refusal?.code).toBe('stage-closed');
    expect(refusal?.message).toContain('chief-person');
  });

  test('a stage not reached yet is refused as closed', () => {
    const state = atApproval();
    const refusal = decideApproval.validate(state, plan, {
      stepId: 'approve',
      actor: as('chief'),
      decision: 'approve',
      stage: 1,
    });
    expect(refusal?.code).toBe('stage-closed');
  });
});

describe('the state carried between runs stays bounded', () => {
  const verdict = (seq: number): Verdict => ({ accepted: true, seq, incidentStatus: 'open', level: 'l1' });

  test('stored events leave memory while the sequence keeps counting', () => {
    const plan = tinyPlan([task('draft', 'clerk')]);
    const { state } = open(plan, 'l2');
    const before = lastSeq(state);
    forgetStored(state, before);
    expect(state.timeline).toEqual([]);
    completeStep.apply(state, plan, { stepId: 'draft', actor: as('clerk') }, T0 + MINUTE);
    expect(state.timeline[0]!.seq).toBe(before + 1);
    expect(lastSeq(state)).toBe(before + state.timeline.length);
  });

  test('a remembered update id answers with its verdict until it is a day old', () => {
    const plan = tinyPlan([task('draft', 'clerk')]);
    const { state } = open(plan, 'l2');
    rememberVerdict(state, 'operator:k1 retry-1', verdict(7), T0);
    expect(recentVerdict(state, 'operator:k1 retry-1', T0 + HOUR)).toEqual(verdict(7));
    expect(recentVerdict(state, 'operator:k1 retry-1', T0 + 25 * HOUR)).toBeUndefined();
    expect(recentVerdict(state, 'another', T0)).toBeUndefined();
  });

  test('at most RECENT_UPDATES_KEPT ids are kept, the newest', () => {
    const plan = tinyPlan([task('draft', 'clerk')]);
    const { state } = open(plan, 'l2');
    for (let i = 0; i < RECENT_UPDATES_KEPT + 50; i++) rememberVerdict(state, `id-${i}`, verdict(i), T0 + i);
    expect(state.recentUpdates).toHaveLength(RECENT_UPDATES_KEPT);
    expect(recentVerdict(state, 'id-0', T0 + 1_000)).toBeUndefined();
    expect(recentVerdict(state, `id-${RECENT_UPDATES_KEPT + 49}`, T0 + 1_000)).toEqual(
      verdict(RECENT_UPDATES_KEPT + 49),
    );
  });
});

test('20,000 metric updates: what each run carries into the next stays under 256 kB, and every event keeps its place', () => {
  const plan = builtinPlan('p1-acheng-agriculture');
  const { state } = open(plan, 'l3');
  const monitorActor = as('monitor');
  let largest = 0;
  for (let n = 1; n <= 20_000; n++) {
    const now = T0 + n * 1_000;
    const before = lastSeq(state);
    updateMetrics.apply(state, plan, { actor: monitorActor, metrics: { views24h: n } }, now);
    // As the workflow does: the input is stored, answered, remembered; the stored part leaves memory.
    forgetStored(state, lastSeq(state));
    rememberVerdict(
      state,
      `operator:k1 metrics-${n}-0123456789abcdef0123456789abcdef`,
      { accepted: true, seq: lastSeq(state), incidentStatus: state.status, level: state.level },
      now,
    );
    expect(lastSeq(state)).toBe(before + 1);
    // A run continues as new after at most UPDATES_PER_RUN inputs: measure what it would carry.
    if (n % 1_000 === 0) {
      largest = Math.max(largest, Buffer.byteLength(JSON.stringify({ state, plan })));
    }
  }
  expect(state.timeline).toEqual([]);
  expect(state.recentUpdates).toHaveLength(RECENT_UPDATES_KEPT);
  expect(largest).toBeLessThan(256 * 1024);
});
