import { spawnSync } from 'node:child_process';
import { prismaScript, repoRoot } from './paths';

/** Applies the committed migrations to the database; the same step for start-up and for tests. */
export function migrateDatabase(databaseUrl: string): void {
  const result = spawnSync('bash', [prismaScript, 'migrate', 'deploy'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`prisma migrate deploy failed for ${databaseUrl}:\n${result.stdout}${result.stderr}`);
  }
}
