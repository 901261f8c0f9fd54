import type { PrismaClient } from '@prisma/client';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { routeMatcher, type RegisteredRoute } from './route-table';

export interface ApiMetrics {
  /** Counts and times every request by its route pattern; mount it before any route. */
  observeRequests: RequestHandler;
  /** `GET /metrics`: Prometheus text exposition. */
  expose: RequestHandler;
  incidentStarted: (incident: { planId: string; level: string }) => void;
}

export interface MetricsDeps {
  prisma: PrismaClient;
  /** The app's route table; read at the first request, when every route is registered. */
  routes: () => RegisteredRoute[];
}

/**
 * The API's metrics in a registry of its own: several apps in one process (the tests) must not share
 * counters, and the global registry would refuse a second metric of the same name.
 */
export function createMetrics({ prisma, routes }: MetricsDeps): ApiMetrics {
  const registry = new Registry();
  const registers = [registry];

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
  const started = new Counter({
    name: 'incidents_started_total',
    help: 'Incidents whose workflow the API started, by plan and level',
    labelNames: ['plan_id', 'level'] as const,
    registers,
  });
  const collectFailures = new Counter({
    name: 'metrics_collect_failures_total',
    help: 'Scrapes for which a database-backed metric could not be read (it reads as unknown in that scrape)',
    labelNames: ['metric'] as const,
    registers,
  });

  // Breaches and open incidents are recorded by the workflows, not by this process: read them from the
  // projection at scrape time so every API replica reports the same numbers. They are read before the
  // registry renders (not in prom-client `collect` hooks, which run alongside the failure counter's
  // rendering), so a failure is counted in the very scrape that missed the value.
  const open = new Gauge({
    name: 'incidents_open',
    help: 'Incidents not yet closed, by level',
    labelNames: ['level'] as const,
    registers,
  });
  const breachedOpen = new Gauge({
    name: 'incidents_breached_open',
    help: 'Incidents not yet closed that have missed a deadline',
    registers,
  });
  // On a failed read each gauge says "unknown", never a stale or false number: the labelled one drops its
  // series, the unlabelled one (which prom-client always renders) reads NaN.
  const fromDatabase: { name: string; read: () => Promise<void>; unknown: () => void }[] = [
    {
      name: 'incidents_open',
      read: async () => {
        const rows = await prisma.incident.groupBy({
          by: ['level'],
          where: { status: { not: 'closed' } },
          _count: { _all: true },
        });
        open.reset();
        for (const row of rows) open.set({ level: row.level }, row._count._all);
      },
      unknown: () => open.reset(),
    },
    {
      name: 'incidents_breached_open',
      read: async () => {
        breachedOpen.set(
          await prisma.incident.count({ where: { breached: true, status: { not: 'closed' } } }),
        );
      },
      unknown: () => breachedOpen.set(Number.NaN),
    },
  ];
  const readDatabase = () =>
    Promise.all(
      fromDatabase.map(async ({ name, read, unknown }) => {
        try {
          await read();
        } catch (err) {
          // The scrape still carries the request metrics when the database is down.
          unknown();
          collectFailures.inc({ metric: name });
          console.error(`api: metrics: cannot read ${name} from the database`, err);
        }
      }),
    );

  let routeOf: ((method: string, path: string) => string | undefined) | undefined;
  const observeRequests: RequestHandler = (req, res, next) => {
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

  const expose: RequestHandler = async (_req, res) => {
    await readDatabase();
    const text = await registry.metrics();
    // Not res.send: express would rewrite the content type's parameters, and scrapers read the version.
    res.setHeader('Content-Type', registry.contentType);
    res.end(text);
  };

  return {
    observeRequests,
    expose,
    incidentStarted: ({ planId, level }) => started.inc({ plan_id: planId, level }),
  };
}
