import type { PrismaClient } from '@prisma/client';
import type { NotificationRequest } from '../workflows/engine/types';

export interface OutgoingMessage {
  /** Outbox key: travels with the message so a receiver can drop a repeated delivery. */
  key: string;
  /** Plan role the message is for (people behind roles come with the people registry). */
  recipient: string;
  subject: string;
  body: string;
}

export interface Channel {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
}

/** Chinese first, English second, as every message to our users. */
const bilingual = (text: { zh: string; en: string }) => `${text.zh}\n${text.en}`;

export function logChannel(write: (line: string) => void): Channel {
  return {
    name: 'log',
    send: (m) => {
      write(`[notify] key=${m.key} to=${m.recipient} subject=${JSON.stringify(m.subject)}`);
      return Promise.resolve();
    },
  };
}

export function createNotifyActivities(prisma: PrismaClient, channel: Channel) {
  return {
    /**
     * Delivers one notification to each recipient through the outbox: a row per (key, recipient) is
     * written before sending and marked sent after, so a retried activity skips what already went out.
     */
    async sendNotification(request: NotificationRequest): Promise<{ channel: string; delivered: number }> {
      let delivered = 0;
      for (const recipient of request.recipients) {
        const key = `${request.key}:${recipient}`;
        const subject = `${request.subject.zh} / ${request.subject.en}`;
        const body = bilingual(request.body);
        const row = await prisma.notification.upsert({
          where: { key },
          create: {
            key,
            incidentId: request.incidentId,
            channel: channel.name,
            recipient,
            subject,
            body,
            status: 'pending',
          },
          update: {},
        });
        if (row.status === 'sent') continue;
        await channel.send({ key, recipient, subject, body });
        await prisma.notification.update({ where: { key }, data: { status: 'sent', sentAt: new Date() } });
        delivered += 1;
      }
      return { channel: channel.name, delivered };
    },
  };
}

export type NotifyActivities = ReturnType<typeof createNotifyActivities>;
