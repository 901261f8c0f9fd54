import type { PrismaClient } from '@prisma/client';
import { ApplicationFailure } from '@temporalio/common';
import type { NotificationRequest } from '../domain/incident';
import { SIGNED_LINK_SENT } from '../domain/words';
import { signApprovalToken } from '../links/approval-token';
import type { Mailer } from '../notifications/email';
import { renderMessage } from '../notifications/message';
import { failedDelivery, notDelivered, type FailedDelivery } from './delivery-failures';
import { dispatch, type Channels } from './dispatch';
import { claimAttempt, markFailed, markSent, outboxKey } from './outbox';
import { deliveriesOf, type Delivery, type Person } from './recipients';

export interface LinkSettings {
  /** Signs approval links; the API verifies them with the same secret. */
  secret: string;
  /** Where people reach the API, e.g. https://yuqing.example.gov.cn */
  publicUrl: string;
  ttlMs: number;
}

export interface NotifySettings {
  /** The log channel: roles with nobody assigned, people with no address. Never given a link or secret. */
  log: (line: string) => void;
  links: LinkSettings;
  /** Unset: no e-mail channel (people with an address but no webhook are logged instead). */
  mailer?: Mailer;
  webhookTimeoutMs?: number;
  now?: () => Date;
}

/** A delivery sent now, one sent by an earlier try, or one that failed. */
type Outcome = 'sent' | 'sent-before' | FailedDelivery;

interface Sender {
  prisma: PrismaClient;
  channels: Channels;
  links: LinkSettings;
  now: () => Date;
}

function approvalLink(
  { links, now }: Sender,
  request: NotificationRequest,
  person: Person | null,
): string | undefined {
  const approval = request.context?.approval;
  if (!approval || !person) return undefined;
  const token = signApprovalToken(links.secret, {
    incidentId: request.incidentId,
    stepId: approval.stepId,
    stage: approval.stage,
    personId: person.id,
    role: approval.role,
    expiresAt: new Date(now().getTime() + links.ttlMs),
  });
  return `${links.publicUrl.replace(/\/$/, '')}/approve/${token}`;
}

async function deliverOne(
  sender: Sender,
  request: NotificationRequest,
  title: string,
  d: Delivery,
): Promise<Outcome> {
  const { prisma, now } = sender;
  const key = outboxKey(request.key, d);
  const link = d.channel === 'log' ? undefined : approvalLink(sender, request, d.person);
  const at = now().getTime();
  const message = renderMessage(request, title, link, at);
  const stored = renderMessage(request, title, link ? SIGNED_LINK_SENT : undefined, at);
  if (!(await claimAttempt(prisma, { key, incidentId: request.incidentId, delivery: d, stored }))) {
    return 'sent-before';
  }
  try {
    await dispatch(sender.channels, d, {
      key,
      incidentId: request.incidentId,
      message,
      ...(link ? { link } : {}),
    });
  } catch (err) {
    const failed = failedDelivery(d, err);
    await markFailed(prisma, key, failed.reason);
    return failed;
  }
  await markSent(prisma, key, now());
  return 'sent';
}

export function createNotifyActivities(prisma: PrismaClient, settings: NotifySettings) {
  const sender: Sender = {
    prisma,
    channels: {
      log: settings.log,
      mailer: settings.mailer,
      webhookTimeoutMs: settings.webhookTimeoutMs ?? 10_000,
    },
    links: settings.links,
    now: settings.now ?? (() => new Date()),
  };

  return {
    /**
     * Delivers a notification to the people behind its roles through the outbox (see outbox.ts). Throws
     * after trying every delivery if any failed, an ApplicationFailure naming each (delivery-failures.ts):
     * the workflow's retry policy tries again unless every receiver refused, and when it gives up the
     * workflow records the failure on the timeline.
     */
    async sendNotification(request: NotificationRequest): Promise<{ channel: string; delivered: number }> {
      const incident = await prisma.incident.findUnique({
        where: { id: request.incidentId },
        select: { planId: true, title: true },
      });
      if (!incident) {
        // The projection lags the workflow for a moment; a later try finds the row.
        throw ApplicationFailure.retryable(
          `incident ${request.incidentId} is not stored yet`,
          'IncidentNotStored',
        );
      }
      const deliveries = await deliveriesOf(
        prisma,
        incident.planId,
        request.recipients,
        settings.mailer !== undefined,
      );
      const failures: FailedDelivery[] = [];
      let delivered = 0;
      for (const d of deliveries) {
        const outcome = await deliverOne(sender, request, incident.title, d);
        if (outcome === 'sent') delivered += 1;
        else if (outcome !== 'sent-before') failures.push(outcome);
      }
      if (failures.length > 0) throw notDelivered(failures);
      const channel = [...new Set(deliveries.map((d) => d.channel))].sort().join(',');
      return { channel, delivered };
    },
  };
}

export type NotifyActivities = ReturnType<typeof createNotifyActivities>;
