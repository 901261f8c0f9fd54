import { type WorkflowHandleWithFirstExecutionRunId, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../contracts/schemas';
import { incidentWorkflow } from '../../workflows';
import {
  completeStepUpdate,
  decideApprovalUpdate,
  getStateQuery,
  getTimelineQuery,
  INPUT_REFUSED,
  incidentWorkflowId,
} from '../../workflows/messages';
import { eventually } from '../helpers/eventually';
import { builtinPlan } from '../helpers/plans';
import { recordingActivities } from '../helpers/recording-activities';
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

/** A fresh worker, task queue and incident per test; `body` runs while the worker polls. */
async function withIncident(
  level: string,
  body: (ctx: {
    handle: WorkflowHandleWithFirstExecutionRunId<typeof incidentWorkflow>;
    discoveredAt: number;
    recorded: ReturnType<typeof recordingActivities>;
  }) => Promise<void>,
): Promise<void> {
  const taskQueue = `test-${randomUUID()}`;
  const recorded = recordingActivities();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: recorded.activities,
  });
  const id = randomUUID();
  const discoveredAt = await env.currentTimeMs();
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(incidentWorkflow, {
      taskQueue,
      workflowId: incidentWorkflowId(id),
      args: [
        {
          incident: { id, title: '测试舆情', summary: '', level, reporter: 'monitor-wang', discoveredAt },
          plan,
        },
      ],
    });
    await body({ handle, discoveredAt, recorded });
  });
}

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

