import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Actor } from '../../domain/incident';
import type { CompleteStepInput } from '../../inputs/complete-step';
import type { PromiseMilestoneInput } from '../../inputs/promise-milestone';
import { traceSinks } from '../../review/trace-sinks';
import { incidentWorkflow } from '../../workflows';
import { getStateQuery, incidentWorkflowId } from '../../workflows/messages';
import { completeStep } from '../../inputs/complete-step';
import { updateMetrics } from '../../inputs/update-metrics';
import { promiseMilestone } from '../../inputs/promise-milestone';
import { close } from '../../inputs/close';
import { sendAcrossRuns } from '../helpers/send-across-runs';
import { eventually } from '../helpers/eventually';
import { withIncident } from '../helpers/incident-env';
import { builtinPlan } from '../helpers/plans';
import { recordingActivities } from '../helpers/recording-activities';
import { bundleIncidentWorkflows, createTestWorker, createTimeSkippingEnv } from '../helpers/time-skipping';

// Engine correctness on the workflow itself (patch 'engine-correctness'), under time skipping.

const plan = builtinPlan('p1-acheng-agriculture');
const MINUTE = 60_000;
const monitor: Actor = { id: 'wang', role: 'monitor' };
const office: Actor = { id: 'office-chen', role: 'office' };

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleIncidentWorkflows()]);
});
afterAll(async () => {
  await env?.teardown();
});

test('a request repeated with the same id after a continue-as-new gets its first answer and is applied once', async () => {
  await withIncident(
    env,
    bundle,
    plan,
    'l3',
    async ({ handle, timeline }) => {
      const firstRun = (await handle.describe()).runId;
      const promise: { args: [PromiseMilestoneInput]; updateId: string } = {
        args: [
          {
            actor: office,
            title: '答复村民土地流转费用问题',
            reason: '费用明细正在核对',
            dueAt: (await env.currentTimeMs()) + 3_600_000,
          },
        ],
        updateId: 'operator:k1 reply-timetable-1',
      };
      const complete: { args: [CompleteStepInput]; updateId: string } = {
        args: [{ stepId: 'report-facts', actor: monitor }],
        updateId: 'operator:k1 report-facts-1',
      };
      const promised = await handle.executeUpdate(promiseMilestone.update, promise);
      const completed = await handle.executeUpdate(completeStep.update, complete);
      // Metrics until the server-side limit makes the incident continue as new.
      await eventually(async () => {
        await sendAcrossRuns(handle, updateMetrics.update, {
          actor: monitor,
          metrics: { views24h: Math.floor(Math.random() * 100) },
        });
        expect((await handle.describe()).runId).not.toBe(firstRun);
      }, 30_000);

      // Sent as the API sends inputs: again while the incident turns them away to continue as new.
      expect(
        await sendAcrossRuns(handle, promiseMilestone.update, promise.args[0], promise.updateId),
      ).toEqual(promised);
      expect(await sendAcrossRuns(handle, completeStep.update, complete.args[0], complete.updateId)).toEqual(
        completed,
      );
      const state = await handle.query(getStateQuery);
      expect(Object.keys(state.milestones)).toEqual(['m1']);
      const events = await timeline();
      expect(events.filter((e) => e.type === 'milestone-promised')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'step-done' && e.stepId === 'report-facts')).toHaveLength(1);
    },
    { continueAsNewAfterEvents: 60 },
  );
});

test('a completion that reaches the worker together with its deadline timer is still late, and the breach stays on record', async () => {
  const taskQueue = `late-${randomUUID()}`;
  const recorded = recordingActivities();
  const newWorker = () =>
    createTestWorker(env, {
      taskQueue,
      workflowBundle: bundle,
      activities: recorded.activities,
      sinks: traceSinks(),
      // A fresh worker must pick the incident up from the normal queue, not wait for a dead sticky one.
      maxCachedWorkflows: 0,
    });
  const id = randomUUID();
  const discoveredAt = await env.currentTimeMs();
  const handle = await env.client.workflow.start(incidentWorkflow, {
    taskQueue,
    workflowId: incidentWorkflowId(id),
    args: [
      {
        incident: { id, title: '测试舆情', summary: '', level: 'l3', reporter: 'monitor-wang', discoveredAt },
        plan,
      },
    ],
  });
  // The incident opens; report-facts is due 30 minutes after discovery.
  await (
    await newWorker()
  ).runUntil(
    eventually(async () => {
      const s = await handle.query(getStateQuery);
      expect(s.steps['report-facts']).toMatchObject({ status: 'open', dueAt: discoveredAt + 30 * MINUTE });
      // Quiet before the worker goes: every notice sent and stored, nothing left for a worker to do.
      expect(s.lastSeq).toBe(recorded.storedEvents().length);
      expect(recorded.storedEvents().filter((e) => e.type === 'notification-sent')).toHaveLength(2);
      const pending = (await handle.describe()).raw;
      expect([pending.pendingActivities?.length ?? 0, pending.pendingWorkflowTask ?? null]).toEqual([
        0,
        null,
      ]);
    }),
  );
  // No worker while the deadline passes: its timer fires into the history with nobody to run it. (The
  // test server stops skipping time once a workflow task waits for a worker: the last seconds are real.)
  await env.sleep(30 * MINUTE + 2_000);
  const answered = handle.executeUpdate(completeStep.update, {
    args: [{ stepId: 'report-facts', actor: monitor, note: '已电话上报' }],
  });
  await (
    await newWorker()
  ).runUntil(async () => {
    await answered;
    const s = await handle.query(getStateQuery);
    expect(s.breached).toBe(true);
    expect(s.steps['report-facts']!.breaches).toMatchObject([{ dueAt: discoveredAt + 30 * MINUTE }]);
    const events = recorded.storedEvents();
    const breach = events.find((e) => e.type === 'deadline-breached' && e.stepId === 'report-facts');
    const done = events.find((e) => e.type === 'step-done' && e.stepId === 'report-facts');
    expect(breach).toBeDefined();
    expect(breach!.seq).toBeLessThan(done!.seq);
    expect(done!.data.lateByMs).toBeGreaterThanOrEqual(2_000);
    await handle.executeUpdate(close.update, {
      args: [{ actor: { id: 'lead', role: s.leadRole }, reason: 'test over' }],
    });
    await handle.result();
  });
});
