// SQLite and PostgreSQL need one Prisma schema each (the provider is fixed per schema). The models are
// written once, in prisma/schema.prisma; the PostgreSQL schema is derived from it so the two never drift.

export const POSTGRES_SCHEMA_PATH = 'prisma/postgresql/schema.prisma';

/** The PostgreSQL client is generated beside @prisma/client, so both resolve from node_modules. */
export const POSTGRES_CLIENT_MODULE = '.prisma-postgresql/client';

const HEADER =
  '// Generated from prisma/schema.prisma by `npm run prisma:schemas`; edit that file, not this one.\n';

export function postgresSchemaFrom(sqliteSchema: string): string {
  const withGenerator = sqliteSchema.replace(
    /generator client \{[^}]*\}/,
    [
      'generator client {',
      '  provider   = "prisma-client-js"',
      '  engineType = "client"',
      `  output     = "../../node_modules/${POSTGRES_CLIENT_MODULE}"`,
      '}',
    ].join('\n'),
  );
  const withDatasource = withGenerator.replace(
    /datasource db \{[^}]*\}/,
    [
      'datasource db {',
      '  provider = "postgresql"',
      '  url      = "postgresql://unused" // the driver adapter supplies the real connection',
      '}',
    ].join('\n'),
  );
  if (withDatasource === sqliteSchema || !withDatasource.includes('"postgresql"')) {
    throw new Error('prisma/schema.prisma: generator or datasource block not found');
  }
  return HEADER + withDatasource;
}
