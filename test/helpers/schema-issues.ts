import type { z } from 'zod';

/**
 * What the schema finds wrong with a value: [] when it is exactly what the schema documents. The API's
 * answer schemas are closed, so a field they do not name is an issue too. Issues, not a boolean, so a
 * failing test names the field.
 */
export const schemaIssues = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues ?? [];
