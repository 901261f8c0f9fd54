import type { PrismaClient } from '@prisma/client';
import { type NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { NotifySettings } from '../activities/notify';
import { traceSinks } from '../review/trace-sinks';

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  prisma: PrismaClient;
  notify: NotifySettings;
  /** On shutdown, how long activities in hand may run on before they are cancelled. */
  shutdownGraceMs?: number;
  /** Worker versioning: this build within its deployment; unset, the worker is unversioned. */
  deployment?: { name: string; buildId: string } | undefined;
}

/** The incident worker: the plan interpreter workflow plus storage and notification activities. */
export function createIncidentWorker(deps: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    workflowsPath: require.resolve('../workflows'),
    activities: createActivities(deps.prisma, deps.notify),
    sinks: traceSinks(),
    // From the benchmark (docs/benchmarks.md): an incident idles for hours, so a bounded cache keeps the
    // worker near 1 GiB (about 0.45 MiB a cached incident; one evicted is replayed when it wakes); more
    // pollers, as many on the shared queue as on the worker's own, take new incidents up twice as fast;
    // and tasks left on a dead worker's own queue move to the shared one after 5 s, not 10.
    maxCachedWorkflows: 1_000,
    workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: 40 },
    nonStickyToStickyPollRatio: 1,
    stickyQueueScheduleToStartTimeout: '5 seconds',
    ...(deps.shutdownGraceMs === undefined ? {} : { shutdownGraceTime: deps.shutdownGraceMs }),
    // An incident runs for days: pinning it to the build it started on would keep every old build
    // running until its last incident closed. Auto-upgrade moves it to the current build on its next
    // task, which patched() makes safe (docs/deploy.md, Upgrades).
    ...(deps.deployment && {
      workerDeploymentOptions: {
        version: { deploymentName: deps.deployment.name, buildId: deps.deployment.buildId },
        useWorkerVersioning: true,
        defaultVersioningBehavior: 'AUTO_UPGRADE',
      },
    }),
  });
}
