import { z } from 'zod';
import { DATA_DIR, databaseUrl, withDefaultDatabaseUrl, parseEnv, port, temporalFields } from '../config/env';
import { type TemporalConnection, withTemporalConnection } from '../config/temporal-connection';

export const apiKeys = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k.length > 0),
  )
  .pipe(z.array(z.string().min(16, 'each key at least 16 characters')).min(1, 'at least one key'));

const ApiEnv = z
  .object({
    PORT: port.default(3000),
    ...temporalFields,
    DATA_DIR,
    DATABASE_URL: databaseUrl,
    /** Comma-separated bearer keys; unset: the key kept in the data folder. */
    API_KEYS: apiKeys.optional(),
    /** on: keep the Incident* search attributes (the Temporal server must have them registered). */
    SEARCH_ATTRIBUTES: z.enum(['on', 'off']).default('off'),
    /** Folder of user plans (*.json) added to the built-in catalog. */
    PLANS_DIR: z.string().min(1).optional(),
    /** JSON file of people and their plan roles, applied at every start (see config/people.example.json). */
    PEOPLE_FILE: z.string().min(1).optional(),
    /** Secret that signs approval links (the worker's too); unset: the one kept in the data folder. */
    LINK_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    /** Where approvers reach the service (the worker's links point there); the page takes posts from it only. */
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
  })
  .transform(withDefaultDatabaseUrl);
export type ApiConfig = z.infer<typeof ApiEnv> & { temporal: TemporalConnection };

export const loadApiConfig = (env: Record<string, string | undefined>): ApiConfig =>
  withTemporalConnection('api', env, () => parseEnv('api', ApiEnv, env));
