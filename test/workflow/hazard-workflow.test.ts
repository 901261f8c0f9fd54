import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { HazardActivities } from '../../activities/hazards';
import {
  hazardRolesOf,
  type HazardNoticeRequest,
  type HazardView,
  type HazardWorkflowInput,
} from '../../domain/hazard';
import { hazardWorkflow } from '../../workflows';
import {
  escalateHazardUpdate,
  getHazardQuery,
  hazardWorkflowId,
  resolveHazardUpdate,
} from '../../workflows/hazard-messages';
import { eventually } from '../helpers/eventually';
import { builtinPlan } from '../helpers/plans';
import { bundleIncidentWorkflows, createTestWorker, createTimeSkippingEnv } from '../helpers/time-skipping';

// P4 (温泉街道) 四(一): "将舆情隐患摸排工作作为一项常态工作来抓，各单位要根据工作开展情况，随时摸排舆情隐患，填写
// 网络舆情隐患排查表（附件3）及时上报领导小组办公室进行汇总". Each row of 附件3 — 科室 | 舆情隐患内容 | 线下处置
// 措施 | 线上管控措施及引导口径 | 解决时限 — is its own workflow, held to its 解决时限 under time skipping.

const plan = builtinPlan('p4-wenquan-subdistrict');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleIncidentWorkflows()]);
});
afterAll(async () => {
  await env?.teardown();
});

interface HazardContext {
  handle: WorkflowHandleWithFirstExecutionRunId<typeof hazardWorkflow>;
  input: HazardWorkflowInput;
  notices: HazardNoticeRequest[];
  /** The latest snapshot the workflow stored. */
  stored: () => HazardView | undefined;
}

async function withHazard(resolveIn: number, body: (ctx: HazardContext) => Promise<void>): Promise<void> {
  const taskQueue = `hazard-${randomUUID()}`;
  const notices: HazardNoticeRequest[] = [];
  let latest: HazardView | undefined;
  const activities: HazardActivities = {
    recordHazard: ({ view }) => {
      if (!latest || latest.version < view.version) latest = view;
      return Promise.resolve();
    },
    sendHazardNotice: (request) => {
      notices.push(request);
      return Promise.resolve({ delivered: request.recipients.length });
    },
  };
  const worker = await createTestWorker(env, {
    taskQueue,
    workflowBundle: bundle,
    activities,
  });
  const roles = hazardRolesOf(plan);
  if (typeof roles === 'string') throw new Error(roles);
  const reportedAt = await env.currentTimeMs();
  const id = randomUUID();
  const input: HazardWorkflowInput = {
    entry: {
      id,
      planId: plan.id,
      section: '城建科',
      hazard: '温泉小镇施工噪音扰民，居民拟在微博投诉',
      offlineMeasure: '约谈施工单位，夜间停工',
      onlineMeasure: '网评员关注微博话题，按统一口径回复',
      resolveBy: reportedAt + resolveIn,
      reportedBy: 'informant-sun',
      reportedAt,
    },
    roles,
  };
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(hazardWorkflow, {
      taskQueue,
      workflowId: hazardWorkflowId(id),
      args: [input],
    });
    try {
      await body({ handle, input, notices, stored: () => latest });
    } finally {
      const { status } = await handle.query(getHazardQuery);
      if (status === 'open' || status === 'overdue') {
        await handle.executeUpdate(resolveHazardUpdate, { args: [{ by: 'test-teardown' }] });
      }
      await handle.result();
    }
  });
}

const kinds = (notices: HazardNoticeRequest[]) => notices.map((n) => n.key.split(':').at(-1));

