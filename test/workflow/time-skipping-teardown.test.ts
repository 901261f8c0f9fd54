import { createTestWorker, createTimeSkippingEnv } from '../helpers/time-skipping';

// A test that times out leaves its worker running; the server's teardown must not leave that worker
// retrying polls against a dead port for ever (it held a whole CI run open past its limit once).
test('tearing the time-skipping server down first stops a worker a test left running, and leaves the server up for that test until the next teardown', async () => {
  const env = await createTimeSkippingEnv();
  const worker = await createTestWorker(env, {
    taskQueue: 'left-running',
    activities: { idle: () => Promise.resolve() },
  });
  const run = worker.run();
  expect(worker.getState()).toBe('RUNNING');

  await env.teardown();

  expect(worker.getState()).toBe('STOPPED');
  await expect(run).resolves.toBeUndefined();
  // The server stayed up for the timed-out test's body; with no worker left, the next teardown closes it.
  expect(await env.currentTimeMs()).toBeGreaterThan(0);
  await env.teardown();
  await expect(env.currentTimeMs()).rejects.toThrow();
});
