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
  });
}
