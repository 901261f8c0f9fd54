import type { Client, WorkflowHandle } from '@temporalio/client';
import type { DirectMessageRequest } from '../activities/direct-message';
import type { directMessageWorkflow } from '../workflows/direct-message';

// Starting the worker's direct-message workflow (a sign-in link, an operator's test): one workflow per
// message, its id also the message's key, so a receiver drops only a true repeat. Started by name: the
// API process does not load workflow code.

/** Each kind of request without its key (Omit over the union, kind by kind). */
type Unkeyed<R> = R extends unknown ? Omit<R, 'key'> : never;

export async function startDirectMessage(
  client: Client,
  taskQueue: string,
  workflowId: string,
  request: Unkeyed<DirectMessageRequest>,
): Promise<WorkflowHandle<typeof directMessageWorkflow>> {
  return client.workflow.start<typeof directMessageWorkflow>('directMessageWorkflow', {
    taskQueue,
    workflowId,
    args: [{ ...request, key: workflowId } as DirectMessageRequest],
  });
}
