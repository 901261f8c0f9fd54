import { ApplicationFailure } from '@temporalio/common';
import { WebhookError } from '../notifications/webhook';
import type { Delivery } from './recipients';

// What the workflow learns when a notification is not delivered: one ApplicationFailure for the whole
// notification, whose message reads as it always has (the workflow records it on the timeline) and whose
// details name each failed delivery. It is non-retryable only when no failed delivery could succeed on
// a later try, so Temporal's retry policy stops at once for a receiver that refused the message.
// The channels' own errors are not attached as its cause: a cause is written to the workflow history
// as it is, and a network error's text can carry a URL with credentials; the details carry masked reasons.

/** Every failed delivery was refused by its receiver: trying again would be refused again. */
export const NOTIFICATION_REJECTED = 'NotificationRejected';
/** At least one failed delivery may succeed on a later try. */
export const NOTIFICATION_UNDELIVERED = 'NotificationUndelivered';

/** One delivery that did not go out, as the failure's details carry it. */
export interface FailedDelivery {
  channel: Delivery['channel'];
  role: string;
  /** Null for a role nobody holds. */
  personId: string | null;
  recipient: string;
  /** Masked, bounded: safe for the outbox, the timeline and the history. */
  reason: string;
  retryable: boolean;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
}

/** Error text for the outbox and the timeline: credentials in URLs are masked, length is bounded. */
export function reasonOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\/\/[^/@\s]+@/g, '//***@').slice(0, 500);
}

export function failedDelivery(d: Delivery, err: unknown): FailedDelivery {
  // Only a channel that knows its receiver refused for good says so; anything else may pass next time.
  const webhook = err instanceof WebhookError ? err : undefined;
  return {
    channel: d.channel,
    role: d.role,
    personId: d.person?.id ?? null,
    recipient: d.recipient,
    reason: reasonOf(err),
    retryable: webhook?.retryable ?? true,
    ...(webhook?.status === undefined ? {} : { status: webhook.status }),
  };
}

const described = (f: FailedDelivery) =>
  `${f.channel} to ${f.personId ?? f.role} (${f.recipient}): ${f.reason}`;

export function notDelivered(failures: FailedDelivery[]): ApplicationFailure {
  const nonRetryable = failures.every((f) => !f.retryable);
  return ApplicationFailure.create({
    message: `not delivered: ${failures.map(described).join('; ')}`,
    type: nonRetryable ? NOTIFICATION_REJECTED : NOTIFICATION_UNDELIVERED,
    nonRetryable,
    details: failures,
  });
}
