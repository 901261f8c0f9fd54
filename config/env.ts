import { z } from 'zod';

// Shared pieces of every process's configuration. Each process composes its own schema from these and
// parses process.env once at start; nothing else reads the environment.

export const hostPort = z
  .string()
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, { error: 'host:port, e.g. localhost:7233', abort: true })
  .refine((v) => Number(v.split(':')[1]) <= 65535, 'host:port with a port between 0 and 65535');

export const port = z.coerce
  .number({ error: 'a port number' })
  .int('a whole port number')
  .min(0, 'a port between 0 and 65535')
  .max(65535, 'a port between 0 and 65535');

export const temporalFields = {
  TASK_QUEUE: z.string().min(1).default('incidents'),
};

export const DATA_DIR = z.string().min(1).default('./data');

export const databaseUrl = z
  .string()
  .regex(
    /^(file:.+|postgres(ql)?:\/\/.+)$/,
    'a SQLite file URL such as file:./data/app.db, or postgresql://user:password@host:5432/db',
  )
  .optional();

export const defaultDatabaseUrl = (dataDir: string) => `file:${dataDir.replace(/\/$/, '')}/app.db`;

/** DATABASE_URL unset: the SQLite file in DATA_DIR. */
export const withDefaultDatabaseUrl = <E extends { DATA_DIR: string; DATABASE_URL?: string | undefined }>(
  e: E,
) => ({
  ...e,
  DATABASE_URL: e.DATABASE_URL ?? defaultDatabaseUrl(e.DATA_DIR),
});

export class ConfigError extends Error {
  constructor(
    readonly processName: string,
    readonly problems: { variable: string; issue: string }[],
  ) {
    super(
      `${processName}: bad configuration\n` + problems.map((p) => `  ${p.variable}: ${p.issue}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Parses the environment with a process's schema, or throws a ConfigError naming each bad variable. */
export function parseEnv<S extends z.ZodType>(
  processName: string,
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  // Empty (or blank) values mean "unset" to people who write `FOO= npm start`.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    processName,
    // The variable is the first path element (API_KEYS, not API_KEYS.0): that is what the user set.
    result.error.issues.map((i) => ({ variable: String(i.path[0] ?? '(environment)'), issue: i.message })),
  );
}

/** How a process reports the error that stopped it: the message and its causes, no stack trace. */
export function describeFailure(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  while (e instanceof Error && parts.length < 5) {
    parts.push(e.message);
    e = e.cause;
  }
  if (e !== undefined && !(e instanceof Error)) parts.push(JSON.stringify(e));
  return parts.join(': ');
}

/** Entry points call this: a bad value stops the process with the message, never a stack trace. */
export function loadConfigOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
