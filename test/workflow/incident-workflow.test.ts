import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Actor } from '../../domain/incident';
import { getStateQuery, INPUT_REFUSED } from '../../workflows/messages';
import { completeStep } from '../../inputs/complete-step';
import { decideApproval } from '../../inputs/decide-approval';
import { submitReview } from '../../inputs/submit-review';
import { reclassify } from '../../inputs/reclassify';
import { updateMetrics } from '../../inputs/update-metrics';
import { promiseMilestone } from '../../inputs/promise-milestone';
import { incidentHistoryFrom } from '../../review/history-file';
import { reviewHistory } from '../../review/review-history';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { completeMilestone } from '../../inputs/complete-milestone';
import { subside } from '../../inputs/subside';
import { raiseQuestion } from '../../inputs/raise-question';
import { sendAcrossRuns } from '../helpers/send-across-runs';
import { eventually } from '../helpers/eventually';
import { withIncident, type IncidentContext } from '../helpers/incident-env';
import { builtinPlan } from '../helpers/plans';
import { bundleIncidentWorkflows, createTimeSkippingEnv } from '../helpers/time-skipping';

const plan = builtinPlan('p1-acheng-agriculture');
const HOUR = 3_600_000;
const monitor: Actor = { id: 'wang', role: 'monitor' };
const partyGroup: Actor = { id: 'secretary-li', role: 'party-group' };
const higherOrg: Actor = { id: 'city-zhao', role: 'higher-org' };
const office: Actor = { id: 'office-chen', role: 'office' };

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleIncidentWorkflows()]);
});
afterAll(async () => {
  await env?.teardown();
});

const withP1Incident = (level: string, body: (ctx: IncidentContext) => Promise<void>) =>
  withIncident(env, bundle, plan, level, body);

async function refusalOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe(INPUT_REFUSED);
    return (cause as ApplicationFailure).details?.[0] as { code: string; message: string };
  }
  throw new Error('expected the input to be refused');
}

/** P1 up to the statement's approval, each input sent as the API sends it (again across a new run). */
async function draftAcrossRuns(handle: IncidentContext['handle']): Promise<void> {
  await sendAcrossRuns(handle, completeStep.update, { stepId: 'report-facts', actor: monitor });
  await sendAcrossRuns(handle, completeStep.update, { stepId: 'consult', actor: partyGroup });
  await sendAcrossRuns(handle, completeStep.update, { stepId: 'draft-statement', actor: office });
}

