// Users and Prisma speak URLs: `file:` for the embedded SQLite default, `postgresql://` (or `postgres://`)
// for the scale-out option. Relative SQLite paths are relative to the process's working directory, as
// with every other path in the configuration.

export type DatabaseKind = 'sqlite' | 'postgresql';

export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  throw new Error(
    `DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL, got a ${url.split(':')[0]}: URL`,
  );
}

export function sqliteFileFromUrl(url: string): string {
  if (databaseKind(url) !== 'sqlite') {
    throw new Error(`DATABASE_URL must be a file: URL for SQLite, got a ${url.split(':')[0]}: URL`);
  }
  return url.slice('file:'.length);
}

/** The URL with its password masked, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
