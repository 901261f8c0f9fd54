import type { Mailer } from '../notifications/email';
import type { Message } from '../notifications/message';
import { sendWebhook, type WebhookFormat } from '../notifications/webhook';
import type { Delivery } from './recipients';

// Handing one message to its channel. Rejects with the channel's own error (a WebhookError names
// whether trying again may help); the caller records it.

export interface Channels {
  /** The log channel: roles with nobody assigned, people with no address. Never given a link or secret. */
  log: (line: string) => void;
  mailer?: Mailer;
  webhookTimeoutMs: number;
}

export interface Outgoing {
  key: string;
  /** Absent for a message to one person outside any incident. */
  incidentId?: string;
  message: Message;
  link?: string;
}

export async function dispatch(channels: Channels, d: Delivery, out: Outgoing): Promise<void> {
  switch (d.channel) {
    case 'log':
      channels.log(
        `[notify] key=${out.key} to=${d.recipient} subject=${JSON.stringify(out.message.subject)}`,
      );
      return;
    case 'email':
      return channels.mailer!.send(d.recipient, out.message, out.key);
    case 'webhook':
      return sendWebhook(
        {
          url: d.person!.webhookUrl!,
          format: (d.person!.webhookFormat ?? 'json') as WebhookFormat,
          secret: d.person!.webhookSecret,
        },
        {
          key: out.key,
          ...(out.incidentId === undefined ? {} : { incidentId: out.incidentId }),
          message: out.message,
          ...(out.link ? { link: out.link } : {}),
        },
        channels.webhookTimeoutMs,
      );
  }
}
