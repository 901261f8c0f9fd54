import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { databaseKind, redactDatabaseUrl } from '../storage/database-url';
import { migratePostgres } from '../storage/migrate-postgres';
import { POSTGRES_SCHEMA_PATH } from '../storage/postgres-schema';
import { prismaScript, repoRoot } from './paths';

/** Applies the committed migrations to the database; the same step for start-up and for tests. */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  if (databaseKind(databaseUrl) === 'postgresql') {
    await migratePostgres(databaseUrl, path.join(repoRoot, path.dirname(POSTGRES_SCHEMA_PATH), 'migrations'));
    return;
  }
  const result = spawnSync('bash', [prismaScript, 'migrate', 'deploy'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `prisma migrate deploy failed for ${redactDatabaseUrl(databaseUrl)}:\n${result.stdout}${result.stderr}`,
    );
  }
}
