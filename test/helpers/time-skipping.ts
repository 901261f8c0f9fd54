import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  Worker,
  type WorkerOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { temporalTestServer } from '../../scripts/paths';

const started = new Set<Worker>();

/**
 * The Java time-skipping server from Maven Central, started through the launcher setup.sh writes. Its
 * teardown first stops the workers a test left running (one that timed out mid-body): a worker whose
 * server is gone retries its polls for ever, and on two cores jest runs in band, so it would hold the
 * whole run open.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServer } },
  });
  const teardown = env.teardown.bind(env);
  env.teardown = async () => {
    // A worker left running means a test timed out and its body still runs. Closing the server now
    // would make that body's client calls throw from the SDK's retry timers into whichever file runs
    // next, so this server is left to the end of the run; a later teardown closes it.
    if ((await stopLeftoverWorkers()) > 0) {
      console.warn('a test timed out: its time-skipping server stays up until the run ends');
      return;
    }
    await teardown();
  };
  return env;
}

/** A worker on the environment's server, stopped by the environment's teardown if still running then. */
export async function createTestWorker(
  env: TestWorkflowEnvironment,
  options: Omit<WorkerOptions, 'connection'>,
): Promise<Worker> {
  const worker = await Worker.create({ connection: env.nativeConnection, ...options });
  started.add(worker);
  return worker;
}

/** Stops the workers still running; how many there were. */
async function stopLeftoverWorkers(): Promise<number> {
  const running = [...started].filter((w) => w.getState() === 'RUNNING');
  started.clear();
  for (const worker of running) {
    console.warn(`stopping a worker left running on task queue ${worker.options.taskQueue}`);
    worker.shutdown();
  }
  const deadline = Date.now() + 30_000;
  while (running.some((w) => !['STOPPED', 'FAILED'].includes(w.getState())) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return running.length;
}

export function bundleIncidentWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger });
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (m: string) => console.warn(m),
  error: (m: string) => console.error(m),
};
