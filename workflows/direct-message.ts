import { proxyActivities } from '@temporalio/workflow';
import type {
  DirectMessageActivities,
  DirectMessageRequest,
  DirectMessageSent,
} from '../activities/direct-message';

// One message to one person, delivered by the worker through the channels it is configured with (the
// API holds no SMTP settings), retried by Temporal like any notification. The request carries no link:
// a sign-in link is signed by the activity as it sends, so no credential is written to the history.

const { sendDirectMessage } = proxyActivities<DirectMessageActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '2 seconds',
    maximumInterval: '30 seconds',
    maximumAttempts: 5,
    nonRetryableErrorTypes: ['NoSuchPerson', 'NoChannel'],
  },
});

export async function directMessageWorkflow(request: DirectMessageRequest): Promise<DirectMessageSent> {
  return await sendDirectMessage(request);
}
