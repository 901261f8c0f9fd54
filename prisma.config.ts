import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { sqliteFileFromUrl } from './storage/database-url';

// `engine: 'js'` makes the CLI use the wasm schema engine bundled in the npm package, so migrations run
// on a machine that cannot download Prisma's native engines.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: () =>
    Promise.resolve(
      new PrismaBetterSQLite3({ url: sqliteFileFromUrl(process.env.DATABASE_URL ?? 'file:./data/app.db') }),
    ),
});
