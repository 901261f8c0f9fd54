import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

// Prisma 6.19's wasm schema engine cannot migrate PostgreSQL through @prisma/adapter-pg ("Column type
// 'name' could not be deserialized", prisma/orm#27403), and the native engine cannot be downloaded
// here. The migrations are still made by `prisma migrate diff`; this applies them, each in its own
// transaction (PostgreSQL has transactional DDL), recorded in a table of their own.

const LOCK_ID = 7_233_001; // any constant: one migrator at a time per database

export interface AppliedMigrations {
  applied: string[];
  skipped: string[];
}

export async function migratePostgres(url: string, migrationsDir: string): Promise<AppliedMigrations> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_migrations" (
      "name" TEXT PRIMARY KEY,
      "checksum" TEXT NOT NULL,
      "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const done = new Map(
      (
        await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM "_migrations"')
      ).rows.map((r) => [r.name, r.checksum]),
    );
    const result: AppliedMigrations = { applied: [], skipped: [] };
    for (const name of readdirSync(migrationsDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()) {
      const sql = readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const recorded = done.get(name);
      if (recorded !== undefined) {
        // An applied migration edited afterwards would leave databases that differ silently.
        if (recorded !== checksum) throw new Error(`migration ${name} was changed after it was applied`);
        result.skipped.push(name);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO "_migrations" (name, checksum) VALUES ($1, $2)', [name, checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${name} failed`, { cause: err });
      }
      result.applied.push(name);
    }
    return result;
  } finally {
    await client.end();
  }
}
