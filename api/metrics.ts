import type { PrismaClient } from '@prisma/client';
import type { RequestHandler } from 'express';
import { Counter, Registry } from 'prom-client';
import { databaseGauges } from './database-gauges';
import { requestMetrics } from './request-metrics';
import type { RegisteredRoute } from './route-table';

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
  const observeRequests = requestMetrics(registers, routes);
  const started = new Counter({
    name: 'incidents_started_total',
    help: 'Incidents whose workflow the API started, by plan and level',
    labelNames: ['plan_id', 'level'] as const,
    registers,
  });
  const readDatabase = databaseGauges(prisma, registers);

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
