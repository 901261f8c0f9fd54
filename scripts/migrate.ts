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

// `npm run migrate`: the app's migrations applied to DATABASE_URL, as a deploy step before the new build
// starts (npm start and npm run cluster do it themselves).
if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('migrate: set DATABASE_URL (postgresql://… or file:…)');
    process.exit(2);
  }
  migrateDatabase(url).then(
    () => console.log(`migrate: ${redactDatabaseUrl(url)} is up to date`),
    (err: unknown) => {
      console.error(`migrate: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
