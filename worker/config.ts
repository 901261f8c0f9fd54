import { z } from 'zod';
import { DATA_DIR, databaseUrl, withDefaultDatabaseUrl, parseEnv, port, temporalFields } from '../config/env';
import { type TemporalConnection, withTemporalConnection } from '../config/temporal-connection';

/** Worker versioning, for the worker and for `npm run cluster`, which passes them on to its workers. */
export const workerVersioningFields = {
  /** The build this worker runs; unset, the worker is unversioned. */
  WORKER_BUILD_ID: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$/, 'letters, digits and . _ + - (up to 255)')
    .optional(),
  /** The Worker Deployment the build belongs to. */
  WORKER_DEPLOYMENT: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/, 'letters, digits, _ and - (up to 255)')
    .default('incident-orchestrator'),
};

const WorkerEnv = z
  .object({
    ...temporalFields,
    DATA_DIR,
    DATABASE_URL: databaseUrl,
    /** smtp://user:password@host:587 (or smtps://); unset: no e-mail channel. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/.+/, 'an smtp:// or smtps:// URL')
      .optional(),
    SMTP_FROM: z.string().min(3).default('舆情应急 <incidents@localhost>'),
    /** Where approvers reach the API: the base of signed approval links. */
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).default('http://localhost:3000'),
    /** Signs approval links (the API must have the same); unset: the secret kept in DATA_DIR/link-secret. */
    LINK_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    LINK_TTL_HOURS: z.coerce.number({ error: 'hours' }).positive('more than 0 hours').default(72),
    WEBHOOK_TIMEOUT_MS: z.coerce.number({ error: 'milliseconds' }).int().min(100).default(10_000),
    /** Port of /healthz and /metrics, on every interface; 0: any free port (the worker logs which). */
    WORKER_PORT: port.default(0),
    ...workerVersioningFields,
    /** On SIGTERM/SIGINT, how long tasks in hand may take to finish before they are cut off. */
    WORKER_SHUTDOWN_GRACE_S: z.coerce.number({ error: 'seconds' }).positive('more than 0 s').default(15),
  })
  .transform(withDefaultDatabaseUrl);
export type WorkerConfig = z.infer<typeof WorkerEnv> & { temporal: TemporalConnection };

export const loadWorkerConfig = (env: Record<string, string | undefined>): WorkerConfig =>
  withTemporalConnection('worker', env, () => parseEnv('worker', WorkerEnv, env));
