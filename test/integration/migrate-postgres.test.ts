import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startPostgres, type PostgresServer } from '../../scripts/postgres-server';
import { migratePostgres } from '../../storage/migrate-postgres';
import { freePort } from '../helpers/free-port';

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres(await freePort());
});
afterAll(async () => {
  await server?.stop();
});

function migrationsDir(migrations: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  for (const [name, sql] of Object.entries(migrations)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('PostgreSQL migrations', () => {
  test('each migration is applied once, in name order, and a second run applies nothing', async () => {
    const url = server.createDatabase('order_once');
    const dir = migrationsDir({
      '2_add_column': 'ALTER TABLE "T" ADD COLUMN "b" TEXT;',
      '1_create': 'CREATE TABLE "T" ("a" TEXT);',
    });
    expect(await migratePostgres(url, dir)).toEqual({ applied: ['1_create', '2_add_column'], skipped: [] });
    expect(await migratePostgres(url, dir)).toEqual({ applied: [], skipped: ['1_create', '2_add_column'] });
  });

  test('a failing migration leaves nothing half-applied and is not recorded', async () => {
    const url = server.createDatabase('failing');
    const dir = migrationsDir({ '1_broken': 'CREATE TABLE "U" ("a" TEXT); SELECT no_such_function();' });
    await expect(migratePostgres(url, dir)).rejects.toThrow(/migration 1_broken failed/);
    const client = new Client({ connectionString: url });
    await client.connect();
    const tables = await client.query(`SELECT to_regclass('"U"') AS t`);
    const recorded = await client.query('SELECT count(*)::int AS n FROM "_migrations"');
    await client.end();
    expect(tables.rows[0]).toEqual({ t: null });
    expect(recorded.rows[0]).toEqual({ n: 0 });
  });

  test('a migration edited after it was applied is refused, naming it', async () => {
    const url = server.createDatabase('edited');
    await migratePostgres(url, migrationsDir({ '1_create': 'CREATE TABLE "V" ("a" TEXT);' }));
    await expect(
      migratePostgres(url, migrationsDir({ '1_create': 'CREATE TABLE "V" ("a" INTEGER);' })),
    ).rejects.toThrow(/migration 1_create was changed after it was applied/);
  });
});
