import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { NotifyActivities } from '../../activities/notify';
import { sendInput } from '../../api/execute-input';
import type { StorageActivities } from '../../activities/storage';
import type { Metrics, Plan } from '../../domain/plan-schema';
import { incidentWorkflow } from '../../workflows';
import type { TimelineEvent } from '../../domain/incident';
import { getStateQuery, getTimelineQuery, incidentWorkflowId } from '../../workflows/messages';
import { close } from '../../inputs/close';
import type { IncidentHandle } from './incident-driver';
import { traceSinks } from '../../review/trace-sinks';
import { recordingActivities } from './recording-activities';
import { createTestWorker } from './time-skipping';

export interface IncidentContext {
  handle: IncidentHandle;
  discoveredAt: number;
  recorded: ReturnType<typeof recordingActivities>;
  /** The whole timeline: what the workflow stored, then what it holds but has not stored yet. */
  timeline: () => Promise<TimelineEvent[]>;
}

export interface IncidentOptions {
  metrics?: Metrics;
  /** The plan's flags that hold from intake. */
  flags?: string[];
  continueAsNewAfterEvents?: number;
  /** Stand-ins used instead of the recording ones (a peer that hangs, say). */
  activities?: Partial<StorageActivities & NotifyActivities>;
}

/**
 * Runs `body` against a new incident on a fresh worker and task queue, under the shared time-skipping
 * environment; the worker stops when the body ends.
 */
export async function withIncident(
  env: TestWorkflowEnvironment,
  bundle: WorkflowBundleWithSourceMap,
  plan: Plan,
  level: string,
  body: (ctx: IncidentContext) => Promise<void>,
  extra: IncidentOptions = {},
): Promise<void> {
  const taskQueue = `test-${randomUUID()}`;
  const recorded = recordingActivities();
  const worker = await createTestWorker(env, {
    taskQueue,
    workflowBundle: bundle,
    activities: { ...recorded.activities, ...extra.activities },
    sinks: traceSinks(),
  });
  const id = randomUUID();
  const discoveredAt = await env.currentTimeMs();
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(incidentWorkflow, {
      taskQueue,
      workflowId: incidentWorkflowId(id),
      args: [
        {
          incident: {
            id,
            title: '测试舆情',
            summary: '',
            level,
            reporter: 'monitor-wang',
            discoveredAt,
            ...(extra.metrics ? { metrics: extra.metrics } : {}),
            ...(extra.flags ? { flags: extra.flags } : {}),
          },
          plan,
          ...(extra.continueAsNewAfterEvents
            ? { continueAsNewAfterEvents: extra.continueAsNewAfterEvents }
            : {}),
        },
      ],
    });
    try {
      const timeline = async () => {
        const stored = recorded.storedEvents();
        const lastStored = stored.at(-1)?.seq ?? 0;
        const held = await handle.query(getTimelineQuery, { afterSeq: lastStored });
        return [...stored, ...held];
      };
      await body({ handle, discoveredAt, recorded, timeline });
    } finally {
      // An incident left running keeps timers and may have activities in flight; terminating it under
      // time skipping can leave the test server's clock locked for later tests. Close it as its lead
      // role would, while this worker still runs, and wait until it has finished.
      const state = await handle.query(getStateQuery);
      if (state.status !== 'closed') {
        await sendInput(handle, close.update, {
          actor: { id: 'test-teardown', role: state.leadRole },
          reason: 'test over',
        });
      }
      await handle.result();
    }
  });
}
