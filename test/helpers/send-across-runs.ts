import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { sendInput } from '../../api/execute-input';
import type { Verdict } from '../../domain/incident';

/**
 * sendInput, and once more when the Java time-skipping server answers NotFound ("Completed workflow")
 * for an update that arrives just as the run continues as new: the dev server routes such an update to
 * the new run, the test server sometimes does not. The update was not taken (a run continues as new
 * only with every handler finished), so sending it again (same update id) applies it once.
 */
export async function sendAcrossRuns<I>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Verdict, [I]>,
  input: I,
  updateId: string = randomUUID(),
): Promise<Verdict> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await sendInput(handle, update, input, updateId);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError) || attempt >= 20) throw err;
      if ((await handle.describe()).status.name !== 'RUNNING') throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
