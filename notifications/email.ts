import nodemailer from 'nodemailer';
import type { Message } from './message';

export interface Mailer {
  send(to: string, message: Message, key: string): Promise<void>;
  close(): void;
}

/** `<key@incident-orchestrator>`: the outbox key, reduced to what RFC 5322 allows in a Message-ID. */
export function messageId(key: string): string {
  return `<${key.replace(/[^A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/g, '.')}@incident-orchestrator>`;
}

/** E-mail over SMTP. The Message-ID carries the outbox key, so a mail system can spot a repeat. */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(to, message, key) {
      await transport.sendMail({
        from,
        to,
        subject: message.subject,
        text: message.text,
        messageId: messageId(key),
        headers: { 'Idempotency-Key': key },
      });
    },
    close: () => transport.close(),
  };
}
