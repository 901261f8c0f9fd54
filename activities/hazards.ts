import type { PrismaClient } from '@prisma/client';
import { hazardWorkflowId, type HazardNoticeRequest, type HazardView } from '../domain/hazard';
import { layMessage } from '../notifications/message';
import { storeHazard } from '../storage/hazards';
import { failedDelivery, notDelivered, type FailedDelivery } from './delivery-failures';
import { dispatch } from './dispatch';
import type { NotifySettings } from './notify';
import { deliveriesOf } from './recipients';

// What a hazard register entry's workflow asks for: its row in the projection, and notices to the people
// behind the plan's roles. A notice has no outbox row (the outbox belongs to incidents); its key travels
// as the webhook's Idempotency-Key and the e-mail's Message-ID, so a receiver can drop a resend.

const at = (ms: number | undefined) => (ms === undefined ? null : new Date(ms));

export function createHazardActivities(prisma: PrismaClient, settings: NotifySettings) {
  const channels = {
    log: settings.log,
    mailer: settings.mailer,
    webhookTimeoutMs: settings.webhookTimeoutMs ?? 10_000,
  };
  return {
    /** Stores the entry as the workflow holds it now; an older snapshot never replaces a newer one. */
    async recordHazard({ view }: { view: HazardView }): Promise<void> {
      const { entry } = view;
      await storeHazard(prisma, {
        id: entry.id,
        workflowId: hazardWorkflowId(entry.id),
        planId: entry.planId,
        section: entry.section,
        hazard: entry.hazard,
        offlineMeasure: entry.offlineMeasure,
        onlineMeasure: entry.onlineMeasure,
        resolveBy: new Date(entry.resolveBy),
        remindAt: new Date(view.remindAt),
        reportedBy: entry.reportedBy,
        reportedAt: new Date(entry.reportedAt),
        status: view.status,
        remindedAt: at(view.remindedAt),
        breachedAt: at(view.breachedAt),
        resolvedAt: at(view.resolvedAt),
        resolvedBy: view.resolvedBy ?? null,
        resolution: view.resolution ?? null,
        incidentId: view.incidentId ?? null,
        version: view.version,
      });
    },

    /** Sends to everyone behind the request's roles; throws naming each delivery that failed. */
    async sendHazardNotice(request: HazardNoticeRequest): Promise<{ delivered: number }> {
      const deliveries = await deliveriesOf(
        prisma,
        request.planId,
        request.recipients,
        channels.mailer !== undefined,
      );
      const message = layMessage(request.subject, request.lines);
      const failures: FailedDelivery[] = [];
      for (const d of deliveries) {
        try {
          await dispatch(channels, d, {
            key: `${request.key}:${d.person?.id ?? d.role}:${d.channel}`,
            message,
          });
        } catch (err) {
          failures.push(failedDelivery(d, err));
        }
      }
      if (failures.length > 0) throw notDelivered(failures);
      return { delivered: deliveries.length };
    },
  };
}

export type HazardActivities = ReturnType<typeof createHazardActivities>;
