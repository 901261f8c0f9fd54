import { randomUUID } from 'node:crypto';

// A client for load under faults, as a careful integrator writes one: every request carries an
// Idempotency-Key; when an API does not answer, or answers 5xx, the same request goes to the next API
// after a short wait (Retry-After when the API gave one), until it is answered or `giveUpMs` runs out.

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** A request to API `n` (of the list, round): method, path, JSON body, headers. */
type Request = (
  n: number,
  method: string,
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Answer>;

export interface Driver {
  /** Sent first to API `n % count`; retried as above. */
  send: Request;
  /** One try on API `n`, no retry: status 0 when it did not answer. */
  direct: Request;
  /** The longest `send` and the retries since the last call. */
  takeStats(): { longestMs: number; retries: number };
}

const ATTEMPT_TIMEOUT_MS = 30_000;

export function drive(baseUrls: string[], key: string, giveUpMs = 240_000): Driver {
  let longestMs = 0;
  let retries = 0;
  const direct: Driver['direct'] = async (n, method, url, body, headers = {}) => {
    try {
      const res = await fetch(`${baseUrls[n % baseUrls.length]}${url}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      const text = await res.text();
      return {
        status: res.status,
        headers: Object.fromEntries(res.headers),
        body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
      };
    } catch {
      return { status: 0, headers: {}, body: {} };
    }
  };
  return {
    direct,
    async send(n, method, url, body, headers = {}) {
      const started = Date.now();
      const withKey = method === 'GET' ? headers : { 'idempotency-key': randomUUID(), ...headers };
      for (let attempt = 0; ; attempt++) {
        const answer = await direct(n + attempt, method, url, body, withKey);
        if (answer.status !== 0 && answer.status < 500) {
          longestMs = Math.max(longestMs, Date.now() - started);
          return answer;
        }
        if (Date.now() - started > giveUpMs) {
          throw new Error(`${method} ${url}: no answer within ${giveUpMs} ms (last ${answer.status})`);
        }
        retries += 1;
        const retryAfterS = Number(answer.headers['retry-after']);
        const wait =
          retryAfterS > 0 ? Math.min(retryAfterS * 1000, 5_000) : Math.min(250 * 2 ** attempt, 2_000);
        await new Promise((r) => setTimeout(r, wait));
      }
    },
    takeStats() {
      const stats = { longestMs, retries };
      longestMs = 0;
      retries = 0;
      return stats;
    },
  };
}
