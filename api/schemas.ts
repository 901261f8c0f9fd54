import { z } from 'zod';
import { Metrics } from '../plans/plan-schema';

export const CreateIncidentBody = z.strictObject({
  planId: z.string().min(1),
  title: z.string().trim().min(1).max(500),
  summary: z.string().max(20_000).default(''),
  /** When the incident was found; defaults to the moment of intake. */
  discoveredAt: z.iso.datetime({ offset: true }).optional(),
  /** Explicit level; unset: suggested from metrics by the plan's thresholds. */
  level: z.string().min(1).optional(),
  metrics: Metrics.optional(),
  reporter: z.string().trim().min(1).max(200),
  source: z
    .strictObject({
      platform: z.string().min(1).max(200),
      url: z.url().optional(),
      account: z.string().max(200).optional(),
    })
    .optional(),
});
export type CreateIncidentBody = z.infer<typeof CreateIncidentBody>;

export const IncidentParams = z.strictObject({ id: z.uuid('an incident id (UUID)') });