describe('P1 incident under time skipping', () => {
  test('a missed 12-hour public response records a breach and escalates along the office chain', async () => {
    await withIncident('l3', async ({ handle, discoveredAt, recorded }) => {
      await handle.executeUpdate(completeStepUpdate, { args: [{ stepId: 'report-facts', actor: monitor }] });
      await handle.executeUpdate(completeStepUpdate, { args: [{ stepId: 'consult', actor: partyGroup }] });
      await handle.executeUpdate(completeStepUpdate, {
        args: [{ stepId: 'draft-statement', actor: office }],
      });
      await handle.executeUpdate(decideApprovalUpdate, {
        args: [{ stepId: 'approve-statement', actor: partyGroup, decision: 'approve' }],
      });
      await handle.executeUpdate(decideApprovalUpdate, {
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
        escalatedTo: ['office', 'party-group', 'higher-org'],
      });
      expect(response.breaches[0]!.recordedAt).toBeGreaterThanOrEqual(discoveredAt + 12 * HOUR);
      expect(state.breached).toBe(true);

      const timeline = await eventually(async () => {
        const t = await handle.query(getTimelineQuery);
        expect(t.filter((e) => e.type === 'notification-sent')).toHaveLength(1);
        return t;
      });
      const escalation = recorded.notifications.find((n) => n.subject.en.includes('Respond publicly'));
      expect(escalation?.recipients).toEqual(['office', 'party-group', 'higher-org']);
      expect(timeline.filter((e) => e.type === 'deadline-breached').map((e) => e.stepId)).toEqual([
        'public-response',
      ]);
    });
  });

  test('an unreported incident breaches the 30-minute report deadline once, from discovery', async () => {
    await withIncident('l2', async ({ handle, discoveredAt, recorded }) => {
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
          escalatedTo: ['monitor', 'office', 'party-group', 'higher-org'],
        }),
      ]);
      // Hours later it is still one breach for that deadline, and the report can still be made.
      await env.sleep(5 * HOUR);
      state = await handle.query(getStateQuery);
      expect(state.steps['report-facts']!.breaches).toHaveLength(1);
      const verdict = await handle.executeUpdate(completeStepUpdate, {
        args: [{ stepId: 'report-facts', actor: monitor, note: '迟报' }],
      });
      expect(verdict).toMatchObject({ accepted: true, stepStatus: 'done' });
      await eventually(() =>
        expect(recorded.notifications.filter((n) => n.subject.en.includes('Report the facts'))).toHaveLength(
          1,
        ),
      );
      // The answer comes only after the input is stored.
      expect(recorded.storedEvents().map((e) => e.seq)).toContain(verdict.seq);
    });
  });

  test('a rejected statement goes back to drafting and the approval chain starts again', async () => {
    await withIncident('l4', async ({ handle }) => {
      for (const [stepId, actor] of [
        ['report-facts', monitor],
        ['consult', partyGroup],
        ['draft-statement', office],
      ] as const) {
        await handle.executeUpdate(completeStepUpdate, { args: [{ stepId, actor }] });
      }
      await handle.executeUpdate(decideApprovalUpdate, {
        args: [{ stepId: 'approve-statement', actor: partyGroup, decision: 'approve' }],
      });
      const noComment = await refusalOf(
        handle.executeUpdate(decideApprovalUpdate, {
          args: [{ stepId: 'approve-statement', actor: higherOrg, decision: 'reject' }],
        }),
      );
      expect(noComment.code).toBe('comment-required');
      await handle.executeUpdate(decideApprovalUpdate, {
        args: [
          { stepId: 'approve-statement', actor: higherOrg, decision: 'reject', comment: '补充处置结果' },
        ],
      });
      let state = await handle.query(getStateQuery);
      expect(state.steps['draft-statement']!.status).toBe('open');
      expect(state.steps['approve-statement']!.status).toBe('waiting');

      await handle.executeUpdate(completeStepUpdate, {
        args: [{ stepId: 'draft-statement', actor: office, note: '已补充' }],
      });
      // The chain restarts at the party group, so the higher organization cannot jump the queue.
      const early = await refusalOf(
        handle.executeUpdate(decideApprovalUpdate, {
          args: [{ stepId: 'approve-statement', actor: higherOrg, decision: 'approve' }],
        }),
      );
      expect(early.code).toBe('wrong-role');
      await handle.executeUpdate(decideApprovalUpdate, {
        args: [{ stepId: 'approve-statement', actor: partyGroup, decision: 'approve' }],
      });
      await handle.executeUpdate(decideApprovalUpdate, {
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
    await withIncident('l3', async ({ handle }) => {
      expect(
        (
          await refusalOf(
            handle.executeUpdate(completeStepUpdate, { args: [{ stepId: 'nope', actor: monitor }] }),
          )
        ).code,
      ).toBe('unknown-step');
      expect(
        (
          await refusalOf(
            handle.executeUpdate(completeStepUpdate, { args: [{ stepId: 'consult', actor: partyGroup }] }),
          )
        ).code,
      ).toBe('step-not-open');
      expect(
        (
          await refusalOf(
            handle.executeUpdate(completeStepUpdate, { args: [{ stepId: 'report-facts', actor: office }] }),
          )
        ).message,
      ).toContain('role monitor');

      const first = await handle.executeUpdate(completeStepUpdate, {
        args: [{ stepId: 'report-facts', actor: monitor }],
        updateId: 'req-1',
      });
      const again = await handle.executeUpdate(completeStepUpdate, {
        args: [{ stepId: 'report-facts', actor: monitor }],
        updateId: 'req-1',
      });
      expect(again).toEqual(first);
      const timeline = await handle.query(getTimelineQuery);
      expect(timeline.filter((e) => e.type === 'step-done' && e.stepId === 'report-facts')).toHaveLength(1);
    });
  });

  test('at level I the higher organization is told at once; the incident closes when every step is done', async () => {
    await withIncident('l1', async ({ handle, recorded }) => {
      await handle.executeUpdate(completeStepUpdate, { args: [{ stepId: 'report-facts', actor: monitor }] });
      for (const [stepId, actor] of [
        ['consult', partyGroup],
        ['draft-statement', office],
      ] as const) {
        await handle.executeUpdate(completeStepUpdate, { args: [{ stepId, actor }] });
      }
      for (const actor of [partyGroup, higherOrg]) {
        await handle.executeUpdate(decideApprovalUpdate, {
          args: [{ stepId: 'approve-statement', actor, decision: 'approve' }],
        });
      }
      await handle.executeUpdate(completeStepUpdate, {
        args: [{ stepId: 'public-response', actor: office }],
      });
      await handle.executeUpdate(completeStepUpdate, {
        args: [{ stepId: 'commentary', actor: { id: 'zhou', role: 'commentator' } }],
      });
      const result = await handle.result();
      expect(result.status).toBe('closed');
      expect(result.breached).toBe(false);
      expect(result.steps['report-higher-org']!.status).toBe('done');
      expect(recorded.notifications.map((n) => n.recipients)).toEqual([['higher-org']]);
      const stored = recorded.storedEvents();
      expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
      expect(stored.at(-1)?.type).toBe('incident-closed');
    });
  });
});
