import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { databaseKind, sqliteFileFromUrl } from './storage/database-url';
import { POSTGRES_SCHEMA_PATH } from './storage/postgres-schema';

// `engine: 'js'` makes the CLI use the wasm schema engine bundled in the npm package, so migrations run
// on a machine that cannot download Prisma's native engines. DATABASE_URL picks the schema, its
// migrations and the driver adapter: SQLite by default, PostgreSQL for a postgresql:// URL.
const url = process.env.DATABASE_URL ?? 'file:./data/app.db';
const postgres = databaseKind(url) === 'postgresql';
const schema = postgres ? POSTGRES_SCHEMA_PATH : path.join('prisma', 'schema.prisma');

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema,
  migrations: { path: path.join(path.dirname(schema), 'migrations') },
  adapter: () =>
    Promise.resolve(
      postgres
        ? new PrismaPg({ connectionString: url })
        : new PrismaBetterSQLite3({ url: sqliteFileFromUrl(url) }),
    ),
});
