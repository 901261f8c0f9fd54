import type { PrismaClient } from '@prisma/client';
import { signApprovalToken } from '../links/approval-token';
import type { Mailer } from '../notifications/email';
import { renderMessage } from '../notifications/message';
import { sendWebhook, type WebhookFormat } from '../notifications/webhook';
import type { NotificationRequest } from '../domain/incident';

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

interface Person {
  id: string;
  name: string;
  email: string | null;
  webhookUrl: string | null;
  webhookFormat: string | null;
  webhookSecret: string | null;
}

/** One send: a person (or a role nobody holds) on one channel. */
interface Delivery {
  role: string;
  person: Person | null;
  channel: 'email' | 'webhook' | 'log';
  /** Shown in the outbox and in errors: an address or host, never a secret. */
  recipient: string;
}

function deliveriesFor(role: string, people: Person[], email: boolean): Delivery[] {
  if (people.length === 0) return [{ role, person: null, channel: 'log', recipient: role }];
  return people.flatMap((person): Delivery[] => {
    const out: Delivery[] = [];
    if (email && person.email) out.push({ role, person, channel: 'email', recipient: person.email });
    if (person.webhookUrl) {
      out.push({ role, person, channel: 'webhook', recipient: new URL(person.webhookUrl).host });
    }
    return out.length > 0 ? out : [{ role, person, channel: 'log', recipient: person.id }];
  });
}

/** Error text for the outbox and the timeline: credentials in URLs are masked, length is bounded. */
function reasonOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\/\/[^/@\s]+@/g, '//***@').slice(0, 500);
}

export function createNotifyActivities(prisma: PrismaClient, settings: NotifySettings) {
  const now = settings.now ?? (() => new Date());
  const timeoutMs = settings.webhookTimeoutMs ?? 10_000;

  function approvalLink(request: NotificationRequest, person: Person | null): string | undefined {
    const approval = request.context?.approval;
    if (!approval || !person) return undefined;
    const token = signApprovalToken(settings.links.secret, {
      incidentId: request.incidentId,
      stepId: approval.stepId,
      stage: approval.stage,
      personId: person.id,
      role: approval.role,
      expiresAt: new Date(now().getTime() + settings.links.ttlMs),
    });
    return `${settings.links.publicUrl.replace(/\/$/, '')}/approve/${token}`;
  }

  return {
    /**
     * Delivers a notification to the people behind its roles through the outbox: a row per (key, person
     * or role, channel) is written before sending and marked sent after, so a retried activity sends only
     * what has not gone out. Throws after trying every delivery if any failed; the workflow's retry policy
     * tries again and, when it gives up, records the failure on the timeline.
     */
    async sendNotification(request: NotificationRequest): Promise<{ channel: string; delivered: number }> {
      const incident = await prisma.incident.findUnique({
        where: { id: request.incidentId },
        select: { planId: true, title: true },
      });
      if (!incident) throw new Error(`incident ${request.incidentId} is not stored yet`);

      const seen = new Set<string>(); // person ids
      const deliveries: Delivery[] = [];
      for (const role of request.recipients) {
        const assigned = await prisma.roleAssignment.findMany({
          where: { role, planId: { in: [incident.planId, '*'] }, person: { active: true } },
          include: { person: true },
          orderBy: { personId: 'asc' },
        });
        // Someone holding two of the roles is told once, under the first.
        const people = assigned.map((a) => a.person).filter((p) => !seen.has(p.id));
        if (assigned.length > 0 && people.length === 0) continue;
        deliveries.push(...deliveriesFor(role, people, settings.mailer !== undefined));
        for (const p of people) seen.add(p.id);
      }

      const failures: string[] = [];
      const channels = new Set<string>();
      let delivered = 0;
      for (const d of deliveries) {
        const key = `${request.key}:${d.person?.id ?? d.role}:${d.channel}`;
        const link = d.channel === 'log' ? undefined : approvalLink(request, d.person);
        const at = now().getTime();
        const message = renderMessage(request, incident.title, link, at);
        const stored = renderMessage(
          request,
          incident.title,
          link ? '(signed link sent / 已发送签名链接)' : undefined,
          at,
        );
        const row = await prisma.notification.upsert({
          where: { key },
          create: {
            key,
            incidentId: request.incidentId,
            channel: d.channel,
            role: d.role,
            personId: d.person?.id ?? null,
            recipient: d.recipient,
            subject: stored.subject,
            body: stored.text,
            status: 'pending',
          },
          update: {},
        });
        channels.add(d.channel);
        if (row.status === 'sent') continue;
        await prisma.notification.update({ where: { key }, data: { attempts: { increment: 1 } } });
        try {
          switch (d.channel) {
            case 'log':
              settings.log(
                `[notify] key=${key} to=${d.recipient} subject=${JSON.stringify(message.subject)}`,
              );
              break;
            case 'email':
              await settings.mailer!.send(d.recipient, message, key);
              break;
            case 'webhook':
              await sendWebhook(
                {
                  url: d.person!.webhookUrl!,
                  format: (d.person!.webhookFormat ?? 'json') as WebhookFormat,
                  secret: d.person!.webhookSecret,
                },
                { key, incidentId: request.incidentId, message, ...(link ? { link } : {}) },
                timeoutMs,
              );
              break;
          }
        } catch (err) {
          const reason = reasonOf(err);
          await prisma.notification.update({ where: { key }, data: { status: 'failed', lastError: reason } });
          failures.push(`${d.channel} to ${d.person?.id ?? d.role} (${d.recipient}): ${reason}`);
          continue;
        }
        await prisma.notification.update({
          where: { key },
          data: { status: 'sent', sentAt: now(), lastError: null },
        });
        delivered += 1;
      }
      if (failures.length > 0) throw new Error(`not delivered: ${failures.join('; ')}`);
      return { channel: [...channels].sort().join(','), delivered };
    },
  };
}

export type NotifyActivities = ReturnType<typeof createNotifyActivities>;
