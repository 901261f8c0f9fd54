import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

// The bare Temporal references the benchmark measures the service against: a workflow that does nothing,
// and one that answers updates doing nothing, run by a worker in the benchmark's own process.

export const noopUpdate = defineUpdate<number, [number]>('noop');

export async function emptyWorkflow(): Promise<void> {
  // Nothing: start to complete is the server's and the SDK's own cost.
}

/** Answers each update with its argument; a negative one lets it finish. */
export async function updatableWorkflow(): Promise<void> {
  let done = false;
  setHandler(noopUpdate, (n) => {
    if (n < 0) done = true;
    return n;
  });
  await condition(() => done);
}
