import { Client, Connection } from '@temporalio/client';
import { ensureLocalApiKey } from '../config/api-key';
import { describeFailure, loadConfigOrExit } from '../config/env';
import { ensureLinkSecret } from '../config/link-secret';
import { stopOnSignals } from '../config/stop-signals';
import { holidayDataGap } from '../domain/official-holidays';
import { usesWorkingHours } from '../domain/plan-reading';
import { loadCatalog, PlanError, readPlansDir, type PlanCatalog } from '../plans/catalog';
import { seedPeople, type SeedPerson } from '../storage/people';
import { createPrisma } from '../storage/prisma';
import { createApp } from './app';
import { requestRetry } from './temporal-reachability';
import { loadApiConfig } from './config';
import { PeopleFileError, readPeopleFile } from './people-file';

/** A broken plan stops the API at start with the message naming plan, path and problem. */
function loadCatalogOrExit(plansDir: string | undefined): PlanCatalog {
  try {
    return loadCatalog(plansDir ? readPlansDir(plansDir) : {});
  } catch (err) {
    if (!(err instanceof PlanError)) throw err;
    process.stderr.write(`api: ${err.message}\n`);
    process.exit(2);
  }
}

/** Likewise a broken people file: checked before anything is written, so a bad file changes nobody. */
function loadPeopleFileOrExit(file: string | undefined, catalog: PlanCatalog): SeedPerson[] {
  if (file === undefined) return [];
  try {
    return readPeopleFile(file, catalog);
  } catch (err) {
    if (!(err instanceof PeopleFileError)) throw err;
    process.stderr.write(`api: ${err.message}\n`);
    process.exit(2);
  }
}

/** Working-hour deadlines of a year the official calendar does not know count its holidays as workdays. */
function warnOfHolidayGap(catalog: PlanCatalog): void {
  const gap = holidayDataGap(Date.now());
  const affected = catalog.list().filter((p) => usesWorkingHours(p) && !p.calendar);
  if (gap && affected.length > 0)
    console.warn(`api: ${gap} Plans affected: ${affected.map((p) => p.id).join(', ')}`);
}

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadApiConfig(process.env));
  const catalog = loadCatalogOrExit(config.PLANS_DIR);
  const people = loadPeopleFileOrExit(config.PEOPLE_FILE, catalog);
  warnOfHolidayGap(catalog);
  const linkSecret = config.LINK_SECRET ?? ensureLinkSecret(config.DATA_DIR);
  const apiKeys = config.API_KEYS ?? [ensureLocalApiKey(config.DATA_DIR).key];
  // Connected on first use: while Temporal cannot be reached the API still answers, reads from the
  // projection and the rest 503 temporal-unavailable, and /healthz names Temporal.
  const connection = Connection.lazy({ ...config.temporal.options, ...requestRetry });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  console.log(`api: Temporal at ${config.temporal.described}`);
  const prisma = createPrisma(config.DATABASE_URL);
  if (config.PEOPLE_FILE !== undefined) {
    const seeded = await seedPeople(prisma, people).catch((err: unknown) => {
      throw new Error(`cannot apply people file ${config.PEOPLE_FILE}`, { cause: err });
    });
    console.log(`api: people file applied: ${seeded.created} added, ${seeded.updated} brought up to date`);
  }
  const app = createApp({
    client,
    catalog,
    prisma,
    taskQueue: config.TASK_QUEUE,
    searchAttributes: config.SEARCH_ATTRIBUTES === 'on',
    apiKeys,
    checkTemporal: async () => {
      await connection.workflowService.getSystemInfo({});
    },
    linkSecret,
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
  });
  const server = app.listen(config.PORT, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    console.log(`api: listening on http://localhost:${port}`);
  });
  // Requests in hand are answered (an input waits for its incident to store it); new ones are refused.
  stopOnSignals('api', 15_000, async () => {
    await new Promise((resolve) => server.close(resolve));
    await Promise.allSettled([connection.close(), prisma.$disconnect()]);
  });
}

main().catch((err: unknown) => {
  console.error(`api: stopped: ${describeFailure(err)}`);
  process.exit(1);
});