describe('P4 hazard register entry (随时摸排舆情隐患，填写网络舆情隐患排查表（附件3）及时上报领导小组办公室进行汇总)', () => {
  test('the office is told of the entry, reminded a day before its 解决时限, and past it a breach is recorded and the office director told; the entry keeps waiting until resolved', async () => {
    await withHazard(3 * DAY, async ({ handle, input, notices, stored }) => {
      const { resolveBy, reportedAt } = input.entry;
      await eventually(() => expect(kinds(notices)).toEqual(['reported']));
      expect(notices[0]!.recipients).toEqual(['office']);
      expect(notices[0]!.subject.zh).toBe('【隐患上报】城建科：温泉小镇施工噪音扰民，居民拟在微博投诉');
      await eventually(() => expect(stored()?.status).toBe('open'));
      expect(stored()!.remindAt).toBe(resolveBy - DAY);

      // Two days on: the reminder, to the section's unit and the office.
      await env.sleep(2 * DAY + 1_000);
      const reminded = await eventually(async () => {
        const view = await handle.query(getHazardQuery);
        expect(view.remindedAt).toBeDefined();
        return view;
      });
      expect(reminded.remindedAt).toBeGreaterThanOrEqual(reportedAt + 2 * DAY);
      expect(reminded.status).toBe('open');
      await eventually(() => expect(kinds(notices)).toEqual(['reported', 'reminder']));
      expect(notices[1]!.recipients).toEqual(['involved-unit', 'office']);
      expect(notices[1]!.lines.map((l) => l.zh)).toEqual([
        expect.stringContaining('剩余 1 天') as string,
        '线下处置措施：约谈施工单位，夜间停工',
        '线上管控措施及引导口径：网评员关注微博话题，按统一口径回复',
      ]);

      // Past the deadline: breached, escalated one hop above the office, and still waiting.
      await env.sleep(DAY + HOUR);
      const overdue = await eventually(async () => {
        const view = await handle.query(getHazardQuery);
        expect(view.status).toBe('overdue');
        return view;
      });
      expect(overdue.breachedAt).toBeGreaterThanOrEqual(resolveBy);
      await eventually(() => expect(kinds(notices)).toEqual(['reported', 'reminder', 'overdue']));
      expect(notices[2]!.recipients).toEqual(['involved-unit', 'office', 'office-director']);
      expect(notices[2]!.subject.zh).toContain('【隐患超时】城建科');
      await eventually(() => expect(stored()?.status).toBe('overdue'));
      expect((await handle.describe()).status.name).toBe('RUNNING');

      // Resolved late: answered once stored, with how late; the workflow ends.
      const resolved = await handle.executeUpdate(resolveHazardUpdate, {
        args: [{ by: 'section-head-zhao', note: '施工单位已整改，话题已平息' }],
      });
      expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: 'section-head-zhao' });
      expect(resolved.lateByMs).toBeGreaterThanOrEqual(HOUR);
      expect(stored()).toMatchObject({ status: 'resolved', resolution: '施工单位已整改，话题已平息' });
      const result = await handle.result();
      expect(result.status).toBe('resolved');
      expect(result.notices.map((n) => [n.kind, n.delivered])).toEqual([
        ['reported', true],
        ['reminder', true],
        ['overdue', true],
      ]);
    });
  });

  test("resolved before its deadline: no reminder and no breach, and the entry's workflow ends", async () => {
    await withHazard(3 * DAY, async ({ handle, notices }) => {
      await eventually(() => expect(kinds(notices)).toEqual(['reported']));
      const resolved = await handle.executeUpdate(resolveHazardUpdate, {
        args: [{ by: 'section-head-zhao' }],
      });
      expect(resolved.status).toBe('resolved');
      expect(resolved.lateByMs).toBeUndefined();
      await handle.result();
      await env.sleep(4 * DAY);
      expect(kinds(notices)).toEqual(['reported']);
    });
  });

  test('an entry that breaks out becomes an incident: it records the incident and closes as became-incident', async () => {
    await withHazard(3 * DAY, async ({ handle, stored }) => {
      const incidentId = randomUUID();
      const escalated = await handle.executeUpdate(escalateHazardUpdate, {
        args: [{ by: 'office-chen', incidentId }],
      });
      expect(escalated).toMatchObject({ status: 'became-incident', incidentId, escalatedBy: 'office-chen' });
      expect(stored()).toMatchObject({ status: 'became-incident', incidentId });
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'became-incident', incidentId });
      // The entry's workflow is over: the server answers a later input NOT_FOUND, which the API turns
      // into 409 hazard-closed from the stored row (test/integration/hazard-register-api.test.ts).
      await expect(
        handle.executeUpdate(resolveHazardUpdate, { args: [{ by: 'section-head-zhao' }] }),
      ).rejects.toBeInstanceOf(WorkflowNotFoundError);
    });
  });

  test('with less than two days to its deadline, the reminder comes halfway', async () => {
    await withHazard(10 * HOUR, async ({ handle, input, notices }) => {
      const view = await handle.query(getHazardQuery);
      expect(view.remindAt).toBe(input.entry.reportedAt + 5 * HOUR);
      await env.sleep(5 * HOUR + 1_000);
      await eventually(() => expect(kinds(notices)).toEqual(['reported', 'reminder']));
      expect(notices[1]!.lines[0]!.zh).toContain('剩余 5 小时');
    });
  });
});
