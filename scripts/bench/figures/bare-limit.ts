import { startBareWorker } from '../bare-worker';
import type { Figure } from '../figure';
import { load } from '../stats';

/** How fast this server and SDK start and complete a workflow that does nothing: the ceiling. */
export const bareLimit: Figure = {
  id: 'bare-limit',
  title: 'bare limit: empty workflow start→complete',
  goal: 'reported',
  async run({ stack, quick }) {
    const bare = await startBareWorker(stack);
    try {
      const n = quick ? 20 : 500;
      const { perSecond } = await load(n, 20, async (i) => {
        await stack.client.workflow.execute('emptyWorkflow', {
          taskQueue: bare.taskQueue,
          workflowId: `bench-empty-${Date.now()}-${i}`,
        });
      });
      return { value: { perSecond, n }, met: null };
    } finally {
      await bare.stop();
    }
  },
};
