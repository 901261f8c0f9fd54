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
  /** Absent for a message to one person outside any incident (a sign-in link, a test). */
  incidentId?: string;
  message: Message;
  link?: string;
}

export function webhookBody(format: WebhookFormat, p: WebhookPayload): unknown {
  switch (format) {
    case 'json':
      return {
        key: p.key,
        ...(p.incidentId === undefined ? {} : { incidentId: p.incidentId }),
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

/**
 * Why a webhook was not delivered. `retryable` says whether sending the same message again may succeed.
 * The message names the status or the failure; a network error's own words may quote the address, so
 * whoever shows the message masks it first (activities/delivery-failures.ts).
 */
export abstract class WebhookError extends Error {
  abstract readonly retryable: boolean;
  /** The receiver's HTTP status, when it answered. */
  readonly status: number | undefined;

  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.status = options.status;
  }
}

/** The receiver refused the message (a 4xx): the same message would be refused again. */
export class WebhookRejected extends WebhookError {
  override readonly name = 'WebhookRejected';
  readonly retryable = false;
}

/** No answer, no connection, or an answer saying "later" (5xx, 408, 429): worth trying again. */
export class WebhookUnavailable extends WebhookError {
  override readonly name = 'WebhookUnavailable';
  readonly retryable = true;
}

/** 408 Request Timeout and 429 Too Many Requests are 4xx that say "not now" rather than "never". */
const TRY_AGAIN_STATUSES = new Set([408, 429]);

function failureOf(status: number): WebhookError {
  const message = `answered HTTP ${status}`;
  return status >= 400 && status < 500 && !TRY_AGAIN_STATUSES.has(status)
    ? new WebhookRejected(message, { status })
    : new WebhookUnavailable(message, { status });
}

/**
 * The network error's own words: fetch wraps them as "fetch failed". Read by shape, not instanceof,
 * because fetch's errors belong to Node's own realm, which under a test runner's sandbox is not ours.
 */
function networkReason(err: unknown): string {
  const cause: unknown = (err as { cause?: { message?: unknown } } | null)?.cause?.message;
  return typeof cause === 'string' ? cause : String(err);
}

/** Resolves when the receiver answered 2xx; rejects with a WebhookError naming the status or the failure. */
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
    throw new WebhookUnavailable(
      timedOut ? `no answer within ${timeoutMs} ms` : `unreachable (${networkReason(err)})`,
      { cause: err },
    );
  }
  // Read the body so the connection is released; its content is the receiver's business, not our log's.
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw failureOf(res.status);
}
