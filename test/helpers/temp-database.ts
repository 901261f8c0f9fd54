import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import { migrateDatabase } from '../../scripts/migrate';
import { createPrisma } from '../../storage/prisma';

/** A fresh folder with a migrated SQLite database, the way `npm start` prepares one. */
export async function tempDataDir(prefix: string): Promise<{
  dir: string;
  databaseUrl: string;
  openPrisma: () => PrismaClient;
}> {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  const databaseUrl = `file:${path.join(dir, 'app.db')}`;
  await migrateDatabase(databaseUrl);
  return { dir, databaseUrl, openPrisma: () => createPrisma(databaseUrl) };
}
