import { readFileSync } from 'node:fs';
import path from 'node:path';
import { escalationChain } from '../../domain/plan-reading';
import { incidentHistoryFrom } from '../../review/history-file';
import { reviewHistory } from '../../review/review-history';
import type { Review } from '../../review/review-schema';
import { historiesDir } from '../helpers/histories';
import { builtinPlan } from '../helpers/plans';

// What the review says of one recorded incident, checked against what happened in it (the scenario in
// test/workflow/recorded-scenarios.test.ts): a major P5 incident whose written report missed its 20
// minutes and was made 5 minutes late, and whose line was sent back once before both leaders approved.

const MIN = 60_000;
const p5 = builtinPlan('p5-yinzhou-civil-affairs');

let review: Review;
let findings: NonNullable<Review['findings']>;
beforeAll(async () => {
  const file = path.join(historiesDir, '3-engine-correctness', 'scenario-review-p5-major.history.json');
  review = await reviewHistory(incidentHistoryFrom(JSON.parse(readFileSync(file, 'utf8'))), () => p5);
  findings = review.findings!;
});

test('the replay is consistent and names the code and the plan snapshot', () => {
  expect(review.replay).toMatchObject({ consistent: true, runs: [{ ended: 'closed' }] });
  expect(review.replay.codeVersion).toMatch(/^workflow bundle sha256:[0-9a-f]{12}$/);
  expect(review.plan).toMatchObject({ id: p5.id, figuresFrom: 'snapshot' });
  expect(review.plan.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
  expect(review.incident.status).toBe('closed');
});

test('the written report: due 20 minutes after the oral one, breached, escalated, told, and made 5 minutes late', () => {
  const written = findings.deadlines.find((d) => d.id === 'written-report')!;
  const oral = findings.deadlines.find((d) => d.id === 'oral-report')!;
  expect(oral.outcome).toBe('met');
  expect(written.dueAt).toBe(oral.doneAt! + 20 * MIN);
  expect(written.outcome).toBe('breached');
  expect(written.lateByMs).toBeGreaterThanOrEqual(5 * MIN);
  expect(written.lateByMs).toBeLessThan(6 * MIN);
  expect(written.breach!.escalatedTo.map((r) => r.role)).toEqual(escalationChain(p5, 'section'));
  expect(written.breach!.timerFiredAt).toBeGreaterThanOrEqual(written.dueAt);
  expect(written.breach!.messages).toEqual([
    expect.objectContaining({ result: 'sent', attempts: 1, recipients: escalationChain(p5, 'section') }),
  ]);
  expect(findings.lateReports).toEqual([
    expect.objectContaining({
      stepId: 'written-report',
      lateByMs: written.lateByMs,
      by: {
        id: 'person-of-section',
        role: 'section',
        roleName: p5.roles.find((r) => r.id === 'section')!.names,
      },
    }),
  ]);
});

test('the line: round 1 sent back by the leader in charge with the comment, round 2 approved by both', () => {
  const approval = findings.approvals.find((a) => a.stepId === 'approve-messaging')!;
  expect(approval.rounds.map((r) => r.outcome)).toEqual(['rejected', 'approved']);
  expect(approval.rounds[0]!.stages).toEqual([
    expect.objectContaining({
      role: 'leader-in-charge',
      decision: expect.objectContaining({ decision: 'reject', comment: '口径需补充救助进展' }) as object,
    }),
  ]);
  expect(approval.rounds[1]!.stages.map((s) => [s.role, s.decision?.decision])).toEqual([
    ['leader-in-charge', 'approve'],
    ['principal-leader', 'approve'],
  ]);
  for (const stage of approval.rounds.flatMap((r) => r.stages)) {
    expect(stage.waitedMs).toBe(stage.decision!.at - stage.askedAt);
  }
});

test('the figures: the first report on time, the approved line and the public response reached, subsided and closed', () => {
  const figure = (id: string) => findings.figures.find((f) => f.id === id);
  expect(figure('first-report')).toMatchObject({ stepId: 'oral-report', outcome: 'met' });
  expect(figure('first-report')!.durationMs).toBeGreaterThanOrEqual(10 * MIN);
  expect(figure('approved-statement')).toMatchObject({ stepId: 'approve-messaging', outcome: 'no-deadline' });
  expect(figure('public-response')).toMatchObject({ stepId: 'publish-authoritative' });
  expect(figure('subsided')!.durationMs).toBeGreaterThan(figure('public-response')!.durationMs!);
  expect(figure('closed')!.durationMs).toBeGreaterThanOrEqual(figure('subsided')!.durationMs!);
});

test('people apart from the system, each with the role they acted in and the update that carried it', () => {
  const { human, system } = findings.timeline;
  expect(human.length).toBeGreaterThan(0);
  expect(system.every((e) => e.by === undefined)).toBe(true);
  const decided = human.filter((e) => e.type === 'approval-decided');
  expect(decided).toHaveLength(3);
  for (const e of human.filter((x) => x.type !== 'incident-opened')) {
    expect(e.by?.role).toEqual(expect.any(String));
    expect(e.sender?.updateId).toEqual(expect.any(String));
  }
  expect(findings.execution.inputs.every((i) => i.outcome === 'accepted')).toBe(true);
  expect(findings.execution.workers.length).toBeGreaterThan(0);
  expect(findings.forms[0]!.fields.every((f) => f.answer !== undefined)).toBe(true);
});
