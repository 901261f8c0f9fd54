import type { NotifyActivities } from '../../activities/notify';
import type { ProgressRecord, StorageActivities } from '../../activities/storage';
import type { TimelineEvent } from '../../domain/incident';
import type { NotificationRequest } from '../../engine/incident';

/**
 * In-memory stand-ins for the storage and notification activities, for workflow tests under time
 * skipping: they keep what the workflow asked to store and send, keyed like the real ones.
 */
export function recordingActivities() {
  const events = new Map<string, TimelineEvent>();
  const notifications: NotificationRequest[] = [];
  const activities: StorageActivities & NotifyActivities = {
    recordProgress: ({ incident, events: batch }: ProgressRecord) => {
      for (const e of batch) events.set(`${incident.incident.id}:${e.seq}`, e);
      return Promise.resolve();
    },
    sendNotification: (request: NotificationRequest) => {
      notifications.push(request);
      return Promise.resolve({ channel: 'memory', delivered: request.recipients.length });
    },
  };
  return {
    activities,
    notifications,
    storedEvents: () => [...events.values()].sort((a, b) => a.seq - b.seq),
  };
}
