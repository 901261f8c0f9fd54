import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { databaseKind, sqliteFileFromUrl } from './database-url';
import { POSTGRES_CLIENT_MODULE } from './postgres-schema';

/**
 * A Prisma client over a driver adapter (no native query engine, nothing downloaded): SQLite for a
 * `file:` URL, PostgreSQL for a `postgresql://` URL. Both clients come from the same models, so the rest
 * of the code sees one PrismaClient type.
 */
export function createPrisma(databaseUrl: string): PrismaClient {
  if (databaseKind(databaseUrl) === 'postgresql') {
    // Generated from prisma/postgresql/schema.prisma (derived from the SQLite schema, same models).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const generated = require(POSTGRES_CLIENT_MODULE) as { PrismaClient: new (options: object) => unknown };
    return new generated.PrismaClient({
      adapter: new PrismaPg({ connectionString: databaseUrl }),
    }) as PrismaClient;
  }
  // The worker and the API write the same file: wait for a lock rather than fail at once.
  const adapter = new PrismaBetterSQLite3({ url: sqliteFileFromUrl(databaseUrl), timeout: 10_000 });
  return new PrismaClient({ adapter });
}

/** WAL lets readers (the API) and the writer (the worker) work at once; the setting persists in the file. */
export async function tuneDatabase(prisma: PrismaClient, databaseUrl: string): Promise<void> {
  if (databaseKind(databaseUrl) !== 'sqlite') return;
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
}
