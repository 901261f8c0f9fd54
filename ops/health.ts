import type { RequestHandler } from 'express';
import { describeFailure } from '../config/env';

/** Each check resolves when its dependency answers and rejects with the reason otherwise. */
export type HealthChecks = Record<string, () => Promise<void>>;

/** A probe that never answers is a failure too: the health endpoint answers within `timeoutMs`. */
async function within(timeoutMs: number, check: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /healthz`: 200 `{ status: 'ok', <check>: 'ok', … }` when every dependency answers, else 503 with
 * each failed check's reason in its place, so an operator sees which part is down and why.
 */
export function healthCheck(checks: HealthChecks, timeoutMs = 5_000): RequestHandler {
  return async (_req, res) => {
    const outcomes = await Promise.all(
      Object.entries(checks).map(([name, check]) =>
        within(timeoutMs, check).then(
          () => ({ name, failure: undefined }),
          (err: unknown) => ({ name, failure: describeFailure(err) }),
        ),
      ),
    );
    const healthy = outcomes.every((o) => o.failure === undefined);
    res.status(healthy ? 200 : 503).json({
      status: healthy ? 'ok' : 'unavailable',
      ...Object.fromEntries(outcomes.map((o) => [o.name, o.failure ?? 'ok'])),
    });
  };
}
