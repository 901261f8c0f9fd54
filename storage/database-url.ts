// better-sqlite3 takes a file path; users and Prisma speak `file:` URLs. Relative paths are relative to
// the process's working directory, as with every other path in the configuration.
export function sqliteFileFromUrl(url: string): string {
  if (!url.startsWith('file:')) {
    throw new Error(`DATABASE_URL must be a file: URL for SQLite, got a ${url.split(':')[0]}: URL`);
  }
  return url.slice('file:'.length);
}
