import { createHmac } from 'node:crypto';
import type { Message } from './message';

// A JSON POST to a person's webhook. Group bots (企业微信, 钉钉, 飞书) each want their own body; `json` is
// ours. The signature lets the receiver check the body came from us; Idempotency-Key (the outbox key)
// lets it drop a delivery repeated after a crash.

export type WebhookFormat = 'json' | 'wecom' | 'dingtalk' | 'feishu';

export interface WebhookTarget {
  url: string;
  format: WebhookFormat;
  secret?: string | null;
}

export interface WebhookPayload {
  key: string;
  incidentId: string;
  message: Message;
  link?: string;
}

export function webhookBody(format: WebhookFormat, p: WebhookPayload): unknown {
  switch (format) {
    case 'json':
      return {
        key: p.key,
        incidentId: p.incidentId,
        subject: p.message.subject,
        text: p.message.text,
        ...(p.link ? { link: p.link } : {}),
      };
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: p.message.markdown } };
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title: p.message.subject, text: p.message.markdown } };
    case 'feishu':
      return { msg_type: 'text', content: { text: `${p.message.subject}\n${p.message.text}` } };
  }
}

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Resolves when the receiver answered 2xx; rejects naming the status, a timeout or the network error. */
export async function sendWebhook(
  target: WebhookTarget,
  payload: WebhookPayload,
  timeoutMs: number,
): Promise<void> {
  const body = JSON.stringify(webhookBody(target.format, payload));
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'idempotency-key': payload.key,
  };
  if (target.secret) headers['x-signature'] = signature(target.secret, body);
  let res: Response;
  try {
    res = await fetch(target.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    // An abort by the timeout is a DOMException, which is not an Error subclass in Node 20.
    const timedOut = (err as { name?: unknown } | null)?.name === 'TimeoutError';
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    throw new Error(timedOut ? `no answer within ${timeoutMs} ms` : `unreachable (${cause})`);
  }
  // Read the body so the connection is released; its content is the receiver's business, not our log's.
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`answered HTTP ${res.status}`);
}
