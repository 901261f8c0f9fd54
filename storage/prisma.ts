import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '@prisma/client';
import { sqliteFileFromUrl } from './database-url';

/** A Prisma client over the driver adapter: no native query engine, nothing downloaded. */
export function createPrisma(databaseUrl: string): PrismaClient {
  // The worker and the API write the same file: wait for a lock rather than fail at once.
  const adapter = new PrismaBetterSQLite3({ url: sqliteFileFromUrl(databaseUrl), timeout: 10_000 });
  return new PrismaClient({ adapter });
}

/** WAL lets readers (the API) and the writer (the worker) work at once; the setting persists in the file. */
export async function tuneDatabase(prisma: PrismaClient): Promise<void> {
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
}
