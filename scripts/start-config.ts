import { z } from 'zod';
import { apiKeys } from '../api/config';
import {
  DATA_DIR,
  databaseUrl,
  withDefaultDatabaseUrl,
  hostPort,
  parseEnv,
  port,
  temporalFields,
} from '../config/env';

const StartEnv = z
  .object({
    PORT: port.default(3000),
    DATA_DIR,
    /** Both unset: run the embedded Temporal dev server with its state in DATA_DIR. */
    TEMPORAL_ADDRESS: hostPort.optional(),
    TEMPORAL_PROFILE: z.string().optional(),
    ...temporalFields,
    /** The embedded dev server's namespace (another cluster's is read with its connection settings). */
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    DATABASE_URL: databaseUrl,
    API_KEYS: apiKeys.optional(),
    /** Unset: on with the embedded dev server (it registers them), off with another cluster. */
    SEARCH_ATTRIBUTES: z.enum(['on', 'off']).optional(),
    TEMPORAL_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
  })
  .transform(withDefaultDatabaseUrl);
export type StartConfig = z.infer<typeof StartEnv>;

export const loadStartConfig = (env: Record<string, string | undefined>): StartConfig =>
  parseEnv('npm start', StartEnv, env);
