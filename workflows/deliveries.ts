import { proxyActivities } from '@temporalio/workflow';
import type { NotifyActivities } from '../activities/notify';
import type { IncidentState, NotificationRequest } from '../domain/incident';
import * as engine from '../engine/incident';
import type { Run } from './run';

// Notifications give up after a few tries and are reported on the timeline instead: a message that
// cannot be delivered is never a reason to fail the incident.
const notify = proxyActivities<NotifyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '30 seconds', maximumAttempts: 5 },
});

/** Notices in flight at once beside the main loop (patch 'engine-correctness'); more wait their turn. */
export const DELIVERIES_IN_FLIGHT = 8;

/** Sends one notice and records on the timeline whether it went out. */
export async function deliver(state: IncidentState, request: NotificationRequest): Promise<void> {
  try {
    const receipt = await notify.sendNotification(request);
    engine.record(state, Date.now(), {
      type: 'notification-sent',
      data: {
        key: request.key,
        recipients: request.recipients,
        channel: receipt.channel,
        causeSeq: request.causeSeq,
      },
    });
  } catch (err) {
    engine.record(state, Date.now(), {
      type: 'notification-failed',
      data: {
        key: request.key,
        recipients: request.recipients,
        causeSeq: request.causeSeq,
        reason:
          err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err),
      },
    });
  }
}

/**
 * Under 'engine-correctness' a notice is sent beside the loop: storing and answering never wait for a
 * peer that is slow or hangs. Its outcome is recorded on the timeline when it comes back.
 */
function sendBeside(run: Run, request: NotificationRequest): void {
  run.inFlight.add(request);
  void deliver(run.state, request).finally(() => {
    run.inFlight.delete(request);
  });
}

/**
 * Notices whose cause is stored leave now, before the loop stores anything else: the input that caused
 * them is answered once stored, and a notice still waiting then could be overtaken by the next input
 * and dropped. A notice overtaken before it leaves is dropped: it would ask for what is done.
 */
export function dispatchStored(run: Run): void {
  const waiting: NotificationRequest[] = [];
  for (const next of run.outbox.splice(0)) {
    if (next.causeSeq > run.persisted || run.inFlight.size >= DELIVERIES_IN_FLIGHT) waiting.push(next);
    else if (engine.noticeStillDue(run.state, next)) sendBeside(run, next);
  }
  run.outbox.push(...waiting);
}

export const canSend = (run: Run): boolean =>
  run.outbox.length > 0 && run.inFlight.size < DELIVERIES_IN_FLIGHT;

export const idle = (run: Run): boolean => run.outbox.length === 0 && run.inFlight.size === 0;
