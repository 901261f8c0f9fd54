import type { PrismaClient } from '@prisma/client';
import { migrateDatabase } from '../../scripts/migrate';
import { startPostgres, type PostgresServer } from '../../scripts/postgres-server';
import { createPrisma } from '../../storage/prisma';
import { freePort } from './free-port';
import { tempDataDir } from './temp-database';

export interface TestDatabase {
  kind: 'sqlite' | 'postgresql';
  url: string;
  prisma: PrismaClient;
}

/**
 * Declares a suite once per storage backend: SQLite in a temporary folder and PostgreSQL on a throwaway
 * cluster on loopback, both migrated the way `npm start` migrates. Tests in one suite share the database,
 * so each uses ids of its own.
 */
export function describeEachDatabase(title: string, body: (db: () => TestDatabase) => void): void {
  describe.each(['sqlite', 'postgresql'] as const)(`${title} (%s)`, (kind) => {
    let current: TestDatabase | undefined;
    let server: PostgresServer | undefined;
    beforeAll(async () => {
      let url: string;
      if (kind === 'sqlite') {
        url = (await tempDataDir('storage')).databaseUrl;
      } else {
        server = await startPostgres(await freePort());
        url = server.createDatabase('incidents');
        await migrateDatabase(url);
      }
      current = { kind, url, prisma: createPrisma(url) };
    });
    afterAll(async () => {
      await current?.prisma.$disconnect();
      await server?.stop();
    });
    body(() => {
      if (!current) throw new Error('database not ready (beforeAll failed)');
      return current;
    });
  });
}
