import type { RequestHandler } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';
import { routeMatcher, type RegisteredRoute } from './route-table';

/**
 * Counts and times every request by its route pattern. `routes` is read at the first request, when
 * every route is registered.
 */
export function requestMetrics(registers: Registry[], routes: () => RegisteredRoute[]): RequestHandler {
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method and route pattern',
    labelNames: ['method', 'route'] as const,
    registers,
  });

  let routeOf: ((method: string, path: string) => string | undefined) | undefined;
  return (req, res, next) => {
    const stopTimer = duration.startTimer();
    res.once('finish', () => {
      routeOf ??= routeMatcher(routes());
      // The pattern, never the raw URL: one series per route, however many incident ids there are.
      const route = routeOf(req.method, req.originalUrl.split('?')[0] ?? '') ?? 'unmatched';
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      stopTimer({ method: req.method, route });
    });
    next();
  };
}
