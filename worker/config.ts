import { z } from 'zod';
import {
  DATA_DIR,
  databaseUrl,
  withDefaultDatabaseUrl,
  hostPort,
  parseEnv,
  temporalFields,
} from '../config/env';

const WorkerEnv = z
  .object({
    TEMPORAL_ADDRESS: hostPort.default('localhost:7233'),
    ...temporalFields,
    DATA_DIR,
    DATABASE_URL: databaseUrl,
  })
  .transform(withDefaultDatabaseUrl);
export type WorkerConfig = z.infer<typeof WorkerEnv>;

export const loadWorkerConfig = (env: Record<string, string | undefined>): WorkerConfig =>
  parseEnv('worker', WorkerEnv, env);
