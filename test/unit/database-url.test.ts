import { readFileSync } from 'node:fs';
import path from 'node:path';
import { databaseKind, redactDatabaseUrl, sqliteFileFromUrl } from '../../storage/database-url';
import { POSTGRES_SCHEMA_PATH, postgresSchemaFrom } from '../../storage/postgres-schema';

const root = path.join(__dirname, '..', '..');

describe('database URLs and schemas', () => {
  test('file: URLs are SQLite, postgres(ql):// URLs are PostgreSQL, anything else is refused by name', () => {
    expect(databaseKind('file:./data/app.db')).toBe('sqlite');
    expect(databaseKind('postgresql://u:p@db:5432/incidents')).toBe('postgresql');
    expect(databaseKind('postgres://u@db/incidents')).toBe('postgresql');
    expect(() => databaseKind('mysql://u@db/x')).toThrow(/got a mysql: URL/);
    expect(sqliteFileFromUrl('file:/tmp/a.db')).toBe('/tmp/a.db');
  });

  test('a password never reaches a message', () => {
    expect(redactDatabaseUrl('postgresql://app:s3cret@db:5432/x')).toBe('postgresql://app:***@db:5432/x');
    expect(redactDatabaseUrl('file:./data/app.db')).toBe('file:./data/app.db');
  });

  test('the committed PostgreSQL schema is derived from the SQLite one (npm run prisma:schemas)', () => {
    const sqlite = readFileSync(path.join(root, 'prisma', 'schema.prisma'), 'utf8');
    const committed = readFileSync(path.join(root, POSTGRES_SCHEMA_PATH), 'utf8');
    expect(committed).toBe(postgresSchemaFrom(sqlite));
    expect(committed).toContain('provider = "postgresql"');
    expect(committed).not.toContain('"sqlite"');
  });
});