describe('P1 incident under time skipping', () => {
  test('a missed 12-hour public response records a breach and escalates along the office chain', async () => {
    await withP1Incident('l3', async ({ handle, discoveredAt, recorded, timeline }) => {
      await handle.executeUpdate(completeStep.update, { args: [{ stepId: 'report-facts', actor: monitor }] });
      await handle.executeUpdate(completeStep.update, { args: [{ stepId: 'consult', actor: partyGroup }] });
      await handle.executeUpdate(completeStep.update, {
        args: [{ stepId: 'draft-statement', actor: office }],
      });
      await handle.executeUpdate(decideApproval.update, {
        args: [{ stepId: 'approve-statement', actor: partyGroup, decision: 'approve' }],
      });
      await handle.executeUpdate(decideApproval.update, {
        args: [{ stepId: 'approve-statement', actor: higherOrg, decision: 'approve' }],
      });

      const before = await handle.query(getStateQuery);
      expect(before.steps['public-response']).toMatchObject({
        status: 'open',
        dueAt: discoveredAt + 12 * HOUR,
      });
      expect(before.breached).toBe(false);

      const started = performance.now();
      await env.sleep(12 * HOUR + 1_000);
      const state = await eventually(async () => {
        const s = await handle.query(getStateQuery);
        expect(s.breached).toBe(true);
        return s;
      });
      const wallMs = performance.now() - started;
      console.log(`12 h of plan time passed in ${wallMs.toFixed(0)} ms of wall time`);

      const response = state.steps['public-response']!;
      expect(response.status).toBe('open'); // a deadline never closes the work
      expect(response.breaches).toHaveLength(1);
      expect(response.breaches[0]).toMatchObject({
        dueAt: discoveredAt + 12 * HOUR,
        // The owner and its immediate superior first (patch 'stepwise-escalation').
        escalatedTo: ['office', 'party-group'],
      });
      expect(response.breaches[0]!.recordedAt).toBeGreaterThanOrEqual(discoveredAt + 12 * HOUR);
      expect(state.breached).toBe(true);

      const events = await timeline();
      const escalations = await eventually(() => {
        const overdue = recorded.notifications.filter((n) => n.subject.en.includes('[Overdue]'));
        expect(overdue.length).toBeGreaterThanOrEqual(1);
        return overdue;
      });
      expect(escalations[0]!.subject.en).toContain('Respond publicly');
      expect(escalations[0]!.recipients).toEqual(['office', 'party-group']);
      expect(events.filter((e) => e.type === 'deadline-breached').map((e) => e.stepId)).toEqual([
        'public-response',
      ]);
    });
  });

  test('each owner is told when their step opens, approvers stage by stage, and rejected work goes back to its owner', async () => {
    await withP1Incident('l3', async ({ handle, recorded }) => {
      const told = (stepId: string) =>
        recorded.notifications.filter((n) => n.context?.step?.id === stepId).map((n) => n.recipients);
      await eventually(() => expect(told('report-facts')).toEqual([['monitor']]));
      // Notices leave side by side, so they may arrive in any order: find this step's.
      const reportNotice = recorded.notifications.find((n) => n.context?.step?.id === 'report-facts');
      expect(reportNotice!.context).toMatchObject({
        level: { id: 'l3' },
        step: { id: 'report-facts', dueAt: expect.any(Number) as number },
      });
      await handle.executeUpdate(completeStep.update, { args: [{ stepId: 'report-facts', actor: monitor }] });
      await handle.executeUpdate(completeStep.update, { args: [{ stepId: 'consult', actor: partyGroup }] });
      await handle.executeUpdate(completeStep.update, {
        args: [{ stepId: 'draft-statement', actor: office }],
      });
      await eventually(() => expect(told('approve-statement')).toEqual([['party-group']]));
      await handle.executeUpdate(decideApproval.update, {
        args: [{ stepId: 'approve-statement', actor: partyGroup, decision: 'approve' }],
      });
      await eventually(() => expect(told('approve-statement')).toEqual([['party-group'], ['higher-org']]));
      const approvals = recorded.notifications.filter((n) => n.context?.approval);
      expect(approvals.map((n) => n.context!.approval)).toEqual([
        { stepId: 'approve-statement', stage: 0, role: 'party-group' },
        { stepId: 'approve-statement', stage: 1, role: 'higher-org' },
      ]);
      await handle.executeUpdate(decideApproval.update, {
        args: [{ stepId: 'approve-statement', actor: higherOrg, decision: 'reject', comment: '口径需统一' }],
      });
      await eventually(() => expect(told('draft-statement')).toEqual([['office'], ['office']]));
      const rework = recorded.notifications.filter((n) => n.context?.step?.id === 'draft-statement').at(-1)!;
      expect(rework.subject.zh).toContain('退回修改');
      expect(rework.body.zh).toContain('口径需统一');
      // Every notice went out exactly once, each under a key of its own.
      const keys = recorded.notifications.map((n) => n.key);
      expect(new Set(keys).size).toBe(keys.length);
    });
  });

  test('an unreported incident breaches the 30-minute report deadline once, from discovery', async () => {
    await withP1Incident('l2', async ({ handle, discoveredAt, recorded }) => {
      await env.sleep(29 * 60_000);
      expect((await handle.query(getStateQuery)).breached).toBe(false);
      await env.sleep(2 * 60_000);
      let state = await eventually(async () => {
        const s = await handle.query(getStateQuery);
        expect(s.breached).toBe(true);
        return s;
      });
      expect(state.steps['report-facts']!.breaches).toEqual([
        expect.objectContaining({
          dueAt: discoveredAt + 30 * 60_000,
          escalatedTo: ['monitor', 'office'],
        }),
      ]);
      // Hours later it is still one breach for that deadline, and the report can still be made.
      await env.sleep(5 * HOUR);
      state = await handle.query(getStateQuery);
      expect(state.steps['report-facts']!.breaches).toHaveLength(1);
      const verdict = await handle.executeUpdate(completeStep.update, {
        args: [{ stepId: 'report-facts', actor: monitor, note: '迟报' }],
      });
      expect(verdict).toMatchObject({ accepted: true, stepStatus: 'done' });
      // Not done for hours: the miss climbed the chain a role every 30 minutes, each hop told on its own.
      await eventually(() =>
        expect(
          recorded.notifications
            .filter((n) => n.subject.en.includes('[Overdue] Report the facts'))
            .map((n) => n.recipients),
        ).toEqual([['monitor', 'office'], ['party-group'], ['higher-org']]),
      );
      // The answer comes only after the input is stored.
      expect(recorded.storedEvents().map((e) => e.seq)).toContain(verdict.seq);
    });
  });

  test('a rejected statement goes back to drafting and the approval chain starts again', async () => {
    await withP1Incident('l4', async ({ handle }) => {
      for (const [stepId, actor] of [
        ['report-facts', monitor],
        ['consult', partyGroup],
        ['draft-statement', office],
      ] as const) {
        await handle.executeUpdate(completeStep.update, { args: [{ stepId, actor }] });
      }
      await handle.executeUpdate(decideApproval.update, {
        args: [{ stepId: 'approve-statement', actor: partyGroup, decision: 'approve' }],
      });
      const noComment = await refusalOf(
        handle.executeUpdate(decideApproval.update, {
          args: [{ stepId: 'approve-statement', actor: higherOrg, decision: 'reject' }],
        }),
      );
      expect(noComment.code).toBe('comment-required');
      await handle.executeUpdate(decideApproval.update, {
        args: [
          { stepId: 'approve-statement', actor: higherOrg, decision: 'reject', comment: '补充处置结果' },
        ],
      });
      let state = await handle.query(getStateQuery);
      expect(state.steps['draft-statement']!.status).toBe('open');
      expect(state.steps['approve-statement']!.status).toBe('waiting');

      await handle.executeUpdate(completeStep.update, {
        args: [{ stepId: 'draft-statement', actor: office, note: '已补充' }],
      });
      // The chain restarts at the party group, so the higher organization cannot jump the queue.
      const early = await refusalOf(
        handle.executeUpdate(decideApproval.update, {
          args: [{ stepId: 'approve-statement', actor: higherOrg, decision: 'approve' }],
        }),
      );
      expect(early.code).toBe('wrong-role');
      await handle.executeUpdate(decideApproval.update, {
        args: [{ stepId: 'approve-statement', actor: partyGroup, decision: 'approve' }],
      });
      await handle.executeUpdate(decideApproval.update, {
        args: [{ stepId: 'approve-statement', actor: higherOrg, decision: 'approve' }],
      });
      state = await handle.query(getStateQuery);
      expect(state.steps['approve-statement']!.status).toBe('done');
      expect(state.steps['approve-statement']!.decisions!.map((d) => `${d.role}:${d.decision}`)).toEqual([
        'party-group:approve',
        'higher-org:reject',
        'party-group:approve',
        'higher-org:approve',
      ]);
      expect(state.steps['public-response']!.status).toBe('open');
    });
  });

  test('every refused input says why, and a repeated delivery with the same request id is harmless', async () => {
    await withP1Incident('l3', async ({ handle, timeline }) => {
      expect(
        (
          await refusalOf(
            handle.executeUpdate(completeStep.update, { args: [{ stepId: 'nope', actor: monitor }] }),
          )
        ).code,
      ).toBe('unknown-step');
      expect(
        (
          await refusalOf(
            handle.executeUpdate(completeStep.update, { args: [{ stepId: 'consult', actor: partyGroup }] }),
          )
        ).code,
      ).toBe('step-not-open');
      expect(
        (
          await refusalOf(
            handle.executeUpdate(completeStep.update, { args: [{ stepId: 'report-facts', actor: office }] }),
          )
        ).message,
      ).toContain('role monitor');

      const first = await handle.executeUpdate(completeStep.update, {
        args: [{ stepId: 'report-facts', actor: monitor }],
        updateId: 'req-1',
      });
      const again = await handle.executeUpdate(completeStep.update, {
        args: [{ stepId: 'report-facts', actor: monitor }],
        updateId: 'req-1',
      });
      expect(again).toEqual(first);
      const events = await timeline();
      expect(events.filter((e) => e.type === 'step-done' && e.stepId === 'report-facts')).toHaveLength(1);
    });
  });

  test('at level I the higher organization is told at once; the incident closes when every step is done', async () => {
    await withP1Incident('l1', async ({ handle, recorded }) => {
      await handle.executeUpdate(completeStep.update, { args: [{ stepId: 'report-facts', actor: monitor }] });
      // At Ⅰ the party group first hears the higher organization's measures (第四步), then consults.
      for (const [stepId, actor] of [
        ['hear-higher-measures', partyGroup],
        ['consult', partyGroup],
        ['draft-statement', office],
      ] as const) {
        await handle.executeUpdate(completeStep.update, { args: [{ stepId, actor }] });
      }
      for (const actor of [partyGroup, higherOrg]) {
        await handle.executeUpdate(decideApproval.update, {
          args: [{ stepId: 'approve-statement', actor, decision: 'approve' }],
        });
      }
      await handle.executeUpdate(completeStep.update, {
        args: [{ stepId: 'public-response', actor: office }],
      });
      await handle.executeUpdate(completeStep.update, {
        args: [{ stepId: 'commentary', actor: { id: 'zhou', role: 'commentator' } }],
      });
      // Monitoring runs until the lead role declares it subsided: at level I the 局机关工委 (office), under the
      // higher organization (P1 version 3: "在上级党组织的领导下，局机关工委具体负责开展应急工作").
      expect((await handle.query(getStateQuery)).status).toBe('open');
      await handle.executeUpdate(subside.update, { args: [{ actor: office, note: '舆情平息' }] });
      await handle.executeUpdate(submitReview.update, {
        args: [
          {
            stepId: 'review',
            actor: partyGroup,
            answers: { summary: '处置及时', lessons: '加强监测', accountability: '无' },
          },
        ],
      });
      const result = await handle.result();
      expect(result.status).toBe('closed');
      expect(result.breached).toBe(false);
      expect(result.steps['report-higher-org']!.status).toBe('done');
      // The notify step's message (owner notices carry a step context; a notify step's message does not).
      expect(recorded.notifications.filter((n) => !n.context).map((n) => n.recipients)).toEqual([
        ['higher-org'],
      ]);
      const stored = recorded.storedEvents();
      expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
      // A message already on its way when the review closed the incident is still recorded after it.
      expect(stored.filter((e) => !e.type.startsWith('notification-')).at(-1)?.type).toBe('incident-closed');
    });
  });

  test('continues as new in the middle of an incident and carries the whole state over', async () => {
    await withIncident(
      env,
      bundle,
      plan,
      'l3',
      async ({ handle, recorded }) => {
        const firstRun = (await handle.describe()).runId;
        // Sent as the API sends inputs: again while the incident turns them away to continue as new.
        await draftAcrossRuns(handle);
        await sendAcrossRuns(handle, decideApproval.update, {
          stepId: 'approve-statement',
          actor: partyGroup,
          decision: 'approve',
        });
        const carried = await eventually(async () => {
          expect((await handle.describe()).runId).not.toBe(firstRun);
          return handle.query(getStateQuery);
        });
        // The new run knows where the chain stands and refuses what the old run would have refused.
        expect(carried.steps['approve-statement']).toMatchObject({ status: 'open', stage: 1 });
        const again = await refusalOf(
          sendAcrossRuns(handle, decideApproval.update, {
            stepId: 'approve-statement',
            actor: partyGroup,
            decision: 'approve',
          }),
        );
        expect(again.code).toBe('already-decided');
        await sendAcrossRuns(handle, decideApproval.update, {
          stepId: 'approve-statement',
          actor: higherOrg,
          decision: 'approve',
        });
        // Deadline timers are re-armed from the carried due times, not restarted.
        await env.sleep(12 * 3_600_000 + 1_000);
        const late = await eventually(async () => {
          const s = await handle.query(getStateQuery);
          expect(s.steps['public-response']!.breaches).toHaveLength(1);
          return s;
        });
        expect(late.steps['public-response']!.breaches[0]!.dueAt).toBe(
          carried.incident.discoveredAt + 12 * 3_600_000,
        );
        const stored = recorded.storedEvents();
        expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
      },
      { continueAsNewAfterEvents: 40 },
    );
  });

  test('a question the monitor raises after the reply opens its own round, which a new run carries on', async () => {
    await withIncident(
      env,
      bundle,
      plan,
      'l3',
      async ({ handle, recorded }) => {
        const firstRun = (await handle.describe()).runId;
        await draftAcrossRuns(handle);
        for (const actor of [partyGroup, higherOrg]) {
          await sendAcrossRuns(handle, decideApproval.update, {
            stepId: 'approve-statement',
            actor,
            decision: 'approve',
          });
        }
        await sendAcrossRuns(handle, completeStep.update, { stepId: 'public-response', actor: office });
        const commentator: Actor = { id: 'liu', role: 'commentator' };
        const wrongRole = await refusalOf(
          sendAcrossRuns(handle, raiseQuestion.update, { text: '补贴标准从哪来？', actor: commentator }),
        );
        expect(wrongRole.code).toBe('wrong-role');
        await sendAcrossRuns(handle, raiseQuestion.update, { text: '补贴标准从哪来？', actor: monitor });
        const raised = await handle.query(getStateQuery);
        expect(raised.questions).toMatchObject([{ id: 'q1', text: '补贴标准从哪来？', raisedBy: 'wang' }]);
        expect(raised.steps['q1-consult-reply']).toMatchObject({ status: 'open' });
        await eventually(() =>
          expect(
            recorded.notifications
              .filter((n) => n.context?.step?.id === 'q1-consult-reply')
              .map((n) => n.recipients),
          ).toEqual([['party-group']]),
        );
        // The round goes on in a later run, which rebuilds it from the carried questions.
        await eventually(async () => expect((await handle.describe()).runId).not.toBe(firstRun));
        await sendAcrossRuns(handle, completeStep.update, { stepId: 'q1-consult-reply', actor: partyGroup });
        await sendAcrossRuns(handle, completeStep.update, { stepId: 'q1-draft-reply', actor: office });
        await sendAcrossRuns(handle, decideApproval.update, {
          stepId: 'q1-approve-reply',
          actor: partyGroup,
          decision: 'approve',
        });
        const replying = await handle.query(getStateQuery);
        expect(replying.steps['q1-reply']!.dueAt).toBe(raised.questions![0]!.raisedAt + 12 * HOUR);
        await sendAcrossRuns(handle, completeStep.update, { stepId: 'q1-reply', actor: monitor });
        const answered = await handle.query(getStateQuery);
        expect(answered.steps['q1-reply']).toMatchObject({ status: 'done', doneBy: 'wang' });
        expect(answered.steps['track-and-guide']!.status).toBe('open');
      },
      { continueAsNewAfterEvents: 40 },
    );
  });

  test('a promised reply becomes a deadline of its own and escalates from the promiser when missed', async () => {
    await withP1Incident('l3', async ({ handle }) => {
      const now = await env.currentTimeMs();
      const promised = await handle.executeUpdate(promiseMilestone.update, {
        args: [{ actor: office, title: '公布调查结果', reason: '调查组尚未完成取证', dueAt: now + 2 * HOUR }],
      });
      expect(promised.accepted).toBe(true);
      await env.sleep(2 * HOUR + 1_000);
      const state = await eventually(async () => {
        const s = await handle.query(getStateQuery);
        expect(s.milestones['m1']!.breaches).toHaveLength(1);
        return s;
      });
      expect(state.milestones['m1']!.breaches[0]).toMatchObject({
        dueAt: now + 2 * HOUR,
        escalatedTo: ['office', 'party-group'],
      });
      const wrong = await refusalOf(
        handle.executeUpdate(completeMilestone.update, { args: [{ actor: monitor, milestoneId: 'm1' }] }),
      );
      expect(wrong.code).toBe('wrong-role');
      await handle.executeUpdate(completeMilestone.update, { args: [{ actor: office, milestoneId: 'm1' }] });
      expect((await handle.query(getStateQuery)).milestones['m1']!.status).toBe('done');
      const past = await refusalOf(
        handle.executeUpdate(promiseMilestone.update, {
          args: [{ actor: office, title: '补充说明', reason: '待核实', dueAt: now }],
        }),
      );
      expect(past.code).toBe('due-in-past');

      // P4 四(三)："说明原因，给出时间表": the review says why the timetable was needed.
      const replayed = await reviewHistory(
        incidentHistoryFrom(JSON.parse(historyToJSON(await handle.fetchHistory()))),
        () => undefined,
      );
      expect(replayed.findings!.milestones).toEqual([
        expect.objectContaining({ id: 'm1', reason: '调查组尚未完成取证', outcome: 'breached' }),
      ]);
    });
  });

  test('re-classification needs the lead role and a real change, and the lead role follows the level', async () => {
    await withP1Incident('l4', async ({ handle, timeline }) => {
      const byMonitor = await refusalOf(
        handle.executeUpdate(reclassify.update, { args: [{ actor: monitor, level: 'l1', reason: '升级' }] }),
      );
      expect(byMonitor.code).toBe('wrong-role');
      const same = await refusalOf(
        handle.executeUpdate(reclassify.update, { args: [{ actor: office, level: 'l4', reason: '不变' }] }),
      );
      expect(same.code).toBe('same-level');
      const verdict = await handle.executeUpdate(reclassify.update, {
        args: [{ actor: office, level: 'l2', reason: '境外媒体开始关注' }],
      });
      expect(verdict.level).toBe('l2');
      const state = await handle.query(getStateQuery);
      expect(state.leadRole).toBe('party-group');
      const changed = (await timeline()).find((e) => e.type === 'level-changed');
      expect(changed).toMatchObject({
        actor: office.id,
        data: { from: 'l4', to: 'l2', reason: '境外媒体开始关注', leadRole: 'party-group' },
      });
    });
  });

  test('P3: metrics crossing a threshold raise the level by themselves, and 1,000 views is not yet 1,001', async () => {
    const p3 = builtinPlan('p3-work-safety');
    await withIncident(env, bundle, p3, 'l4', async ({ handle, timeline }) => {
      const duty = { id: 'duty-sun', role: 'opinion-division' };
      let verdict = await handle.executeUpdate(updateMetrics.update, {
        args: [{ actor: duty, metrics: { views24h: 1_000, reposts: 100 } }],
      });
      expect(verdict.level).toBe('l4');
      verdict = await handle.executeUpdate(updateMetrics.update, {
        args: [{ actor: duty, metrics: { reposts: 301 } }],
      });
      expect(verdict.level).toBe('l2');
      const state = await handle.query(getStateQuery);
      expect(state.leadRole).toBe(p3.leadRole['l2']);
      const change = (await timeline()).find((e) => e.type === 'level-changed');
      expect(change).toMatchObject({ actor: 'metrics', data: { from: 'l4', to: 'l2' } });
      // Level-IV-only steps that were open are skipped, never dropped; the l2 steps start now.
      const l4Only = p3.steps.filter((s) => s.appliesAt?.length === 1 && s.appliesAt[0] === 'l4');
      for (const s of l4Only) expect(['skipped', 'done']).toContain(state.steps[s.id]!.status);
      expect(state.steps['phone-report']!.status).toBe('open');
    });
  });
});
