import type { PrismaClient } from '@prisma/client';
import { Counter, Gauge, type Registry } from 'prom-client';

// Breaches and open incidents are recorded by the workflows, not by this process: read them from the
// projection at scrape time so every API replica reports the same numbers. They are read before the
// registry renders (not in prom-client `collect` hooks, which run alongside the failure counter's
// rendering), so a failure is counted in the very scrape that missed the value.

interface DatabaseGauge {
  name: string;
  read: () => Promise<void>;
  /** On a failed read a gauge says "unknown", never a stale or false number. */
  unknown: () => void;
}

function openIncidents(prisma: PrismaClient, registers: Registry[]): DatabaseGauge {
  const open = new Gauge({
    name: 'incidents_open',
    help: 'Incidents not yet closed, by level',
    labelNames: ['level'] as const,
    registers,
  });
  return {
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
    // A labelled gauge drops its series.
    unknown: () => open.reset(),
  };
}

function breachedOpenIncidents(prisma: PrismaClient, registers: Registry[]): DatabaseGauge {
  const breachedOpen = new Gauge({
    name: 'incidents_breached_open',
    help: 'Incidents not yet closed that have missed a deadline',
    registers,
  });
  return {
    name: 'incidents_breached_open',
    read: async () => {
      breachedOpen.set(await prisma.incident.count({ where: { breached: true, status: { not: 'closed' } } }));
    },
    // An unlabelled gauge is always rendered by prom-client: NaN is how it says "unknown".
    unknown: () => breachedOpen.set(Number.NaN),
  };
}

/** Registers the gauges read from the database; the returned function reads them all for one scrape. */
export function databaseGauges(prisma: PrismaClient, registers: Registry[]): () => Promise<void> {
  const collectFailures = new Counter({
    name: 'metrics_collect_failures_total',
    help: 'Scrapes for which a database-backed metric could not be read (it reads as unknown in that scrape)',
    labelNames: ['metric'] as const,
    registers,
  });
  const gauges = [openIncidents(prisma, registers), breachedOpenIncidents(prisma, registers)];
  return () =>
    Promise.all(
      gauges.map(async ({ name, read, unknown }) => {
        try {
          await read();
        } catch (err) {
          // The scrape still carries the request metrics when the database is down.
          unknown();
          collectFailures.inc({ metric: name });
          console.error(`api: metrics: cannot read ${name} from the database`, err);
        }
      }),
    ).then(() => undefined);
}
