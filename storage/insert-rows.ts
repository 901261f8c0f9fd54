import { Prisma } from '@prisma/client';

// One multi-row INSERT instead of a Prisma call per row. Prisma's query compiler (WebAssembly) and
// interpreter cost about 2 ms of CPU a call here, which made the projection write most of the worker's CPU
// (docs/benchmarks.md); a raw statement skips both. Values still go as parameters, so the driver adapter
// writes dates and booleans exactly as it does for Prisma's own calls. The SQL is what SQLite (3.24+) and
// PostgreSQL both accept, identifiers quoted.

/** Rows per statement: under SQLite's 32,766 parameters for every table here. */
const ROWS_PER_STATEMENT = 500;

const quoted = (name: string) => `"${name}"`;

/** INSERT statements for `rows`, `onConflict` after each (e.g. ON CONFLICT … DO NOTHING). */
export function insertStatements<Row extends Record<string, unknown>>(
  table: string,
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
  onConflict: Prisma.Sql = Prisma.empty,
): Prisma.Sql[] {
  const names = Prisma.raw(columns.map(quoted).join(', '));
  const statements: Prisma.Sql[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const values = rows
      .slice(i, i + ROWS_PER_STATEMENT)
      .map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => row[c] ?? null))})`);
    statements.push(
      Prisma.sql`INSERT INTO ${Prisma.raw(quoted(table))} (${names}) VALUES ${Prisma.join(values)} ${onConflict}`,
    );
  }
  return statements;
}

/** `"a" = excluded."a", …`: an upsert's update of every column but the key. */
export function takeExcluded(columns: readonly string[]): Prisma.Sql {
  return Prisma.raw(columns.map((c) => `${quoted(c)} = excluded.${quoted(c)}`).join(', '));
}
