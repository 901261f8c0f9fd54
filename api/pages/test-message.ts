import { randomUUID } from 'node:crypto';
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FailedDelivery } from '../../activities/delivery-failures';
import type { DirectMessageSent } from '../../activities/direct-message';
import { startDirectMessage } from '../direct-message';

// An operator's test message to one person, sent as a sign-in link is: by the worker's direct-message
// workflow, through the channels the worker is configured with (the API holds no SMTP settings), so a
// message that arrives proves the address, the bot's format and its signing secret exactly as an
// incident's messages will use them. The operator waits for the outcome, but not for ever: a receiver
// that keeps failing is retried by Temporal after the page has said so.

export interface TestMessageDeps {
  client: Client;
  taskQueue: string;
  /** How long the page waits for the worker's outcome before saying it is still trying. */
  waitMs?: number;
}

export type TestMessageOutcome =
  | { kind: 'sent'; sent: DirectMessageSent['sent'] }
  /** Every failed channel, its reason masked as the outbox masks it. */
  | { kind: 'failed'; failures: FailedDelivery[] }
  /** Nothing the worker can send by: no webhook, and no address or no mailer. */
  | { kind: 'no-channel' }
  /** Gone, or made inactive, while the message was on its way. */
  | { kind: 'no-person' }
  /** Not settled within the wait: the worker goes on retrying. */
  | { kind: 'pending' };

/** One workflow per test: a second test is a second message, never a repeat the receiver may drop. */
export const testMessageWorkflowId = (personId: string): string => `test-message-${personId}-${randomUUID()}`;

/** The activity's failure inside the workflow's: its type says which outcome it was. */
function outcomeOfFailure(err: unknown): TestMessageOutcome | undefined {
  if (!(err instanceof WorkflowFailedError)) return undefined;
  // The workflow does not catch its activity's failure: WorkflowFailed ← ActivityFailure ← Application.
  const failure = err.cause?.cause;
  if (!(failure instanceof ApplicationFailure)) return undefined;
  if (failure.type === 'NoChannel') return { kind: 'no-channel' };
  if (failure.type === 'NoSuchPerson') return { kind: 'no-person' };
  const failures = (failure.details ?? []) as FailedDelivery[];
  return failures.length > 0 ? { kind: 'failed', failures } : undefined;
}

export async function sendTestMessage(
  { client, taskQueue, waitMs = 15_000 }: TestMessageDeps,
  personId: string,
): Promise<TestMessageOutcome> {
  const workflowId = testMessageWorkflowId(personId);
  const handle = await startDirectMessage(client, taskQueue, workflowId, { kind: 'test', personId });
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'pending'>((resolve) => {
    timer = setTimeout(() => resolve('pending'), waitMs);
  });
  try {
    const result = await Promise.race([handle.result(), waited]);
    return result === 'pending' ? { kind: 'pending' } : { kind: 'sent', sent: result.sent };
  } catch (err) {
    const outcome = outcomeOfFailure(err);
    if (outcome) return outcome;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
