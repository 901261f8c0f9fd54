import type { PrismaClient } from '@prisma/client';
import type { Message } from '../notifications/message';
import type { Delivery } from './recipients';

// The outbox: a row per (notification key, person or role, channel), written before sending and marked
// after, so a retried activity sends only what has not gone out. The row keeps the message for the
// record, never a signed link or a secret.

export interface OutboxEntry {
  key: string;
  incidentId: string;
  delivery: Delivery;
  /** The message as stored: the link replaced by a note that one was sent. */
  stored: Message;
}

/** The outbox key of one delivery of a notification. */
export function outboxKey(notificationKey: string, d: Delivery): string {
  return `${notificationKey}:${d.person?.id ?? d.role}:${d.channel}`;
}

/**
 * Writes the row unless it exists and counts an attempt. False when the row says it was sent already
 * (by an earlier try of the same activity): then nothing is sent again.
 */
export async function claimAttempt(prisma: PrismaClient, entry: OutboxEntry): Promise<boolean> {
  const { key, delivery: d } = entry;
  const row = await prisma.notification.upsert({
    where: { key },
    create: {
      key,
      incidentId: entry.incidentId,
      channel: d.channel,
      role: d.role,
      personId: d.person?.id ?? null,
      recipient: d.recipient,
      subject: entry.stored.subject,
      body: entry.stored.text,
      status: 'pending',
    },
    update: {},
  });
  if (row.status === 'sent') return false;
  await prisma.notification.update({ where: { key }, data: { attempts: { increment: 1 } } });
  return true;
}

export async function markSent(prisma: PrismaClient, key: string, at: Date): Promise<void> {
  await prisma.notification.update({ where: { key }, data: { status: 'sent', sentAt: at, lastError: null } });
}

/** `reason` is already masked: it is what the outbox shows. */
export async function markFailed(prisma: PrismaClient, key: string, reason: string): Promise<void> {
  await prisma.notification.update({ where: { key }, data: { status: 'failed', lastError: reason } });
}
