import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Worker,
  type WorkflowBundle,
} from '@temporalio/worker';
import type { BenchStack } from './stack';

let bundle: Promise<WorkflowBundle> | undefined;

/** A worker in the benchmark's process for the bare references (noop-workflow.ts), on its own queue. */
export async function startBareWorker(
  stack: BenchStack,
): Promise<{ taskQueue: string; stop(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address: stack.temporalAddress });
  const taskQueue = `${stack.taskQueue}-bare`;
  const worker = await Worker.create({
    connection,
    namespace: stack.namespace,
    taskQueue,
    // Bundled once for every figure that needs it: bundling takes seconds of the benchmark's time.
    workflowBundle: await (bundle ??= bundleWorkflowCode({
      workflowsPath: require.resolve('./noop-workflow'),
      logger: new DefaultLogger('WARN'),
    })),
  });
  const running = worker.run();
  return {
    taskQueue,
    stop: async () => {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
