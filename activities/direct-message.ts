import type { PrismaClient } from '@prisma/client';
import { ApplicationFailure } from '@temporalio/common';
import { directMessages as w } from '../domain/words';
import { signSignInToken } from '../links/sign-in-token';
import { layMessage } from '../notifications/message';
import { failedDelivery, notDelivered, type FailedDelivery } from './delivery-failures';
import { dispatch } from './dispatch';
import type { NotifySettings } from './notify';
import { ownChannels, type Delivery } from './recipients';

// A message to one person outside any incident, through their own channels: a sign-in link (the link is
// signed here, at sending, so it never enters a workflow history) or an operator's test. There is no
// outbox row: no incident owns it, and the webhook's Idempotency-Key lets a receiver drop a resend.

export type DirectMessageRequest =
  | { kind: 'sign-in'; key: string; personId: string; nonce: string; expiresAt: number }
  | { kind: 'test'; key: string; personId: string };

/** Who got the message, by channel and address (an e-mail address or a webhook's host, never a secret). */
export interface DirectMessageSent {
  delivered: number;
  sent: { channel: Delivery['channel']; recipient: string }[];
}

export function createDirectMessageActivities(prisma: PrismaClient, settings: NotifySettings) {
  const channels = {
    log: settings.log,
    mailer: settings.mailer,
    webhookTimeoutMs: settings.webhookTimeoutMs ?? 10_000,
  };
  const now = settings.now ?? (() => new Date());
  return {
    /** Sends to every channel of the person's own; throws naming each that failed. */
    async sendDirectMessage(request: DirectMessageRequest): Promise<DirectMessageSent> {
      const person = await prisma.person.findUnique({ where: { id: request.personId } });
      if (!person?.active) {
        throw ApplicationFailure.nonRetryable(`no active person ${request.personId}`, 'NoSuchPerson');
      }
      const deliveries = ownChannels(person, channels.mailer !== undefined);
      if (deliveries.length === 0) {
        throw ApplicationFailure.nonRetryable(`${person.id} has no channel of their own`, 'NoChannel');
      }
      let link: string | undefined;
      let message;
      if (request.kind === 'sign-in') {
        const token = signSignInToken(settings.links.secret, {
          personId: person.id,
          nonce: request.nonce,
          expiresAt: new Date(request.expiresAt),
        });
        link = `${settings.links.publicUrl.replace(/\/$/, '')}/sign-in/link/${token}`;
        const minutes = Math.max(1, Math.round((request.expiresAt - now().getTime()) / 60_000));
        message = layMessage(w.signIn.subject, [w.signIn.body(minutes), w.signIn.link(link)]);
      } else {
        message = layMessage(w.test.subject, [w.test.body(person.name)]);
      }
      const failures: FailedDelivery[] = [];
      for (const d of deliveries) {
        try {
          await dispatch(channels, d, {
            key: `${request.key}:${d.channel}`,
            message,
            ...(link ? { link } : {}),
          });
        } catch (err) {
          failures.push(failedDelivery(d, err));
        }
      }
      if (failures.length > 0) throw notDelivered(failures);
      // Which channels, so an operator's test says where it went (an address without a mailer is skipped).
      const sent = deliveries.map(({ channel, recipient }) => ({ channel, recipient }));
      return { delivered: deliveries.length, sent };
    },
  };
}

export type DirectMessageActivities = ReturnType<typeof createDirectMessageActivities>;
